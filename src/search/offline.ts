/**
 * Offline reading after a first visit: the service worker (`src/browser/service-worker.ts`) is written to
 * `<prefix>sw.js`, so that its scope covers the whole site, with the list of files it precaches and a
 * version that is a content hash of the build. The same hash becomes the search page's Pagefind
 * `metaCacheTag`, so Pagefind's metadata URL changes exactly when the index does and can be cached until
 * then. The hash is of what was built, never of when: the same articles give the same bytes.
 */
import { createHash } from "node:crypto";
import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { bundleBrowserScript, serviceWorkerEntry } from "../browser-bundle.ts";
import type { WorkerConfig } from "../browser/offline-protocol.ts";

/** Where the list of index files the service worker fetches after a first visit is written. */
export const warmListFile = "pagefind/offline-files.json";

/**
 * How many bytes of index and result fragments the service worker stores after a first visit: the whole
 * index of a digest of ~10,000 articles and the fragments of the first several thousand results.
 */
export const offlineWarmBudget = 24 * 1024 * 1024;

export interface RenderedPage {
	/** Site path without the prefix, e.g. `/search/`. */
	url: string;
	content: string;
}

export interface OfflineOptions {
	/** `/` or `/repo/`. */
	pathPrefix: string;
	/** Every page Eleventy rendered (their content is hashed; it is already in memory). */
	pages: RenderedPage[];
}

export interface OfflineReport {
	/** The build's content hash: the service worker's cache version and Pagefind's metaCacheTag. */
	version: string;
	/** URLs (with the prefix) the service worker stores on install. */
	precache: string[];
}

/** Writes `sw.js` and stamps the search page with the version; call after the search index is written. */
export async function writeOfflineFiles(outputDir: string, { pathPrefix, pages }: OfflineOptions): Promise<OfflineReport> {
	const assets = await filesUnder(outputDir, "assets");
	const filters = await filesUnder(outputDir, "pagefind/filter");
	const entryText = await readFile(path.join(outputDir, "pagefind", "pagefind-entry.json"), "utf8");

	const workerSource = await bundleBrowserScript(serviceWorkerEntry);
	const hash = createHash("sha256");
	const feed = (name: string, content: string | Buffer) => hash.update(`${name}\0${content.length}\0`).update(content);
	for (const page of [...pages].sort((a, b) => compare(a.url, b.url))) feed(page.url, page.content);
	for (const file of assets) feed(file, await readFile(path.join(outputDir, file)));
	// Pagefind's entry names a hash of the whole index and its own version.
	feed("pagefind/pagefind-entry.json", entryText);
	feed("sw.js", workerSource);
	const version = hash.digest("hex").slice(0, 16);

	const entry = JSON.parse(entryText) as { languages: Record<string, { hash: string; wasm?: string }> };
	const shell = [
		"",
		"search/",
		...assets,
		"pagefind/pagefind.js",
		"pagefind/pagefind-worker.js",
		`pagefind/pagefind-entry.json?ts=${version}`,
	];
	for (const language of Object.values(entry.languages)) {
		shell.push(`pagefind/pagefind.${language.hash}.pf_meta`);
		if (language.wasm) shell.push(`pagefind/wasm.${language.wasm}.pagefind`);
	}
	// Filter files are small (one per facet) and every search page shows the facets before any search.
	shell.push(...filters);
	const precache = shell.map((file) => `${pathPrefix}${file}`);

	// The index and then the fragments (a result's title and excerpt), for the worker to fetch in the
	// background after a first visit; index files first, so that every word is searchable offline.
	const warm = [...(await filesUnder(outputDir, "pagefind/index")), ...(await filesUnder(outputDir, "pagefind/fragment"))];
	const warmList: [string, number][] = [];
	for (const file of warm) warmList.push([file, (await stat(path.join(outputDir, file))).size]);
	await writeFile(path.join(outputDir, warmListFile), JSON.stringify(warmList));

	const config: WorkerConfig = {
		version,
		scope: pathPrefix,
		precache,
		warmList: `${pathPrefix}${warmListFile}`,
		warmBudget: offlineWarmBudget,
	};
	const worker = `const config = ${JSON.stringify(config)};\n${workerSource}`;
	await writeFile(path.join(outputDir, "sw.js"), worker);
	await stampSearchPage(path.join(outputDir, "search", "index.html"), version);
	return { version, precache };
}

/**
 * The search page is rendered before the hash exists: its `data-index-version` attribute (rendered as a
 * placeholder) is set here. Any earlier value is replaced too, so a rebuild that did not re-render the
 * page (the dev server's incremental builds) still leaves it naming the current index.
 */
async function stampSearchPage(file: string, version: string): Promise<void> {
	const html = await readFile(file, "utf8").catch(() => undefined);
	if (html === undefined) return;
	const stamped = html.replace(/data-index-version="[0-9a-z-]*"/, `data-index-version="${version}"`);
	if (stamped !== html) await writeFile(file, stamped);
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
