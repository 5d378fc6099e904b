/**
 * A build that finds the site it built last time carries over every page whose view is unchanged instead of
 * rendering it again: the file is linked into the new folder (or copied, where a link cannot be made), or
 * rewritten with the new newest date when only that changed. This is the dev server's incremental rule
 * (src/commands/incremental.ts: a page is a function of its view) across processes, so two more things
 * must hold, and a record in the cache folder says whether they do:
 *
 * - the code and settings that turn views into pages are those of the last build: the record's fingerprint
 *   hashes the project's sources, templates and lock file, Node's version and the build's options;
 * - each file is the one that build wrote: the record keeps its inode, size and modification time, so a
 *   file another build, a dev server or an editor replaced since is rendered again.
 *
 * Everything else (site-wide pages, feeds, assets, the search index) is made as in any build, and the
 * result is byte for byte that of a build from scratch (carry-over.test.ts). Without a record, with
 * `cacheDir: false` or with a different fingerprint, every page is rendered.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { codeFingerprint } from "../content/article-cache.ts";
import type { BuildSession } from "../eleventy/options.ts";
import { allPages, filterPages, forEachPage, outputFileOfUrl, type PageLists } from "../model/page-kinds.ts";
import type { SiteModel } from "../model/collections.ts";
import { projectRoot } from "../paths.ts";
import { type PageHash, pageHash } from "../search/offline.ts";
import {
	type FileIdentity,
	fragmentUrls,
	linkOrCopy,
	type ReadFragments,
	type RecordedFile,
	type RecordedFragment,
	sameBytes,
} from "../search/fragment-reuse.ts";
import { newestGone, type ViewHashes, withNewest } from "./incremental.ts";
import { type RecordedIndex, type RecordedPart, recordIndex } from "../search/index-reuse.ts";
import { inIndexPart } from "../search/contract.ts";

const format = "topic-digest-render-record-1";

/**
 * What the last build wrote, per page of the table: enough to trust its file without reading it, or, in
 * an output folder restored from a cache, to check it by its bytes. `sha256` is of the file's content,
 * hex, as the offline version hashes it (src/search/offline.ts).
 */
interface RecordedPage extends RecordedFile {
	/** The hash of the page's view (incremental.ts), the newest date left out. */
	view: string;
}

export interface RenderRecord {
	format: string;
	fingerprint: string;
	/** The newest article's date the pages carry (`data-newest`). */
	newest?: string;
	pages: Record<string, RecordedPage>;
	/** The search index's result fragments, by file name (src/search/fragment-reuse.ts). */
	fragments?: Record<string, RecordedFragment>;
	/** The search index's other files, when it can be taken whole next time (src/search/index-reuse.ts). */
	index?: RecordedIndex;
	/** A split index's other parts (`pagefind/shards/N/`), as `fragments` and `index` are kept of the first. */
	shards?: RecordedPart[];
}

/** Every index of the last build's record: the site's own, then a split index's other parts. */
export const recordedParts = (record: RenderRecord): RecordedPart[] => [
	{ folder: "", fragments: record.fragments ?? {}, ...(record.index ? { index: record.index } : {}) },
	...(record.shards ?? []),
];

/** The pages to render, and those carried over with what the offline version needs of them. */
export interface CarriedPages {
	render: PageLists;
	carried: PageHash[];
}

/** The project's sources, templates and lock file: what the fingerprint hashes. */
const codeFolders = ["src", "layouts"];
const codeFiles = ["eleventy.config.ts", "package.json", "package-lock.json"];

/** The options that can change a page's bytes: every flag, not what a build hands over at run time. */
function settingsOf(session: BuildSession): Record<string, unknown> {
	const { cacheDir: _cache, ...flags } = session;
	return Object.fromEntries(Object.entries(flags).filter(([, value]) => value === null || typeof value !== "object"));
}

/** The fingerprint of the code and settings a build renders with. */
export async function renderFingerprint(session: BuildSession): Promise<string> {
	const files: string[] = [];
	for (const folder of codeFolders) {
		const entries = await readdir(path.join(projectRoot, folder), { recursive: true, withFileTypes: true });
		for (const entry of entries) if (entry.isFile()) files.push(path.join(entry.parentPath, entry.name));
	}
	const code = await codeFingerprint(
		[...files.sort(), ...codeFiles.map((file) => path.join(projectRoot, file))].map((file) => pathToFileURL(file)),
	);
	return createHash("sha256")
		.update(format)
		.update(process.version)
		.update(JSON.stringify(settingsOf(session)))
		.update(code)
		.digest("hex");
}

