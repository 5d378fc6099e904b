/**
 * Incremental rebuilds for the dev server: which pages an edit changed.
 *
 * Every page is a function of its view (src/model/views.ts), so a page whose view hashes the same as when it was
 * last written is written the same again, and is skipped; every other page of the page-kind table
 * (src/model/page-kinds.ts) is re-rendered, and a page whose view is gone is removed. No list of what a
 * component reads is kept by hand: what a page shows is its view, and its view is what is hashed.
 * The site-wide pages outside the table (home, indexes, feeds, sitemap…) are few and always re-render.
 *
 * One field is left out of the hashes: the newest article's date, which every HTML page but an article's
 * carries in one attribute (`data-newest`, layouts/components/Page.tsx) and nowhere else. An article newer
 * than all others changes it on those pages; rendering them again for that took ~35 s at 10,000 articles
 * (when article pages carried it too), so the pages whose view changed in nothing else get that
 * attribute's value replaced in their file instead (`updateNewest`): the same bytes a render gives, as
 * dev-exact.test.ts checks after newer articles.
 */
import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { SiteModel } from "../model/collections.ts";
import { allPages, filterPages, forEachPage, outputFileOfUrl, type PageLists } from "../model/page-kinds.ts";
import { isSharedView, sharedViews } from "../model/views.ts";

export interface ViewHashes {
	/** The hash of the view of every page of the table, by URL (without the path prefix), the newest date left out. */
	pages: Map<string, string>;
	/** The newest article's date, which the hashes leave out. */
	newest?: string;
}

/**
 * Writes `value` into `parts` as text that differs whenever the value does (strings are length-prefixed,
 * article bodies taken as they are rather than escaped into JSON). A part many views share (the shell, a
 * listed article: `isSharedView`) is hashed once, and written as its digest, kept in `seen`.
 */
function write(parts: string[], value: unknown, seen: WeakMap<object, string>, inline = false): void {
	if (typeof value === "string") parts.push(`s${value.length}:`, value);
	else if (value === null || typeof value !== "object") parts.push(`${typeof value}:${String(value)};`);
	else if (!inline && (seen.has(value) || isSharedView(value))) parts.push("#", digestOf(value, seen));
	else if (Array.isArray(value)) {
		parts.push("[");
		for (const item of value) write(parts, item, seen);
		parts.push("]");
	} else {
		parts.push("{");
		for (const [key, item] of Object.entries(value)) {
			if (item === undefined) continue;
			parts.push(key, "=");
			write(parts, item, seen);
		}
		parts.push("}");
	}
}

function digestOf(value: object, seen: WeakMap<object, string>): string {
	let digest = seen.get(value);
	if (digest === undefined) {
		const parts: string[] = [];
		write(parts, value, seen, true);
		digest = createHash("sha1").update(parts.join("")).digest("base64");
		seen.set(value, digest);
	}
	return digest;
}

/** The hash of a view: equal hashes, equal views. */
export function viewHash(view: unknown, seen: WeakMap<object, string> = new WeakMap()): string {
	const parts: string[] = [];
	write(parts, view, seen, true);
	return createHash("sha1").update(parts.join("")).digest("base64");
}

/** Every page of the table (or of `lists`) with the hash of its view. */
export function viewHashes(model: SiteModel, lists: PageLists = allPages(model)): ViewHashes {
	const hashes = new Map<string, string>();
	// One cache for the whole model: the parts views share are hashed once for every page that shows them.
	const seen = new WeakMap<object, string>();
	// The shell is hashed as if it had no newest date (see above): every view holding it then hashes alike.
	const { shell } = sharedViews(model);
	seen.set(shell, digestOf({ ...shell, newest: undefined }, seen));
	forEachPage(model, lists, (_name, url, view) => hashes.set(url, viewHash(view(), seen)));
	return { pages: hashes, newest: shell.newest };
}

/**
 * Whether the newest date went from none to one or back (an empty digest, or its first article): pages
 * written without it cannot be brought up to date by replacing it (`withNewest`), so all render again.
 */
export const newestGone = (from: string | undefined, to: string | undefined): boolean =>
	from !== to && (from === undefined || to === undefined);

/**
 * The pages of `model` whose output can differ from the previous render: those whose view is new or
 * changed. Without a previous render, all of them.
 */
export function dirtyPages(model: SiteModel, previous: ViewHashes | undefined, next: ViewHashes): PageLists {
	const all = allPages(model);
	if (!previous) return all;
	if (newestGone(previous.newest, next.newest)) return all;
	return filterPages(all, (url) => previous.pages.get(url) !== next.pages.get(url));
}

/**
 * The files of every page of the table under `outputDir`: a partial rebuild writes only some of them, and
 * the others are still current, so the dev server removes only files that are neither written now nor in
 * this set (the pages whose view disappeared).
 */
export function pageFiles(outputDir: string, current: ViewHashes): Set<string> {
	const files = new Set<string>();
	for (const url of current.pages.keys()) files.add(path.join(outputDir, outputFileOfUrl(url)));
	return files;
}

const newestBatch = 32;

/**
 * A page's bytes with its newest date `from` replaced by `to` (the attribute every page but an article's
 * has once, Page.tsx), or undefined when it has none (an article page, a feed, a redirect). Dates are ISO
 * strings, the same escaped as not. Worked on as bytes, not text, and in place when both dates are as
 * long (ISO dates always are): a rebuild after a newer article rewrites those pages so (10,000 news items,
 * when article pages carried it too: 13,700 pages in ~0.4 s rather than ~0.6 s decoded and encoded).
 */
export function withNewest(page: Buffer, from: string, to: string): Buffer | undefined {
	const attribute = Buffer.from(` data-newest="${from}"`);
	const at = page.indexOf(attribute);
	if (at < 0) return undefined;
	const replacement = Buffer.from(` data-newest="${to}"`);
	if (replacement.length !== attribute.length)
		return Buffer.concat([page.subarray(0, at), replacement, page.subarray(at + attribute.length)]);
	replacement.copy(page, at);
	return page;
}

/**
 * Brings the pages of `files` (written from views equal but for the newest date) from `previous`'s newest
 * date to `next`'s: the attribute's value is replaced where a page has it (a page without it, such as a
 * feed or a redirect, does not show the date). Dates are ISO strings, the same escaped as not.
 */
export async function updateNewest(files: Iterable<string>, previous: ViewHashes, next: ViewHashes): Promise<number> {
	if (previous.newest === next.newest || previous.newest === undefined || next.newest === undefined) return 0;
	const { newest: from } = previous;
	const { newest: to } = next;
	const update = async (file: string): Promise<number> => {
		const html = withNewest(await readFile(file), from, to);
		if (html === undefined) return 0;
		await writeFile(file, html);
		return 1;
	};
	// Several files at a time: one after another took twice as long (2,924 pages of 2,000 articles on a loaded
	// machine: 1.8-2.7 s, against 0.9-1.2 s in batches).
	const pages = [...files].filter((file) => file.endsWith(".html"));
	let updated = 0;
	for (let start = 0; start < pages.length; start += newestBatch)
		for (const count of await Promise.all(pages.slice(start, start + newestBatch).map(update))) updated += count;
	return updated;
}
