/**
 * Builds the Pagefind index. A build indexes the article pages Eleventy has just written, not the HTML it
 * still holds in memory: measured on 10,000 articles (npm run bench), Pagefind parses a folder on every
 * core, while pages handed over one message at a time took 14–17 s on one core, and handing them over
 * during rendering slowed the rendering by as much as it saved. So the article pages are read by the
 * Pagefind CLI rather than the Node API's `addDirectory` (the same indexer, the same bytes written): on
 * the same 10,000 written news pages the CLI took 37.7–41.3 s against 47.3–51.2 s under a load of 17–22
 * (docs/performance.md). It reads the output folder when the URL pattern's glob finds every article page,
 * else links to the article pages in a folder of their own (`indexLinkedPages`).
 *
 * Through the Node API (an index with no page to read, and the dev server's small index of new
 * articles) every `errors` array Pagefind returns fails the index, and the service is closed once no
 * index of this process needs it.
 */
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, linkSync, mkdirSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import * as pagefind from "pagefind";
import { shardFolder } from "./contract.ts";
import { linkFragments, type ReusableFragments, reuseHeld } from "./fragment-reuse.ts";
import { takeIndex } from "./index-reuse.ts";
import { publishSearchIndex } from "./publish.ts";

export interface IndexedPage {
	/** The page's URL without the path prefix, e.g. `/articles/2025/02/18/slug/`. */
	url: string;
	/** The page's HTML; only the element marked `data-pagefind-body` is indexed. */
	content: string;
}

export interface SearchIndexOptions {
	/**
	 * The language the whole index is built for (Pagefind splits indexes by language otherwise).
	 * @default "en"
	 */
	language?: string;
	/**
	 * The index's folder inside the output folder: the site's index, or the dev server's small index of
	 * articles added since its last full one.
	 * @default "pagefind"
	 */
	folder?: string;
	/**
	 * What each index (of a split one, each part, in order) may take of the last build's
	 * (src/search/index-reuse.ts, `reusableParts`): the whole index, or fragments linked in before the CLI
	 * runs, which then writes only the others (src/search/fragment-reuse.ts).
	 */
	reuse?: readonly (ReusableFragments | undefined)[];
	/**
	 * Called once the indexer has read every page (the CLI reads them on every core, then builds and writes
	 * the index on about one), or when the index is done, whichever comes first. Of an index split in
	 * parts, once it has read the first part's.
	 */
	onPagesRead?: () => void;
	/**
	 * Of a split index, when each part's pages are written (a build starts the index before its last run
	 * of article pages): the parts are indexed one at a time, each once its pages are there, in the order
	 * they are ready. Absent, every page is written already.
	 */
	partsReady?: readonly Promise<void>[];
}

export const searchIndexDefaults = { language: "en", folder: "pagefind" } satisfies Required<
	Omit<SearchIndexOptions, "reuse" | "onPagesRead" | "partsReady">
>;

/** Where the article pages are in the output folder, for `indexSite`. */
export interface ArticlePages {
	/** A glob (relative to the output folder) matching article pages, when the URL pattern allows one. */
	glob?: string;
	/**
	 * The same pages split into several indexes (`planIndexShards`), newest first: the first is the site's
	 * index (`pagefind/`), the others go to `pagefind/shards/1/`, `shards/2/`, … Absent for one index.
	 */
	shards?: string[];
	/** Pages the glob also matches that are not articles (redirect pages, which have no `data-pagefind-body`). */
	alsoMatched: number;
	/** Article pages outside the glob (an article's own permalink, or every article when there is no glob). */
	extra: { url: string; file: string }[];
	/**
	 * Every article page, when some are outside the glob (`extra` is not empty): the CLI reads them linked
	 * into a folder of their own (`indexLinkedPages`), where nothing but article pages is.
	 */
	linked?: { url: string; file: string }[];
	/** `linked` split into indexes by period (`planLinkedShards`), newest first; absent for one index. */
	linkedShards?: { url: string; file: string }[][];
	/** The article URLs of each index, in the indexes' order (one index: every article's). */
	partUrls: string[][];
}

