/**
 * Incremental rebuilds for the dev server: which pages an edit changed.
 *
 * Every page is a function of its view (src/views.ts), so a page whose view hashes the same as when it was
 * last written is written the same again, and is skipped; every other page of the page-kind table
 * (src/page-kinds.ts) is re-rendered, and a page whose view is gone is removed. No list of what a
 * component reads is kept by hand: what a page shows is its view, and its view is what is hashed.
 * The site-wide pages outside the table (home, indexes, feeds, sitemap…) are few and always re-render.
 */
import { createHash, type Hash } from "node:crypto";
import path from "node:path";
import type { SiteModel } from "./collections.ts";
import { allPages, filterPages, forEachPage, outputFileOfUrl, type PageLists } from "./page-kinds.ts";

/** The hash of every page of the table's view, by URL (without the path prefix). */
export type ViewHashes = Map<string, string>;

/**
 * Feeds `value` to `hash` without serialising it first (article bodies are hashed as they are, not escaped
 * into JSON). Objects met again (the shell, a listed article: shared by many views) are hashed once, as
 * their digest in `seen`.
 */
function feed(hash: Hash, value: unknown, seen: WeakMap<object, string>): void {
	if (typeof value === "string") hash.update(`s${value.length}:`).update(value);
	else if (value === null || typeof value !== "object") hash.update(`${typeof value}:${String(value)};`);
	else {
		let digest = seen.get(value);
		if (digest === undefined) {
			const own = createHash("sha1");
			if (Array.isArray(value)) {
				own.update("[");
				for (const item of value) feed(own, item, seen);
				own.update("]");
			} else {
				own.update("{");
				for (const [key, item] of Object.entries(value)) {
					if (item === undefined) continue;
					own.update(`${key}=`);
					feed(own, item, seen);
				}
				own.update("}");
			}
			digest = own.digest("base64");
			seen.set(value, digest);
		}
		hash.update(`#${digest}`);
	}
}

/** The hash of a view: equal hashes, equal views. */
export function viewHash(view: unknown, seen: WeakMap<object, string> = new WeakMap()): string {
	const hash = createHash("sha1");
	feed(hash, view, seen);
	return hash.digest("base64");
}

/** Every page of the table with the hash of its view. */
export function viewHashes(model: SiteModel): ViewHashes {
	const hashes: ViewHashes = new Map();
	// One cache for the whole model: the parts views share are hashed once for every page that shows them.
	const seen = new WeakMap<object, string>();
	forEachPage(model, allPages(model), (_name, url, view) => hashes.set(url, viewHash(view(), seen)));
	return hashes;
}

/**
 * The pages of `model` whose output can differ from the previous render: those whose view is new or
 * changed. Without a previous render, all of them.
 */
export function dirtyPages(model: SiteModel, previous: ViewHashes | undefined, next: ViewHashes): PageLists {
	const all = allPages(model);
	if (!previous) return all;
	return filterPages(all, (url) => previous.get(url) !== next.get(url));
}

/**
 * The files of every page of the table under `outputDir`: a partial rebuild writes only some of them, and
 * the others are still current, so the dev server removes only files that are neither written now nor in
 * this set (the pages whose view disappeared).
 */
export function pageFiles(outputDir: string, current: ViewHashes): Set<string> {
	const files = new Set<string>();
	for (const url of current.keys()) files.add(path.join(outputDir, outputFileOfUrl(url)));
	return files;
}
