/**
 * The search data grouped into a few packs, so that a reader who makes search available offline fetches
 * a dozen files, not one per article (src/search/offline.ts writes them, the service worker unpacks
 * them). Each pack is named by a hash of its bytes, and files are assigned to packs by a hash of their
 * own (content-hashed) names, not by their position in a list: a new article changes the pack that holds
 * its fragment and the packs of the index chunks its words changed, and every other pack keeps its name,
 * so an offline copy updates by fetching only those.
 */
import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";

export interface PackOptions {
	/**
	 * About how many bytes one pack of index chunks or of result fragments holds. The number of such packs
	 * is a power of two, so that it changes only when the data doubles or halves (and with it every name).
	 * @default 1048576
	 */
	packBytes?: number;
}

export const packDefaults = { packBytes: 1024 * 1024 } satisfies Required<PackOptions>;

/** One pack: its group (`engine`, `meta`, `index-3`, …) and the files in it, by path inside `pagefind/`. */
export interface PackPlan {
	group: string;
	files: string[];
}

/** Every file of the bundle that searching needs, grouped; paths are relative to the `pagefind/` folder. */
export async function planPacks(pagefindDir: string, options: PackOptions = {}): Promise<PackPlan[]> {
	const { packBytes } = { ...packDefaults, ...options };
	const entry = JSON.parse(await readFile(path.join(pagefindDir, "pagefind-entry.json"), "utf8")) as {
		languages: Record<string, { wasm?: string }>;
	};
	const wasm = [...new Set(Object.values(entry.languages).map((language) => `wasm.${language.wasm ?? "unknown"}.pagefind`))];
	const top = (await readdir(pagefindDir)).sort();
	const plans: PackPlan[] = [
		// Pagefind's own code: changes only when Pagefind does.
		{ group: "engine", files: ["pagefind.js", "pagefind-worker.js", ...wasm.filter((name) => top.includes(name))] },
		// What names the chunks: changes with every build that changes the index.
		{
			group: "meta",
			files: [
				"pagefind-entry.json",
				...top.filter((name) => name.endsWith(".pf_meta")),
				...(await sizedFiles(pagefindDir, "filter")).map(([name]) => name),
			],
		},
	];
	for (const folder of ["index", "fragment"]) {
		const files = await sizedFiles(pagefindDir, folder);
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
async function sizedFiles(pagefindDir: string, folder: string): Promise<[string, number][]> {
	const entries = await readdir(path.join(pagefindDir, folder), { withFileTypes: true }).catch(() => []);
	const names = entries
		.filter((entry) => entry.isFile())
		.map((entry) => entry.name)
		.sort();
	const sized: [string, number][] = [];
	for (const name of names) sized.push([`${folder}/${name}`, (await stat(path.join(pagefindDir, folder, name))).size]);
	return sized;
}

/**
 * A pack's bytes: a 4-byte big-endian length, that many bytes of JSON listing `[path, bytes]` for each
 * file, then the files one after the other. Read by `unpack()` in src/browser/packs.ts.
 */
export async function writePackBytes(pagefindDir: string, files: string[]): Promise<Buffer> {
	const contents = await Promise.all(files.map((file) => readFile(path.join(pagefindDir, file))));
	const header = Buffer.from(JSON.stringify(files.map((file, index) => [file, contents[index]?.length ?? 0])));
	const length = Buffer.alloc(4);
	length.writeUInt32BE(header.length);
	return Buffer.concat([length, header, ...contents]);
}

/** The first 16 hex digits of the SHA-256 of `bytes`: a pack's name. */
export const contentName = (bytes: Buffer): string => createHash("sha256").update(bytes).digest("hex").slice(0, 16);