/**
 * Folder indexing is fast (every core), so the pages the site's URL pattern makes are found by a glob
 * (for the default, `articles/` then four `*` segments and `index.html`; for one that starts with the year,
 * a numbered folder first). A pattern that starts with another token (`/:categories/…`, `/:slug/`) could
 * match the site's other pages, and articles with their own permalink are outside the glob: then every
 * article page is linked into a folder of its own that the CLI reads whole.
 */
export function articlePages(
	pattern: string,
	articleUrls: readonly string[],
	redirectPaths: readonly string[],
	pagesPerIndex: number = pagesPerIndexDefault,
	articleDays?: readonly string[],
): ArticlePages {
	const perIndex = indexSize(articleUrls.length, pagesPerIndex);
	const segments = pattern.split("/").filter(Boolean);
	const fileOf = (url: string) => (url.endsWith("/") ? `${url}index.html` : url).replace(/^\//, "");
	// A pattern that starts with the year (`/:year/:month/:slug/`, as many Jekyll, Hugo and WordPress sites'
	// do) has a glob too: its first folder is a number, and no other page of a digest is in such a folder
	// (10,000 news items: 0.36 s of links made and removed saved, docs/performance.md).
	const yearFirst = segments[0] === ":year";
	const hasGlob = yearFirst || (segments[0] !== undefined && !segments[0].includes(":"));
	const every = () => articleUrls.map((url) => ({ url, file: fileOf(url) }));
	const linkedPages = (linked: { url: string; file: string }[]) => {
		const linkedShards = articleDays ? planLinkedShards(linked, articleDays, perIndex) : undefined;
		const partUrls = (linkedShards ?? [linked]).map((part) => part.map((page) => page.url));
		return { linked, ...(linkedShards ? { linkedShards } : {}), partUrls };
	};
	if (!hasGlob) {
		const extra = every();
		return { alsoMatched: 0, extra, ...(extra.length > 0 ? linkedPages(extra) : { partUrls: [] }) };
	}
	const glob = `${segments.map((segment, at) => (at === 0 && yearFirst ? "[0-9]*" : segment.includes(":") ? "*" : segment)).join("/")}/index.html`;
	const matcher = new RegExp(
		`^${segments
			.map((segment, at) =>
				at === 0 && yearFirst ? "[0-9][^/]*" : segment.includes(":") ? "[^/]+" : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
			)
			.join("/")}/index\\.html$`,
	);
	const extra = articleUrls.filter((url) => !matcher.test(fileOf(url))).map((url) => ({ url, file: fileOf(url) }));
	// With articles outside the glob, every article page is linked apart (and split by date there).
	const split = extra.length === 0 ? splitByPeriod(pattern, articleUrls, perIndex) : undefined;
	return {
		glob,
		...(split ? { shards: split.globs } : {}),
		...(extra.length > 0 ? linkedPages(every()) : { partUrls: split ? split.urls : [[...articleUrls]] }),
		alsoMatched: redirectPaths.filter((url) => matcher.test(fileOf(url))).length,
		extra,
	};
}

/**
 * Pagefind's indexer holds every page of an index in memory until it writes it: about 55–65 kB per news
 * item whatever the page's size (measured with the CLI: 181 MB for 2,557 items, ~570 MB for 10,000), so
 * 100,000 items in one index need ~6.5 GB. Above `pagesPerIndex` articles the index is split by period
 * into indexes of at most that many (each indexed in turn, so memory holds one), and every reader of the
 * index combines them (src/search/combine.ts). At 5,000 the indexer stays near 250 MB: a cold build of
 * 10,000 news items, the indexer beside the render, peaked at 614–643 MB in three indexes and 862–871 MB
 * in one, where Hugo's Pagefind alone takes ~740 MB (docs/performance.md). Each index costs a reader its
 * own copy of Pagefind's script and WebAssembly, so past `doublingPast` indexes' worth the size doubles
 * (`indexSize`).
 */
export const pagesPerIndexDefault = 5_000;

/** How many indexes of `pagesPerIndex` a digest may fill before their size doubles (`indexSize`). */
const doublingPast = 8;

/**
 * The most articles an index holds in a digest of `articles`: `pagesPerIndex`, doubled as often as it
 * takes for `doublingPast` indexes to hold them all (5,000 up to 40,000 articles, 10,000 up to 80,000,
 * 20,000 up to 160,000…). It changes only as the digest crosses one of those sizes, so the indexes a
 * rebuild takes whole stay the same pages in between.
 */
export function indexSize(articles: number, pagesPerIndex: number): number {
	let size = Math.max(1, pagesPerIndex);
	while (articles > size * doublingPast) size *= 2;
	return size;
}

/**
 * Globs for the article pages split into indexes of at most `pagesPerIndex` articles, newest first, by
 * the URL's `:year` (and `:month` when it follows; a month past the limit by its `:day` when that
 * follows): consecutive periods go together, so that each index holds one stretch of time and the newest
 * is the site's own. Undefined when one index holds them all, or when
 * the URL pattern has no literal start and `:year` to split by.
 */
export function planIndexShards(pattern: string, articleUrls: readonly string[], pagesPerIndex: number): string[] | undefined {
	return splitByPeriod(pattern, articleUrls, pagesPerIndex)?.globs;
}

/** `planIndexShards`' globs, and the article URLs each finds. */
function splitByPeriod(
	pattern: string,
	articleUrls: readonly string[],
	pagesPerIndex: number,
): { globs: string[]; urls: string[][] } | undefined {
	const segments = pattern.split("/").filter(Boolean);
	const year = segments.indexOf(":year");
	if (year < 0 || segments.slice(0, year).some((segment) => segment.includes(":"))) return undefined;
	const unitLength = segments[year + 1] === ":month" ? 2 : 1;
	// With `:day` after the month, a month past the limit is split by its days.
	const days = unitLength === 2 && segments[year + 2] === ":day";
	const unitOf = (length: number) => (url: string) =>
		url
			.split("/")
			.filter(Boolean)
			.slice(year, year + length)
			.join("/");
	const split = groupByPeriod(articleUrls, unitOf(unitLength), pagesPerIndex, days ? unitOf(3) : undefined);
	if (!split) return undefined;
	const prefix = segments.slice(0, year).join("/");
	// A month and a day in one split: every unit down to the day, a month as its every day.
	const byDay = days && split.periods.some((units) => units.some((unit) => unit.split("/").length === 3));
	const rest = segments.slice(year + (byDay ? 3 : unitLength)).map((segment) => (segment.includes(":") ? "*" : segment));
	const unitGlob = (unit: string) => (byDay && unit.split("/").length === 2 ? `${unit}/*` : unit);
	return {
		globs: split.periods.map((units) =>
			[
				...(prefix ? [prefix] : []),
				units.length === 1 ? unitGlob(units[0] ?? "") : `{${units.map(unitGlob).join(",")}}`,
				...rest,
				"index.html",
			].join("/"),
		),
		urls: split.parts,
	};
}

/**
 * `items` split into groups of whole periods (`periodOf`: an item's year or month) of at most
 * `pagesPerIndex` items (`groupPeriods`), newest first: each group's periods and items. Given `dayOf`, a
 * period of more items than that is taken by its days instead (a news archive of one busy month, as an
 * event's often is, still splits). Undefined when one group holds them all.
 */
function groupByPeriod<T>(
	items: readonly T[],
	periodOf: (item: T, index: number) => string,
	pagesPerIndex: number,
	dayOf?: (item: T, index: number) => string,
): { periods: string[][]; parts: T[][] } | undefined {
	if (items.length <= pagesPerIndex) return undefined;
	const count = (units: readonly string[]) => {
		const counts = new Map<string, number>();
		for (const unit of units) counts.set(unit, (counts.get(unit) ?? 0) + 1);
		return counts;
	};
	const coarse = items.map(periodOf);
	const coarseCounts = count(coarse);
	const periods = dayOf
		? items.map((item, index) =>
				(coarseCounts.get(coarse[index] ?? "") ?? 0) > pagesPerIndex ? dayOf(item, index) : (coarse[index] ?? ""),
			)
		: coarse;
	const counts = count(periods);
	const groups = groupPeriods(counts, pagesPerIndex);
	if (groups.length < 2) return undefined;
	const groupOf = new Map(groups.flatMap((units, group) => units.map((unit) => [unit, group] as const)));
	const parts = groups.map((): T[] => []);
	items.forEach((item, index) => {
		parts[groupOf.get(periods[index] ?? "") ?? 0]?.push(item);
	});
	return { periods: groups, parts };
}

/**
 * Periods (`counts`: articles per year or month) put together into groups of at most `pagesPerIndex`
 * articles (a period larger than that is a group of its own), returned newest first. The groups are
 * filled from the oldest period on, so that newer articles only change the newest group: the older
 * indexes stay the same pages, which a rebuild takes as they are (src/search/index-reuse.ts).
 */
function groupPeriods(counts: ReadonlyMap<string, number>, pagesPerIndex: number): string[][] {
	const groups: string[][] = [];
	let size = 0;
	for (const unit of [...counts.keys()].sort()) {
		const count = counts.get(unit) ?? 0;
		const current = groups.at(-1);
		if (current && size + count <= pagesPerIndex) {
			current.push(unit);
			size += count;
		} else {
			groups.push([unit]);
			size = count;
		}
	}
	return groups.reverse().map((units) => units.reverse());
}

/**
 * Linked article pages (`articlePages`) split as `planIndexShards` splits a glob's, by the month of each
 * article's day (`YYYY-MM-DD`, in `days` in the pages' order; a month past the limit by its days), since
 * their URLs need not name it: indexes of at most `pagesPerIndex` articles, newest first. Undefined when
 * one index holds them all.
 */
export function planLinkedShards<T>(pages: readonly T[], days: readonly string[], pagesPerIndex: number): T[][] | undefined {
	const day = (_: T, index: number) => days[index] ?? "";
	return groupByPeriod(pages, (page, index) => day(page, index).slice(0, 7), pagesPerIndex, day)?.parts;
}

/** How many pages the index must hold, when the caller knows. */
export interface IndexedCount {
	/** The digest's article count: a page missing from the output, or one too many, fails the index. */
	expected?: number;
	/**
	 * How many of those articles have no letter or digit in their title or text (`hasSearchableText`):
	 * Pagefind may leave them out, so the index holds between `expected - wordless` and `expected` pages.
	 * @default 0
	 */
	wordless?: number;
}

/** Fails unless `count` is what {@link IndexedCount} allows. */
function checkCount(count: number, { expected, wordless = 0 }: IndexedCount): void {
	if (expected === undefined || (count <= expected && count >= expected - wordless)) return;
	const without = wordless > 0 ? ` (${wordless} of them without a word, which the index may leave out)` : "";
	throw new SearchIndexError([`${count} article pages found in the output, but the digest has ${expected}${without}`]);
}

export class SearchIndexError extends Error {
	constructor(readonly errors: string[]) {
		super(`the search index could not be built: ${errors.join("; ")}`);
		this.name = "SearchIndexError";
	}
}

/**
 * Indexes the article pages written in `outputDir` into `<outputDir>/pagefind/` (or `folder`); returns
 * how many pages were indexed. `expected` (the digest's article count) turns a page that is missing from
 * the output, or one too many, into an error instead of an index that silently lacks an article.
 */
export async function indexSite(outputDir: string, options: SearchIndexOptions & IndexedCount & { pages: ArticlePages }): Promise<number> {
	let told = false;
	const onPagesRead = () => {
		if (told) return;
		told = true;
		options.onPagesRead?.();
	};
	try {
		return await indexArticlePages(outputDir, { ...options, onPagesRead });
	} finally {
		onPagesRead();
	}
}

async function indexArticlePages(outputDir: string, options: SearchIndexOptions & IndexedCount & { pages: ArticlePages }): Promise<number> {
	const { glob } = options.pages;
	// The CLI refuses a folder with no page to index ("not able to build an index"); a digest whose only
	// articles are scheduled or drafts, or have no word, still gets its (empty) index from the Node API.
	const empty = options.expected !== undefined && options.expected - (options.wordless ?? 0) <= 0;
	if (glob !== undefined && options.pages.extra.length === 0 && !empty)
		return indexWithCli(
			outputDir,
			(options.pages.shards ?? [glob]).map((shardGlob, index) => ({
				folder: outputDir,
				glob: shardGlob,
				...readyOf(options.partsReady, index),
			})),
			options,
		);
	if (options.pages.linked && !empty) return indexLinkedPages(outputDir, options.pages.linkedShards ?? [options.pages.linked], options);
	return withIndex(outputDir, options, async (index) => {
		let count = 0;
		if (options.pages.glob !== undefined) {
			const added = await index.addDirectory({ path: outputDir, glob: options.pages.glob });
			if (added.errors.length > 0) throw new SearchIndexError(added.errors);
			count += added.page_count - options.pages.alsoMatched;
		}
		for (const page of options.pages.extra) {
			const content = await readFile(path.join(outputDir, page.file), "utf8").catch(() => undefined);
			if (content === undefined) throw new SearchIndexError([`${page.url}: the article page is missing from the output`]);
			const added = await index.addHTMLFile({ url: page.url, content });
			if (added.errors.length > 0) throw new SearchIndexError(added.errors.map((error) => `${page.url}: ${error}`));
			count++;
		}
		checkCount(count, options);
		return count;
	});
}

/**
 * `indexSite` for article pages no glob finds alone, through the Pagefind CLI all the same: each page is
 * hard-linked (copied where the file system links none) at its own path into a folder beside
 * `outputDir`, which the CLI reads whole, as it reads the site's own folder for a pattern with a glob;
 * the index's URLs are the same paths. Page by page through the Node API, 10,000 news items with a
 * `/:year/:month/:day/:slug/` pattern took 13.7–15.9 s to build against 7.8–8.1 s with the default
 * pattern (docs/performance.md). `parts`: the pages of each index (a split index), each in a folder of
 * its own (`.article-pages-<pid>`, then `-1`, `-2`, …), so that a part's pages are put in place while the
 * last part's run still reads its own. A folder is removed once the CLI has read its part (the indexer
 * then builds the index from what it read, on about one core), and in any case at the end.
 */
async function indexLinkedPages(
	outputDir: string,
	parts: readonly (readonly { url: string; file: string }[])[],
	options: SearchIndexOptions & IndexedCount & { pages: ArticlePages },
): Promise<number> {
	const folderOf = (index: number) => `${outputDir}.article-pages-${process.pid}${index === 0 ? "" : `-${index}`}`;
	const remove = (index: number) => rm(folderOf(index), { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
	const removals = new Map<number, Promise<void>>();
	// Each run starts from an empty folder (a part indexed again is linked again).
	const link = async (index: number, pages: readonly { url: string; file: string }[]) => {
		await (removals.get(index) ?? remove(index));
		removals.delete(index);
		linkPages(outputDir, folderOf(index), pages);
	};
	try {
		return await indexWithCli(
			outputDir,
			parts.map((pages, index) => ({
				folder: folderOf(index),
				glob: "**/index.html",
				...readyOf(options.partsReady, index),
				prepare: () => link(index, pages),
				read: () => {
					if (!removals.has(index)) removals.set(index, remove(index));
				},
			})),
			options,
		);
	} finally {
		await Promise.all(parts.map((_, index) => removals.get(index) ?? remove(index)));
	}
}

/**
 * Links each page's file of `from` at the same path under `to`, in the pages' order. Synchronous: the
 * caller has nothing else to do meanwhile, and 10,000 links took 0.7 s one awaited call at a time.
 */
function linkPages(from: string, to: string, pages: readonly { url: string; file: string }[]): void {
	const made = new Set<string>();
	for (const page of pages) {
		const target = path.join(to, page.file);
		const folder = path.dirname(target);
		if (!made.has(folder)) {
			mkdirSync(folder, { recursive: true });
			made.add(folder);
		}
		const source = path.join(from, page.file);
		try {
			linkSync(source, target);
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			if (code === "ENOENT") throw new SearchIndexError([`${page.url}: the article page is missing from the output`]);
			if (code !== "EXDEV" && code !== "EPERM" && code !== "ENOTSUP") throw error;
			copyFileSync(source, target);
		}
	}
}

const readyOf = (partsReady: readonly Promise<void>[] | undefined, index: number): { ready?: Promise<void> } => {
	const ready = partsReady?.[index];
	return ready ? { ready } : {};
};

/**
 * The Pagefind CLI's executable, found the way the pagefind package's own `bin` finds it (its
 * `resolveBinary.js`, beside the package's entry point). Run directly rather than through that `bin`, a
 * Node process of its own (~45 MB resident for as long as the indexer runs, and a Node start-up) that only
 * starts the same executable.
 */
async function pagefindExecutable(): Promise<string> {
	const resolver = new URL("./resolveBinary.js", import.meta.resolve("pagefind")).href;
	const { resolveBinaryPath } = (await import(resolver)) as { resolveBinaryPath(names: string[]): string };
	return resolveBinaryPath(["pagefind_extended", "pagefind"]);
}

/** One index the CLI writes (of several, when the index is split): the pages it reads. */
interface IndexPart {
	/** Resolves once its pages are written. */
	ready?: Promise<void>;
	/** The folder the CLI reads: the output folder, or a folder of links to its article pages. */
	folder: string;
	/** The pages to read there. */
	glob: string;
	/** Puts the pages in `folder` before each run of the CLI over them. */
	prepare?: () => Promise<void>;
	/** Called once the CLI has read the pages. */
	read?: () => void;
}

/**
 * `indexSite` through the Pagefind CLI: each of `parts` into the output folder's index (the first into
 * `pagefind/`, the others into its `shards/N/`), one after the other, so that the indexer's memory holds
 * one at a time. Its exit status, its error lines and its count of indexed pages are checked, and the
 * count before the new index is swapped in.
 */
async function indexWithCli(
	outputDir: string,
	parts: readonly IndexPart[],
	options: SearchIndexOptions & IndexedCount & { pages: ArticlePages },
): Promise<number> {
	const { language, folder } = { ...searchIndexDefaults, ...options };
	let count = 0;
	const executable = await pagefindExecutable();
	await publishSearchIndex(path.join(outputDir, folder), async (staging) => {
		const waiting = new Map(parts.map((part, index) => [index, (part.ready ?? Promise.resolve()).then(() => index)]));
		// A build that fails stops every part that waits: not an unhandled rejection for each.
		for (const ready of waiting.values()) ready.catch(() => undefined);
		/** Each part's run of the CLI, the last one's still running or done. */
		const runs: Promise<void>[] = [];
		let previous: IndexerRun | undefined;
		/** Parts to index again once every run is done (a fragment that may be mistaken for a linked one). */
		const again: (() => Promise<void>)[] = [];
		// A failure (the build's, whose parts then never come, or a part's missing page) is reported once the
		// run under way is done: it writes into the folder the caller then removes.
		try {
			while (waiting.size > 0) {
				// One part at a time (the indexer's memory holds one), the first whose pages are written.
				const index = await Promise.race(waiting.values());
				waiting.delete(index);
				const part = parts[index] as IndexPart;
				const output = index === 0 ? staging : path.join(staging, shardFolder(index));
				const reuse = options.reuse?.[index];
				// An index (of a split one, a part) made of the same pages as one of the last build's: that one,
				// taken whole, and the CLI does not run for it.
				if (reuse?.index && takeIndex({ ...reuse, index: reuse.index }, output)) {
					count += reuse.index.fragments.length;
					continue;
				}
				const args = ["--site", part.folder, "--glob", part.glob, "--force-language", language, "--output-path", output];
				const linked = reuse ? linkFragments(reuse, output) : undefined;
				const onPagesRead = () => {
					part.read?.();
					options.onPagesRead?.();
				};
				await part.prepare?.();
				// One run at a time, the next starting as the last exits: in a shell that waits for it, where the
				// system allows, rather than once this thread sees it exit, which it may only do after rendering for
				// a while (10,000 news items in three indexes: ~0.5 s lost before a part).
				const after = previous && canWaitForExit ? previous.pid : undefined;
				if (previous && after === undefined) await previous.done.catch(() => undefined);
				const run = startIndexer(executable, args, onPagesRead, after);
				previous = run;
				runs.push(
					run.done.then((indexed) => {
						if (!linked || reuseHeld(output, linked, indexed)) count += indexed;
						else
							again.push(async () => {
								// A fragment of this index may be mistaken for a linked one: the index again, from nothing.
								await rm(output, { recursive: true, force: true });
								await part.prepare?.();
								count += await startIndexer(executable, args, onPagesRead).done;
							});
					}),
				);
			}
		} catch (error) {
			await Promise.allSettled(runs);
			throw error;
		}
		for (const result of await Promise.allSettled(runs)) if (result.status === "rejected") throw result.reason;
		for (const reindex of again) await reindex();
		checkCount(count, options);
	});
	return count;
}

/**
 * The CLI's line that starts the step after reading the pages (Pagefind 1.x prints its steps as
 * `[Walking source directory]`, `[Parsing files]`, `[Reading languages]`, `[Building search indexes]`).
 * Another version's wording only makes `onPagesRead` come when the index is done.
 */
const pagesReadLine = /^\[(Reading languages|Building search indexes)\]/m;

/** A run of the Pagefind CLI (`startIndexer`). */
interface IndexerRun {
	/** Its process, once started. */
	pid: number | undefined;
	/** Settles with the pages it indexed. */
	done: Promise<number>;
}

/**
 * Whether a shell can wait for a process to exit without this process having seen it exit (Linux's
 * `/proc/<pid>/stat` says a process that has exited but is not yet waited for is a zombie, `Z`).
 */
const canWaitForExit = process.platform === "linux" && existsSync("/proc/self/stat") && existsSync("/bin/sh");

/** Runs "$@" once the process whose number is $0 has exited (or is a zombie). */
const afterExit =
	'while [ -r "/proc/$0/stat" ] && read -r _ _ state _ < "/proc/$0/stat" && [ "$state" != Z ]; do sleep 0.02; done; exec "$@"';

/**
 * Runs the Pagefind CLI, once the process numbered `after` has exited when given; its exit status and
 * error lines are checked. `done` settles with the pages it indexed; `onPagesRead` is called when it says
 * it has read them.
 */
function startIndexer(executable: string, args: string[], onPagesRead?: () => void, after?: number): IndexerRun {
	const started =
		after === undefined
			? run(executable, args, readLine(onPagesRead))
			: run("/bin/sh", ["-c", afterExit, String(after), executable, ...args], readLine(onPagesRead));
	return { pid: started.pid, done: started.result.then(indexedCount) };
}

const readLine = (onPagesRead?: () => void) => (output: string) => {
	if (pagesReadLine.test(output)) onPagesRead?.();
};

/** The CLI's run checked (exit status, error lines) and its count of indexed pages. */
function indexedCount({ code, stdout, stderr }: { code: number | null; stdout: string; stderr: string }): number {
	const errors = `${stderr}\n${stdout}`.split("\n").filter((line) => /^\s*(error|failed)\b/i.test(line));
	if (code !== 0 || errors.length > 0)
		throw new SearchIndexError(errors.length > 0 ? errors : [`pagefind exited with ${code}: ${stderr.trim()}`]);
	const indexed = /Indexed (\d+) pages?/.exec(stdout);
	if (!indexed) throw new SearchIndexError([`pagefind did not say how many pages it indexed: ${stdout.trim().split("\n").at(-1)}`]);
	// Unlike addDirectory's page_count, the CLI's count leaves out the redirect pages the glob also
	// matches (they have no data-pagefind-body): it is the articles' count as it is.
	return Number(indexed[1]);
}

/**
 * The Pagefind binary allocates with jemalloc, which by default keeps freed memory for 10 s before giving
 * it back: the indexer frees each page's parse as it copies it into its index, so that memory counted
 * twice at its peak. Given back after 100 ms, the CLI's peak over 10,000 news pages is ~570 MB instead of
 * ~677 MB at the same speed (2.97–3.02 s against 2.91–3.10 s); given back at once (0 ms) it took 1.2 s
 * more (docs/performance.md). A setting of the caller's own is kept.
 */
export function indexerEnvironment(environment: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
	return { _RJEM_MALLOC_CONF: "dirty_decay_ms:100", ...environment };
}

/** Runs `command`; `onOutput` sees its standard output so far each time more comes. */
function run(
	command: string,
	args: string[],
	onOutput?: (stdout: string) => void,
): { pid: number | undefined; result: Promise<{ code: number | null; stdout: string; stderr: string }> } {
	let pid: number | undefined;
	const result = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
		const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], env: indexerEnvironment(process.env) });
		pid = child.pid;
		let stdout = "";
		let stderr = "";
		child.stdout.on("data", (chunk) => {
			stdout += chunk;
			onOutput?.(stdout);
		});
		child.stderr.on("data", (chunk) => {
			stderr += chunk;
		});
		child.on("error", reject);
		child.on("close", (code) => resolve({ code, stdout, stderr }));
	});
	return { pid, result };
}

