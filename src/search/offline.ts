/**
 * Offline use, written after the search index: the service worker (`src/browser/service-worker.ts`) at
 * `<prefix>sw.js`, so that its scope covers the whole site, the same bytes from build to build; and the
 * search data in a few packs (src/search/packs.ts) with their manifest (`pagefind/offline.json`), which
 * the worker fetches only when the reader asks for search offline, or by itself after a first search when
 * the data is small. The build's version, a content hash of what was built, is the manifest's and
 * becomes the search page's Pagefind `metaCacheTag`, so Pagefind's metadata URL changes exactly when the
 * index does. The hash is of what was built, never of when: the same articles give the same bytes.
 */
import { createHash } from "node:crypto";
import { statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { bundledScript, retiredWorkerEntry, serviceWorkerEntry } from "../eleventy/browser-bundle.ts";
import { manifestPath, type OfflineManifest, type WorkerConfig } from "../browser/offline-protocol.ts";
import type { SearchPageConfig } from "./contract.ts";
import { contentName, indexFolders, type PackPlan, planPacks, samePack, writePackBytes } from "./packs.ts";
import { type IndexFiles, linkOrCopy, type PreviousIndex, type ReadFragments } from "./fragment-reuse.ts";
import { withSearchConfig } from "./page-config.ts";

/**
 * Search data up to this many bytes is saved for offline use after a reader's first search without
 * asking (Save-Data aside); above it the search page offers it with its size.
 */
export const automaticOfflineBytes = 2 * 1000 * 1000;

/** Folder of the packs, inside Pagefind's own folder. */
export const packFolder = "offline";

/** A rendered page as the build's version hashes it. */
export interface PageHash {
	/** Site path without the prefix, e.g. `/search/`. */
	url: string;
	/** Of the page's content, hex. */
	sha256: string;
}

export const pageHash = (url: string, content: string | Uint8Array): PageHash => ({
	url,
	sha256: createHash("sha256").update(content).digest("hex"),
});

export interface OfflineOptions {
	/** `/` or `/repo/`. */
	pathPrefix: string;
	/** Every page Eleventy rendered, in one run or several. */
	pages: readonly PageHash[];
	/** The newest article's day, `YYYY-MM-DD`, shown as the offline copy's date. */
	updated?: string;
	/**
	 * Write a worker that only removes itself and its caches (the dev server's: a built site served on
	 * the same origin earlier must not keep answering for it).
	 * @default false
	 */
	retire?: boolean;
	/**
	 * Above this many bytes of filter files the search page loads the filters when the reader opens them.
	 * @default Infinity
	 */
	filtersOnRequestBytes?: number;
	/**
	 * The previous build's index, when this one took result fragments from it (src/search/fragment-reuse.ts):
	 * its packs whose files are all still its own are taken as they are.
	 */
	previousIndex?: PreviousIndex;
	/**
	 * The index's files as the caller has looked at them already (`indexFiles`).
	 * @default each looked at here
	 */
	indexFiles?: IndexFiles;
	/** Filled with each result fragment's page and hash as the packs read it (src/search/fragment-reuse.ts). */
	readFragments?: ReadFragments;
}

export interface OfflineReport {
	/** The build's content hash: the offline manifest's version and Pagefind's metaCacheTag. */
	version: string;
	/** What making search available offline fetches; none for a retired worker. */
	manifest?: OfflineManifest;
}

/**
 * What the search step writes outside `pagefind/` once the index is written: the service worker and the
 * stamped search page, by path in the site.
 */
export const searchStepOutputs = { worker: "sw.js", searchPage: "search/index.html" } as const;

/** Writes `sw.js`, the offline packs and their manifest, and stamps the search page with the version; call after the search index is written. */
export async function writeOfflineFiles(
	outputDir: string,
	{
		pathPrefix,
		pages,
		updated,
		retire = false,
		filtersOnRequestBytes = Number.POSITIVE_INFINITY,
		previousIndex,
		indexFiles,
		readFragments,
	}: OfflineOptions,
): Promise<OfflineReport> {
	const assets = await filesUnder(outputDir, "assets");
	const pagefindDir = path.join(outputDir, "pagefind");
	const folders = await indexFolders(pagefindDir);
	const workerSource = await bundledScript(retire ? retiredWorkerEntry : serviceWorkerEntry);

	const hash = createHash("sha256");
	const feed = (name: string, content: string | Buffer) => hash.update(`${name}\0${content.length}\0`).update(content);
	for (const page of [...pages].sort((a, b) => compare(a.url, b.url))) feed(page.url, page.sha256);
	for (const file of assets) feed(file, await readFile(path.join(outputDir, file)));
	// Pagefind's entry names a hash of the whole index and its own version (one per index of a split one).
	for (const folder of folders) {
		const entry = `${folder}pagefind-entry.json`;
		feed(`pagefind/${entry}`, await readFile(path.join(pagefindDir, entry), "utf8"));
	}
	feed("sw.js", workerSource);
	const version = hash.digest("hex").slice(0, 16);

	// No worker, no use for packs: the dev server skips writing them on every re-index.
	const manifest = retire ? undefined : await writePacks(pagefindDir, version, updated, previousIndex, indexFiles, readFragments);
	const config: WorkerConfig = { scope: pathPrefix };
	await writeFile(path.join(outputDir, searchStepOutputs.worker), `const config = ${JSON.stringify(config)};\n${workerSource}`);
	let filterBytes = 0;
	for (const folder of folders) filterBytes += await bytesUnder(path.join(pagefindDir, folder, "filter"));
	await stampSearchPage(path.join(outputDir, searchStepOutputs.searchPage), {
		indexVersion: version,
		filters: filterBytes > filtersOnRequestBytes ? "on-request" : "auto",
		indexParts: folders.filter(Boolean),
	});
	return { version, ...(manifest ? { manifest } : {}) };
}

/**
 * Writes the packs into `pagefind/offline/` (removing packs of earlier builds, which no manifest names
 * any more) and the manifest that lists them, `pagefind/offline.json`.
 */
async function writePacks(
	pagefindDir: string,
	version: string,
	updated: string | undefined,
	previousIndex: PreviousIndex | undefined,
	files: IndexFiles | undefined,
	readFragments: ReadFragments | undefined,
): Promise<OfflineManifest> {
	const folder = path.join(pagefindDir, packFolder);
	await mkdir(folder, { recursive: true });
	const plans = await planPacks(pagefindDir, files ? { files } : {});
	const previousPacks = previousIndex ? await packsByGroup(previousIndex.dir) : new Map<string, string>();
	const packs: OfflineManifest["packs"] = new Array(plans.length);
	const keep = new Set<string>();
	// A few packs at a time: their compression runs on libuv's threads, one per core (10,000 news items:
	// 0.57 s one after the other).
	let next = 0;
	const writeNext = async (): Promise<void> => {
		for (let at = next++; at < plans.length; at = next++) {
			const plan = plans[at] as PackPlan;
			const previous = previousPacks.get(plan.group);
			if (previousIndex && previous && samePack(previousIndex, previous, plan)) {
				// A pack's name is a hash of its bytes: the same pack, the same name.
				const name = path.basename(previous);
				keep.add(name);
				linkOrCopy(path.join(previousIndex.dir, previous), path.join(folder, name));
				packs[at] = { url: `${packFolder}/${name}`, bytes: statSync(path.join(folder, name)).size, files: plan.files.length };
				continue;
			}
			const bytes = await writePackBytes(pagefindDir, plan.files, {
				compressed: plan.group.startsWith("fragment-"),
				...(files ? { index: files } : {}),
				...(readFragments ? { read: readFragments } : {}),
			});
			const name = `${plan.group}-${contentName(bytes)}.pack`;
			keep.add(name);
			await writeFile(path.join(folder, name), bytes);
			packs[at] = { url: `${packFolder}/${name}`, bytes: bytes.length, files: plan.files.length };
		}
	};
	await Promise.all(Array.from({ length: Math.min(plans.length, availableParallelism() + 1) }, writeNext));
	for (const name of await readdir(folder)) if (!keep.has(name)) await rm(path.join(folder, name), { force: true });
	const bytes = packs.reduce((sum, pack) => sum + pack.bytes, 0);
	const manifest: OfflineManifest = {
		version,
		...(updated ? { updated } : {}),
		bytes,
		files: packs.reduce((sum, pack) => sum + pack.files, 0),
		automatic: bytes <= automaticOfflineBytes,
		packs,
	};
	await writeFile(path.join(pagefindDir, path.basename(manifestPath)), JSON.stringify(manifest));
	return manifest;
}

/** The packs a build's manifest names (`pagefind/offline.json`), by group: paths inside `pagefind/`. */
async function packsByGroup(pagefindDir: string): Promise<Map<string, string>> {
	const packs = new Map<string, string>();
	const manifest = await readFile(path.join(pagefindDir, path.basename(manifestPath)), "utf8").catch(() => undefined);
	if (manifest === undefined) return packs;
	try {
		for (const { url } of (JSON.parse(manifest) as OfflineManifest).packs) {
			const group = /^(?:.*\/)?(.+)-[0-9a-f]{16}\.pack$/.exec(url)?.[1];
			if (group) packs.set(group, url);
		}
	} catch {
		// Not a manifest this code reads: every pack is written again.
	}
	return packs;
}

/**
 * Sets the search page's `indexVersion`, `filters` and `indexParts`, which exist only now. Any earlier
 * value is replaced too, so a rebuild that did not re-render the page (the dev server's incremental
 * builds) still leaves it naming the current index.
 */
async function stampSearchPage(file: string, stamp: Pick<SearchPageConfig, "indexVersion" | "filters" | "indexParts">): Promise<void> {
	const html = await readFile(file, "utf8").catch(() => undefined);
	if (html === undefined) return;
	const stamped = withSearchConfig(html, (config) => ({ ...config, ...stamp }));
	if (stamped !== html) await writeFile(file, stamped);
}

async function bytesUnder(folder: string): Promise<number> {
	const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
	const sizes = await Promise.all(entries.filter((entry) => entry.isFile()).map((entry) => stat(path.join(folder, entry.name))));
	return sizes.reduce((sum, size) => sum + size.size, 0);
}

/** Files under `outputDir/folder`, as sorted site-relative paths with `/`. */
async function filesUnder(outputDir: string, folder: string): Promise<string[]> {
	const entries = await readdir(path.join(outputDir, folder), { recursive: true, withFileTypes: true }).catch(() => []);
	return entries
		.filter((entry) => entry.isFile())
		.map((entry) => path.relative(outputDir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
		.sort(compare);
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