/** The record of the build of `outputDir`, kept in the cache folder. */
const recordFile = (cacheDir: string, outputDir: string): string =>
	path.join(cacheDir, "render", `${createHash("sha256").update(path.resolve(outputDir)).digest("hex").slice(0, 16)}.json`);

/** The last build's record of `outputDir`, when it was made with `fingerprint`. */
export async function readRenderRecord(cacheDir: string, outputDir: string, fingerprint: string): Promise<RenderRecord | undefined> {
	try {
		const record = JSON.parse(await readFile(recordFile(cacheDir, outputDir), "utf8")) as RenderRecord;
		return record.format === format && record.fingerprint === fingerprint ? record : undefined;
	} catch {
		return undefined;
	}
}

/**
 * Records the build just swapped into `outputDir`: every page of the table, its view hash, its content hash
 * (`written`, the pages rendered and carried over) and its file as it is now, and the search index's
 * fragments (those still linked from `previous` keep their entry, the others are read) and, given the
 * index's `indexKey`, its other files. A page missing from `written` is left out (rendered next time).
 * `files` are the output's files as the build found them once all was written (`siteFiles`). Written
 * beside and renamed, so a record is never half written.
 */
export async function writeRenderRecord(
	cacheDir: string,
	outputDir: string,
	fingerprint: string,
	hashes: ViewHashes,
	written: readonly PageHash[],
	files: ReadonlyMap<string, FileIdentity>,
	{
		previous,
		indexKey,
		readFragments,
	}: { previous?: RenderRecord | undefined; indexKey?: string | undefined; readFragments?: ReadFragments | undefined } = {},
): Promise<void> {
	const sha = new Map(written.map((page) => [page.url, page.sha256]));
	const pages: Record<string, RecordedPage> = {};
	for (const [url, view] of hashes.pages) {
		const sha256 = sha.get(url);
		if (sha256 === undefined) continue;
		const identity = files.get(outputFileOfUrl(url));
		if (identity) pages[url] = { view, sha256, ...identity };
	}
	// Each index of the site (a split one's parts, `pagefind/shards/N/`), its fragments and other files. A
	// fragment still linked from the last build keeps its entry, whichever of its parts it was in.
	const lastParts = previous ? recordedParts(previous) : [];
	const lastFragments = Object.assign({}, ...lastParts.map((part) => part.fragments)) as Record<string, RecordedFragment>;
	// Each index's fragment files by name, by the index's part (`""`, `shards/1/`, …), in one pass.
	const fragmentFiles = new Map<string, Map<string, FileIdentity>>([["", new Map()]]);
	for (const [file, identity] of files) {
		if (!file.startsWith("pagefind/")) continue;
		const { part, path: inPart } = inIndexPart(file.slice("pagefind/".length));
		const ofPart = fragmentFiles.get(part) ?? new Map<string, FileIdentity>();
		fragmentFiles.set(part, ofPart);
		if (inPart.startsWith("fragment/")) ofPart.set(inPart.slice("fragment/".length), identity);
	}
	const partNumber = (part: string) => Number(/\d+/.exec(part)?.[0] ?? 0);
	const folders = [...fragmentFiles.keys()].sort((a, b) => partNumber(a) - partNumber(b));
	const parts = folders.map((part): RecordedPart => {
		const folder = part.replace(/\/$/, "");
		const indexFolder = path.join(outputDir, "pagefind", folder);
		const fragments = fragmentUrls(indexFolder, lastFragments, fragmentFiles.get(part), readFragments, folder);
		const lastHere = lastParts.find((last) => last.folder === folder)?.index;
		const index = recordIndex(outputDir, files, indexKey, lastHere, folder);
		return { folder, fragments, ...(index ? { index } : {}) };
	});
	const [site, ...shards] = parts;
	const record: RenderRecord = {
		format,
		fingerprint,
		...(hashes.newest ? { newest: hashes.newest } : {}),
		pages,
		fragments: site?.fragments ?? {},
		...(site?.index ? { index: site.index } : {}),
		...(shards.length > 0 ? { shards } : {}),
	};
	const target = recordFile(cacheDir, outputDir);
	await mkdir(path.dirname(target), { recursive: true });
	await writeFile(`${target}.${process.pid}`, JSON.stringify(record));
	await rename(`${target}.${process.pid}`, target);
	// The records of the most recently built output folders are kept, so that builds into many temporary
	// folders (tests) do not fill the disk.
	const folder = path.dirname(target);
	const records = await readdir(folder);
	const dated = records.map((name) => ({ name, written: statSync(path.join(folder, name), { throwIfNoEntry: false })?.mtimeMs ?? 0 }));
	dated.sort((a, b) => b.written - a.written);
	await Promise.all(dated.slice(keptRecords).map(({ name }) => rm(path.join(folder, name), { force: true })));
}

