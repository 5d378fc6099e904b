/**
 * The form of the Pagefind bundle a browser can load from disk (`file://`): every file search needs,
 * written again into classic scripts under `pagefind/file/` that hand each file's bytes (base64) to
 * `src/browser/search-file-mode.ts` (bundled to `assets/search-file-mode.js`): a script per file, except
 * the result fragments, which share 256 scripts (`fileBundleScript`). The browser loads only the scripts
 * for the files Pagefind asks for, so opening the search page from disk costs about what a served search
 * costs; the price is disk space: about 1.35x the index data (base64 plus a line of script per file).
 */
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { mkdir, readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { inIndexPart } from "./contract.ts";
import { fileBundleScript } from "../browser/file-bundle-names.ts";
import { type IndexFiles, indexFiles, linkOrCopy, type PreviousIndex } from "./fragment-reuse.ts";

export interface FileBundleOptions {
	/**
	 * Leave the bundle out when the index data it would copy is larger than this many bytes (the output
	 * would grow by about 1.35x that). The default covers digests of about 30,000 articles (some 2 kB of index each).
	 * @default 67108864
	 */
	maxIndexBytes?: number;
	/**
	 * The previous build's index, when this one took result fragments from it: a script whose files are all
	 * still that build's (linked, not written again) is its script, taken as it is.
	 */
	previousIndex?: PreviousIndex;
	/**
	 * The index's files as the caller has looked at them already (`indexFiles`).
	 * @default each looked at here
	 */
	files?: IndexFiles;
}

export const fileBundleDefaults = { maxIndexBytes: 64 * 1024 * 1024 } satisfies Required<
	Omit<FileBundleOptions, "previousIndex" | "files">
>;

export interface FileBundleReport {
	/** False when the index was over `maxIndexBytes`. */
	written: boolean;
	/** Bytes of index data the bundle covers. */
	indexBytes: number;
	/** Bytes the bundle added to the output (0 when not written). */
	bundleBytes: number;
	/** Pagefind files the bundle carries. */
	files: number;
	/** Scripts they are written in. */
	scripts: number;
}

/** Folder of the bundle, inside Pagefind's own folder. */
export const fileBundleFolder = "file";

/**
 * Pagefind's files that search needs (not its UI kits or worker: the file:// shim runs Pagefind inline), by
 * their path inside an index's folder.
 */
const needed = (name: string): boolean =>
	name === "pagefind.js" || name === "pagefind-entry.json" || name.endsWith(".pf_meta") || /^(index|filter|fragment)\//.test(name);

export async function writeFileBundle(pagefindDir: string, options: FileBundleOptions = {}): Promise<FileBundleReport> {
	const { maxIndexBytes, previousIndex, files: index = indexFiles(pagefindDir) } = { ...fileBundleDefaults, ...options };
	const listed = await listFiles(pagefindDir);
	// A split index's other parts (`shards/N/`, each a Pagefind bundle of its own) travel in the same
	// bundle, by their paths inside `pagefind/`. Pagefind writes a WebAssembly file per language it knows;
	// only those each part's index uses are needed.
	const wasm = new Set<string>();
	for (const file of listed) {
		const { part, path: inPart } = inIndexPart(file);
		if (inPart !== "pagefind-entry.json") continue;
		const entry = JSON.parse(await readFile(path.join(pagefindDir, file), "utf8")) as {
			languages: Record<string, { wasm?: string }>;
		};
		for (const language of Object.values(entry.languages)) wasm.add(`${part}wasm.${language.wasm}.pagefind`);
	}
	const names = listed
		.filter((name) => {
			const inPart = inIndexPart(name).path;
			return inPart.startsWith("wasm.") ? wasm.has(name) : needed(inPart);
		})
		.sort();
	let indexBytes = 0;
	for (const name of names) indexBytes += index.size(name);
	if (indexBytes > maxIndexBytes) return { written: false, indexBytes, bundleBytes: 0, files: 0, scripts: 0 };
	// Scripts in name order, each file's line in name order: the same index gives the same bytes.
	const scripts = new Map<string, string[]>();
	for (const name of names) {
		const script = fileBundleScript(name);
		const files = scripts.get(script);
		if (files) files.push(name);
		else scripts.set(script, [name]);
	}
	for (const folder of new Set([...scripts.keys()].map((script) => path.dirname(path.join(pagefindDir, fileBundleFolder, script)))))
		await mkdir(folder, { recursive: true });
	let bundleBytes = 0;
	// Read and written synchronously, one after another: 10,000 small files so took half the time of 16
	// promise chains (0.34-0.45 s against 0.66-1.04 s). Only a build writes the bundle (the dev server has
	// no file:// search), so nothing else waits on this thread meanwhile.
	for (const [script, files] of scripts) {
		const target = path.join(pagefindDir, fileBundleFolder, script);
		if (previousIndex && sameScript(previousIndex, script, files)) {
			linkOrCopy(path.join(previousIndex.dir, fileBundleFolder, script), target);
			bundleBytes += statSync(target).size;
			continue;
		}
		// JSON.stringify serialises both strings: the names are Pagefind's own and base64 has no quotes.
		const text = files
			.map((name) => `topicDigestPagefindFile(${JSON.stringify(name)},${JSON.stringify(index.contents(name).toString("base64"))});\n`)
			.join("");
		writeFileSync(target, text);
		bundleBytes += Buffer.byteLength(text);
	}
	return { written: true, indexBytes, bundleBytes, files: names.length, scripts: scripts.size };
}

/**
 * Whether the previous build's `script` carries exactly `files`, each of them still that build's file
 * (linked into this index): the script written now would be the same.
 */
function sameScript(previous: PreviousIndex, script: string, files: readonly string[]): boolean {
	if (!files.every((name) => previous.unchanged(name))) return false;
	let text: string;
	try {
		text = readFileSync(path.join(previous.dir, fileBundleFolder, script), "utf8");
	} catch {
		return false;
	}
	const carried = Array.from(text.matchAll(/^topicDigestPagefindFile\(("[^"]*")/gm), (match) => JSON.parse(match[1] as string) as string);
	return carried.length === files.length && carried.every((name, index) => name === files[index]);
}

async function listFiles(dir: string): Promise<string[]> {
	const entries = await readdir(dir, { recursive: true, withFileTypes: true });
	return entries
		.filter((entry) => entry.isFile())
		.map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"));
}
