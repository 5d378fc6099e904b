/**
 * What the build, the pages and the service worker agree on about offline data. Types only: the Node
 * build, the DOM scripts and the worker all import this file, so it uses no environment's globals.
 */

/** What the build prepends to the service worker as `const config = …;` (src/search/offline.ts). */
export interface WorkerConfig {
	/** A content hash of the build: the cache version, and Pagefind's `metaCacheTag`. */
	version: string;
	/** The site's path prefix, e.g. `/repo/`. */
	scope: string;
	/** URLs stored on install. */
	precache: string[];
	/** URL of the list of index and fragment files, with their sizes. */
	warmList: string;
	/** Bytes of that list the worker stores after a first visit. */
	warmBudget: number;
}
