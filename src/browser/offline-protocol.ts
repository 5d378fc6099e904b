/**
 * What the build, the pages and the service worker agree on about offline data. Types and names only:
 * the Node build, the DOM scripts and the worker all import this file, so it uses no environment's globals.
 */

/**
 * What the build prepends to the service worker as `const config = …;` (src/search/offline.ts). Nothing
 * of the articles: `sw.js` changes only with the worker's code or the site's prefix, so a deploy of new
 * articles installs no new worker in readers' browsers (see src/browser/service-worker.ts for why that
 * matters).
 */
export interface WorkerConfig {
	/** The site's path prefix, e.g. `/repo/`: the worker's scope. */
	scope: string;
}

/** `pagefind/offline.json`: what making search available offline downloads. */
export interface OfflineManifest {
	/** The build's content hash (the worker's `version`). */
	version: string;
	/** The newest article's day (`YYYY-MM-DD`): the copy holds articles up to it. Absent for an empty digest. */
	updated?: string;
	/** Bytes of all packs together. */
	bytes: number;
	/** Files in all packs together. */
	files: number;
	/** Small enough to be saved after a first search without asking (and unless Save-Data is on). */
	automatic: boolean;
	/** The packs; `url` is relative to the manifest and names the pack's content. */
	packs: { url: string; bytes: number; files: number }[];
}

/** The service worker's record of the offline copy it holds. */
export interface OfflineCopy {
	version: string;
	updated?: string;
	bytes: number;
	/** Absolute pack URLs held, each with the files (absolute URLs) it brought. */
	packs: { url: string; files: string[] }[];
}

/** Page -> worker. Each carries a MessagePort (the message's first port) for the answers. */
export type WorkerRequest =
	/** Store these URLs (what the page loaded before the worker controlled it) from the HTTP cache. */
	| { type: "cache-urls"; urls: string[] }
	/** Answer with `{type: "copy", copy}`. */
	| { type: "offline-state" }
	/** Fetch the packs of this manifest that the copy lacks (all of them the first time); progress as it goes. */
	| { type: "offline-save"; manifest: string }
	| { type: "offline-remove" };

/** Worker -> page, on the request's port. */
export type WorkerAnswer =
	| { type: "cached" }
	| { type: "copy"; copy: OfflineCopy | null }
	| { type: "progress"; done: number; total: number }
	| { type: "failed"; message: string };

/** Where the worker keeps its record of the copy, inside the copy's cache (under the scope). */
export const copyRecordPath = "pagefind/offline-copy.json";

/** The manifest's path under the scope. */
export const manifestPath = "pagefind/offline.json";
