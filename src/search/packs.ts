/**
 * The search data grouped into a few packs, so that a reader who makes search available offline fetches
 * a dozen files, not one per article (src/search/offline.ts writes them, the service worker unpacks
 * them). Each pack is named by a hash of its bytes, and files are assigned to packs by a hash of their
 * own (content-hashed) names, not by their position in a list: a new article changes the pack that holds
 * its fragment and the packs of the index chunks its words changed, and every other pack keeps its name,
 * so an offline copy updates by fetching only those.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { gunzipSync, gzip } from "node:zlib";
import { inIndexPart, shardFolder } from "./contract.ts";
import { type IndexFiles, indexFiles, type PreviousIndex, type ReadFragments, readFragment } from "./fragment-reuse.ts";

export interface PackOptions {
	/**
	 * About how many bytes one pack of index chunks or of result fragments holds. The number of such packs
	 * is a power of two, so that it changes only when the data doubles or halves (and with it every name).
	 * @default 1048576
	 */
	packBytes?: number;
	/**
	 * The index's files as the caller has looked at them already (`indexFiles`).
	 * @default each looked at here
	 */
	files?: IndexFiles;
}

export const packDefaults = { packBytes: 1024 * 1024 } satisfies Required<Omit<PackOptions, "files">>;

/** One pack: its group (`engine`, `meta`, `index-3`, …) and the files in it, by path inside `pagefind/`. */
export interface PackPlan {
	group: string;
	files: string[];
}

/**
 * The Pagefind bundles of a site's index, as folders relative to `pagefind/`: `""` for the index itself,
 * then `shards/1/`, `shards/2/`, … when it is split (src/search/contract.ts), newest first.
 */
export async function indexFolders(pagefindDir: string): Promise<string[]> {
	const shards = await readdir(path.join(pagefindDir, "shards"), { withFileTypes: true }).catch(() => []);
	const numbers = shards
		.filter((entry) => entry.isDirectory() && /^[1-9]\d*$/.test(entry.name))
		.map((entry) => Number(entry.name))
		.sort((a, b) => a - b);
	return ["", ...numbers.map((n) => `${shardFolder(n)}/`)];
}

/** Every file of the bundle that searching needs, grouped; paths are relative to the `pagefind/` folder. */
export async function planPacks(pagefindDir: string, options: PackOptions = {}): Promise<PackPlan[]> {
	const { packBytes, files: index = indexFiles(pagefindDir) } = { ...packDefaults, ...options };
	const engine: string[] = [];
	const meta: string[] = [];
	// Each index of a split one is a whole bundle of its own: its engine and names go in the same packs.
	const folders = await indexFolders(pagefindDir);
	for (const folder of folders) {
		const dir = path.join(pagefindDir, folder);
		const entry = JSON.parse(await readFile(path.join(dir, "pagefind-entry.json"), "utf8")) as {
			languages: Record<string, { wasm?: string }>;
		};
		const wasm = [...new Set(Object.values(entry.languages).map((language) => `wasm.${language.wasm ?? "unknown"}.pagefind`))];
		const top = (await readdir(dir)).sort();
		engine.push(...["pagefind.js", "pagefind-worker.js", ...wasm.filter((name) => top.includes(name))].map((name) => folder + name));
		meta.push(
			`${folder}pagefind-entry.json`,
			...top.filter((name) => name.endsWith(".pf_meta")).map((name) => folder + name),
			...(await sizedFiles(pagefindDir, `${folder}filter`, index)).map(([name]) => name),
		);
	}
	const plans: PackPlan[] = [
		// Pagefind's own code: changes only when Pagefind does.
		{ group: "engine", files: engine },
		// What names the chunks: changes with every build that changes the index.
		{ group: "meta", files: meta },
	];
	for (const folder of ["index", "fragment"]) {
		const files = (await Promise.all(folders.map((prefix) => sizedFiles(pagefindDir, `${prefix}${folder}`, index)))).flat();
		const total = files.reduce((sum, [, size]) => sum + size, 0);
		let count = 1;
		while (total / count > packBytes && count < 256) count *= 2;
		const buckets = Array.from({ length: count }, () => [] as string[]);
		for (const [name] of files) buckets[bucketOf(name, count)]?.push(name);
		buckets.forEach((bucket, index) => {
			if (bucket.length > 0) plans.push({ group: `${folder}-${index}`, files: bucket });
		});
	}
	return plans;
}

/** A stable bucket for a file name: the first four bytes of its SHA-256, modulo a power of two. */
function bucketOf(name: string, count: number): number {
	return createHash("sha256").update(name).digest().readUInt32BE(0) % count;
}