/**
 * Indexes `pages` held in memory into `<outputDir>/pagefind/` (or `folder`), in the order given; returns
 * how many. No pages give an index without a language, which readers of the index take as empty.
 */
export async function writeSearchIndex(outputDir: string, pages: IndexedPage[], options: SearchIndexOptions = {}): Promise<number> {
	return withIndex(outputDir, options, async (index) => {
		for (const page of pages) {
			const added = await index.addHTMLFile({ url: page.url, content: page.content });
			if (added.errors.length > 0) throw new SearchIndexError(added.errors.map((error) => `${page.url}: ${error}`));
		}
		return pages.length;
	});
}

/** Indexes open in this process: Pagefind's service is shared, and closing it ends every one of them. */
let open = 0;

async function withIndex(
	outputDir: string,
	options: SearchIndexOptions,
	fill: (index: pagefind.PagefindIndex) => Promise<number>,
): Promise<number> {
	const { language, folder } = { ...searchIndexDefaults, ...options };
	open++;
	let index: pagefind.PagefindIndex | undefined;
	try {
		const created = await pagefind.createIndex({ forceLanguage: language });
		if (created.errors.length > 0 || !created.index) throw new SearchIndexError(created.errors);
		index = created.index;
		const count = await fill(index);
		const { writeFiles } = index;
		await publishSearchIndex(path.join(outputDir, folder), async (staging) => {
			const written = await writeFiles({ outputPath: staging });
			if (written.errors.length > 0) throw new SearchIndexError(written.errors);
		});
		return count;
	} finally {
		// The service keeps an index until told otherwise; other indexes of this process may outlive this one.
		await index?.deleteIndex().catch(() => null);
		open--;
		if (open === 0) await pagefind.close();
	}
}
