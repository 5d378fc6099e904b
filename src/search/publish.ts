/**
 * Replacing an index that is being served (the dev server rebuilds into the folder it serves). Pagefind
 * writes its files in place, so a reader searching during a rebuild could fetch a half-written
 * `pagefind.js` or WebAssembly file ("invalid gzip data"). Instead the new index is written beside the
 * served one and each file is renamed into place, which is atomic on one file system: the content-hashed
 * chunks first, then the unhashed files, and last `pagefind-entry.json`, which names the chunks to load.
 * A reader therefore sees the old index or the new one, never a mix that does not load.
 */
import { mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";

/** The file that names the current chunks: it goes in last. */
const entryFile = "pagefind-entry.json";

/** Pagefind's content-hashed files: a new build names them anew, so the old ones can be removed. */
const generationFile = /(^|\/)(index|fragment|filter)\/|\.pf_meta$/;

/**
 * The chunks each served index folder had before its last publish. They are removed one publish later
 * than they stop being named: a reader who read the previous entry file a moment ago still finds them.
 */
const previousGeneration = new Map<string, Set<string>>();

/**
 * Writes an index with `write(folder)` so that it replaces `live` atomically file by file. When `live`
 * does not exist yet (a fresh build's staging folder) there is nothing to protect and it is written there.
 */
export async function publishSearchIndex(live: string, write: (folder: string) => Promise<void>): Promise<void> {
	if (!(await exists(live))) {
		// Its chunks are listed when a next publish replaces them (a build writes one index and is done).
		await write(live);
		previousGeneration.delete(live);
		return;
	}
	const staged = `${live}.next`;
	await rm(staged, { recursive: true, force: true });
	// A folder this process's last publish did not record (its first write, or one another process wrote): what
	// is there is the generation being replaced, kept one publish longer as every other is.
	const servedBefore = previousGeneration.has(live)
		? new Set<string>()
		: new Set((await listFiles(live)).filter((file) => generationFile.test(file)));
	try {
		await write(staged);
		const files = await listFiles(staged);
		const order = (file: string) => (file === entryFile ? 2 : generationFile.test(file) ? 0 : 1);
		for (const file of [...files].sort((a, b) => order(a) - order(b))) {
			await mkdir(path.dirname(path.join(live, file)), { recursive: true });
			await rename(path.join(staged, file), path.join(live, file));
		}
		const current = new Set(files.filter((file) => generationFile.test(file)));
		const keep = previousGeneration.get(live) ?? servedBefore;
		for (const file of await listFiles(live)) {
			if (generationFile.test(file) && !current.has(file) && !keep.has(file)) await rm(path.join(live, file), { force: true });
		}
		previousGeneration.set(live, current);
	} finally {
		await rm(staged, { recursive: true, force: true });
	}
}

async function exists(folder: string): Promise<boolean> {
	return stat(folder).then(
		() => true,
		() => false,
	);
}

/** Every file under `folder`, as `/`-separated paths relative to it. */
async function listFiles(folder: string): Promise<string[]> {
	const entries = await readdir(folder, { recursive: true, withFileTypes: true });
	return entries
		.filter((entry) => entry.isFile())
		.map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"));
}