/** The files of `pagefindDir/folder`, sorted, as `[path inside pagefind/, bytes]`. */
async function sizedFiles(pagefindDir: string, folder: string, index: IndexFiles): Promise<[string, number][]> {
	const entries = await readdir(path.join(pagefindDir, folder), { withFileTypes: true }).catch(() => []);
	const names = entries
		.filter((entry) => entry.isFile())
		.map((entry) => entry.name)
		.sort();
	return names.map((name) => [`${folder}/${name}`, index.size(`${folder}/${name}`)]);
}

/**
 * A pack's bytes: a 4-byte big-endian length, that many bytes of JSON listing `[path, bytes]` for each
 * file, then the files one after the other. Read by `unpack()` in src/browser/packs.ts.
 *
 * `compressed` (the result fragments): each file is stored as Pagefind reads it after decompressing
 * (Pagefind takes such bytes as they are, by their `pagefind_dcd` signature) and the whole pack is
 * gzipped, so that what the fragments share (JSON keys, topic and source names, words) is compressed
 * once: 2.4x smaller than the fragments gzipped one by one (2,000 news items: 1,075 kB as Pagefind
 * writes them, 449 kB as one stream). Index chunks gain nothing from it (1,096 kB against 1,065 kB).
 */
export async function writePackBytes(
	pagefindDir: string,
	files: string[],
	{
		compressed = false,
		index = indexFiles(pagefindDir),
		read,
	}: {
		compressed?: boolean;
		index?: IndexFiles;
		/** Where to note each result fragment's page and hash, for the render record (`readFragment`). */
		read?: ReadFragments;
	} = {},
): Promise<Buffer> {
	// A pack of fragments is a thousand files of a few kB: read synchronously they took a fifth of the time
	// of a promise each (10,000 news items: 0.07 s against 0.35-0.41 s). Only a build writes packs.
	const contents = files.map((file) => {
		const bytes = index.contents(file);
		if (!(compressed && isGzip(bytes))) return bytes;
		const decompressed = gunzipSync(bytes);
		const { part, path: inPart } = inIndexPart(file);
		if (read && inPart.startsWith(fragmentFolder)) readFragment(read, `${part}${inPart.slice(fragmentFolder.length)}`, bytes, decompressed);
		return decompressed;
	});
	const header = Buffer.from(JSON.stringify(files.map((file, index) => [file, contents[index]?.length ?? 0])));
	const length = Buffer.alloc(4);
	length.writeUInt32BE(header.length);
	const pack = Buffer.concat([length, header, ...contents]);
	// Level 9 and no file name or time in the gzip header: the same files give the same bytes. Compressed
	// on libuv's threads, so that packs compress side by side (writePacks) and beside the main thread.
	return compressed ? gzipAsync(pack, { level: 9 }) : pack;
}

const gzipAsync = promisify(gzip);

/** Where an index keeps its result fragments (a split index's other parts' are noted under `shards/N/`). */
const fragmentFolder = "fragment/";

const isGzip = (bytes: Buffer): boolean => bytes[0] === 0x1f && bytes[1] === 0x8b;

/** The first 16 hex digits of the SHA-256 of `bytes`: a pack's name. */
export const contentName = (bytes: Buffer): string => createHash("sha256").update(bytes).digest("hex").slice(0, 16);

/** The paths a pack's header lists (src/browser/packs.ts reads the same layout); gunzipped first when compressed. */
export function packFiles(bytes: Buffer): string[] {
	const pack = isGzip(bytes) ? gunzipSync(bytes) : bytes;
	const header = JSON.parse(pack.subarray(4, 4 + pack.readUInt32BE(0)).toString("utf8")) as [string, number][];
	return header.map(([file]) => file);
}

/**
 * Whether the previous build's pack of `plan`'s group (`previousPack`, a path inside its `pagefind/`)
 * holds what a pack written now would: it lists exactly `plan.files`, and each of them is still the
 * previous build's file (linked into this index, as carried-over fragments are, not written again).
 * A rebuild that changed one article then compresses only the pack of its fragment, and links the others
 * (10,000 news items: 8 packs of ~60 ms each).
 */
export function samePack(previous: PreviousIndex, previousPack: string, plan: PackPlan): boolean {
	if (!plan.files.every((file) => previous.unchanged(file))) return false;
	try {
		const bytes = readFileSync(path.join(previous.dir, previousPack));
		// Its bytes are still those its name is the hash of (nothing wrote into it since).
		if (!path.basename(previousPack).endsWith(`-${contentName(bytes)}.pack`)) return false;
		const files = packFiles(bytes);
		return files.length === plan.files.length && files.every((file, index) => file === plan.files[index]);
	} catch {
		// Gone, or not a pack this code reads: written again.
		return false;
	}
}