/** How many output folders keep a record. */
const keptRecords = 20;

/**
 * Creates the folder of every page of the table in `staging`, in the table's order, before anything is
 * written there. Pagefind numbers pages in the order it walks the folders, and that order follows the
 * order folders were made in (on tmpfs, and on ext4 below a block of entries): made here, it is the same
 * whether a page is rendered or carried over, so both give the same index, byte for byte.
 *
 * From `apartFrom` folders, a worker thread makes them (in the same order) and the returned promise settles
 * when it is done (without one, they are made when this returns): a build that renders every page lets Eleventy prepare its first run meanwhile (10,000
 * news items: 17,000 folders, ~80 ms of the main thread while its other core is idle), and must not write
 * a page before then (`foldersMadeFirst`). Fewer are made on the calling thread, as are all without it: a
 * worker's start (~20 ms on its own thread) would save nothing.
 */
export function createPageFolders(
	staging: string,
	pages: PageLists,
	model: SiteModel,
	{ apartFrom = Number.POSITIVE_INFINITY }: { apartFrom?: number } = {},
): Promise<void> | undefined {
	const folders: string[] = [];
	const made = new Set<string>();
	forEachPage(model, pages, (_name, url) => {
		const folder = path.dirname(path.join(staging, outputFileOfUrl(url)));
		if (made.has(folder)) return;
		made.add(folder);
		folders.push(folder);
	});
	if (folders.length < apartFrom) {
		for (const folder of folders) mkdirSync(folder, { recursive: true });
		return undefined;
	}
	const worker = new Worker(makeFolders, { eval: true, workerData: folders });
	return new Promise((resolve, reject) => {
		worker.once("error", reject);
		worker.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`making the pages' folders stopped (exit code ${code})`))));
	});
}

/** The worker's code: plain JavaScript, so that it starts without a loader whether the build is compiled or not. */
const makeFolders = `const { mkdirSync } = require("node:fs");
for (const folder of require("node:worker_threads").workerData) mkdirSync(folder, { recursive: true });`;

/**
 * An Eleventy transform that holds each page until `made` settles: a transform runs between a page's
 * render and its write, so no page of the run is written into a folder made out of order.
 */
export function foldersMadeFirst(made: Promise<void>): (content: unknown) => Promise<unknown> {
	return async (content) => {
		await made;
		return content;
	};
}

/**
 * Carries the unchanged pages of `record` from `previousDir` (the site as it is) into `staging`, and says
 * which pages are left to render: of every page, or of `lists` (which `hashes` are of). A page is carried
 * over when its view hashes as recorded and its file is still the recorded one; when the newest date
 * changed, its file is rewritten with the new one (the bytes a render gives, as the dev server's
 * `updateNewest`), otherwise linked.
 */
export function carryOver(
	model: SiteModel,
	hashes: ViewHashes,
	record: RenderRecord,
	previousDir: string,
	staging: string,
	lists: PageLists = allPages(model),
): CarriedPages {
	if (newestGone(record.newest, hashes.newest)) return { render: lists, carried: [] };
	const carried: PageHash[] = [];
	const done = new Set<string>();
	for (const [url, view] of hashes.pages) {
		const recorded = record.pages[url];
		if (recorded?.view !== view) continue;
		const file = outputFileOfUrl(url);
		const source = path.join(previousDir, file);
		if (!sameBytes(source, recorded)) continue;
		const target = path.join(staging, file);
		const updated =
			record.newest && hashes.newest && record.newest !== hashes.newest && file.endsWith(".html")
				? withNewest(readFileSync(source), record.newest, hashes.newest)
				: undefined;
		if (updated !== undefined) {
			writeFileSync(target, updated);
			carried.push(pageHash(url, updated));
		} else {
			// A link shares the file with the previous site: nothing in a build writes to a carried file (the
			// pages Eleventy renders are the others), so the previous site stays as it was.
			linkOrCopy(source, target);
			carried.push({ url, sha256: recorded.sha256 });
		}
		done.add(url);
	}
	return { render: filterPages(lists, (url) => !done.has(url)), carried };
}
