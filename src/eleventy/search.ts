/**
 * After Eleventy writes the pages, everything search needs is written: the Pagefind index (article
 * pages only, the search contract in docs/search.md, read back from the output folder), its `file://` form,
 * and the service worker with the build's content hash (from the rendered pages, still in memory).
 *
 * In the dev server a full re-index would hold every rebuild (and the browser's reload) for as long as
 * indexing every article takes, so after its first build a rebuild indexes only the articles added since
 * the last full index (a one-page index is written in well under a second) and the full re-index runs
 * after it, in the background. Until it is done, an edited article is found by its previous text.
 */
import path from "node:path";
import type { Digest } from "../content/load.ts";
import { defaultPermalinkPattern } from "../content/urls.ts";
import { hasSearchableText } from "../content/markdown.ts";
import { type FileBundleReport, writeFileBundle } from "../search/file-bundle.ts";
import { type ArticlePages, articlePages, indexSite } from "../search/indexer.ts";
import { indexFiles, previousIndex } from "../search/fragment-reuse.ts";
import type { IndexReuse } from "../search/index-reuse.ts";
import { type OfflineReport, type PageHash, pageHash, writeOfflineFiles } from "../search/offline.ts";
import { RecentSearchIndex } from "../search/recent.ts";
import { type BuildOptions, type BuildSession, sessionOf } from "./options.ts";
import { indexLanguage } from "../search/word-forms.ts";
import { collectGarbage } from "./memory.ts";

/** One page of Eleventy's build results. */
export interface RenderedResult {
	url: string | false;
	outputPath?: string | false;
	/** A Buffer for the page templates (src/eleventy/layouts.ts). */
	content: string | Buffer;
}

export interface SiteSearchReport {
	/** Article pages in the index. */
	indexed: number;
	fileBundle: FileBundleReport | undefined;
	offline: OfflineReport;
}

/**
 * Writes the search index, the `file://` bundle, `sw.js` and the search page's index version into
 * `outputDir`, once Eleventy has written every page there (`results`: what Eleventy rendered, all of it,
 * not only the pages that changed). The one entry point for anything that rebuilds the site, the dev
 * server included.
 */
export async function writeSiteSearch(
	outputDir: string,
	rendered: readonly PageHash[],
	options: Pick<
		BuildOptions,
		"pathPrefix" | "fileSearch" | "fileSearchMaxBytes" | "filtersOnRequestBytes" | "pagesPerIndex" | "serviceWorker" | "readFragments"
	> & {
		language?: string;
		/** The newest article's day (`YYYY-MM-DD`): the offline copy's date. */
		updated?: string;
		/** The digest's article count (and those without a word): what the index must hold. */
		expected?: number;
		wordless?: number;
		/** Where the article pages are (the site's URL pattern, articles with their own permalink). */
		pages: ArticlePages;
		/** The article pages' index, when the build started it already (`startArticleIndex`). */
		articleIndex?: Promise<number>;
		/** What this index took of the last build's: its packs and scripts of that are taken too. */
		reuse?: IndexReuse;
	},
): Promise<SiteSearchReport> {
	// The indexer grows to ~65 kB a page while this process only waits for it: what rendering left goes
	// first (~300 of ~750 MB at 10,000 articles).
	collectGarbage();
	const indexed = await (options.articleIndex ?? indexArticles(outputDir, options));
	const pagefindDir = path.join(outputDir, "pagefind");
	const withFileBundle = options.fileSearch;
	// The packs, the file:// bundle and the previous index's check look at the same files: once each; with
	// the bundle, both read every file: once each too (10,000 news items: ~0.1 s of reads).
	const files = indexFiles(pagefindDir, { keepContents: withFileBundle });
	const previous = options.reuse ? previousIndex(options.reuse.lastIndex, pagefindDir, files) : undefined;
	// The offline packs (compressed on libuv's threads) and the file:// bundle (read and written on this
	// one) are made from the index side by side: neither reads what the other writes. Both settle before
	// a failure is reported, so that nothing still writes into a folder the build is removing.
	const [bundled, packed] = await Promise.allSettled([
		withFileBundle
			? writeFileBundle(pagefindDir, { maxIndexBytes: options.fileSearchMaxBytes, files, ...(previous ? { previousIndex: previous } : {}) })
			: undefined,
		writeOfflineFiles(outputDir, {
			pathPrefix: options.pathPrefix,
			pages: rendered,
			...(options.updated ? { updated: options.updated } : {}),
			retire: !options.serviceWorker,
			filtersOnRequestBytes: options.filtersOnRequestBytes,
			...(previous ? { previousIndex: previous } : {}),
			indexFiles: files,
			...(options.readFragments ? { readFragments: options.readFragments } : {}),
		}),
	]);
	if (bundled.status === "rejected") throw bundled.reason;
	if (packed.status === "rejected") throw packed.reason;
	const fileBundle = bundled.value;
	const offline = packed.value;
	if (fileBundle && !fileBundle.written) {
		console.warn(
			`warning: the search index is ${megabytes(fileBundle.indexBytes)}, over the ${megabytes(options.fileSearchMaxBytes)} limit for searching from disk (file://); a downloaded copy searches when served with \`npm run serve\`.`,
		);
	}
	return { indexed, fileBundle, offline };
}

/** The pages of Eleventy's results (not those without a URL), as the offline version hashes them. */
export const hashesOf = (results: readonly RenderedResult[]): PageHash[] =>
	results.flatMap((result) => (typeof result.url === "string" ? [pageHash(result.url, result.content)] : []));

/** The day of the newest article, `YYYY-MM-DD`; undefined for an empty (or not yet loaded) digest. */
function newestDay(digest: Digest | undefined): string | undefined {
	let newest: string | undefined;
	for (const article of digest?.articles ?? []) if (newest === undefined || article.day > newest) newest = article.day;
	return newest;
}

const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * The article pages of a digest in its output folder (see articlePages), worked out once per digest: a
 * build asks for them for the index's key, its parts and the index itself (55 ms each at 100,000 articles).
 */
export function articlePagesOf(digest: Digest | undefined, pagesPerIndex?: number): ArticlePages {
	if (!digest) return articlePages(defaultPermalinkPattern, [], []);
	const known = pagesOfDigest.get(digest) ?? new Map<number | undefined, ArticlePages>();
	pagesOfDigest.set(digest, known);
	let pages = known.get(pagesPerIndex);
	if (!pages) {
		pages = articlePages(
			digest.site.permalink,
			digest.articles.map((article) => article.url),
			digest.articles.flatMap((article) => article.aliases),
			pagesPerIndex,
			digest.articles.map((article) => article.day),
		);
		known.set(pagesPerIndex, pages);
	}
	return pages;
}

const pagesOfDigest = new WeakMap<Digest, Map<number | undefined, ArticlePages>>();

/** What the article pages' index is built from, in a build's session. */
function articleIndexOptions(session: BuildSession): ArticleIndexOptions {
	const digest = session.digest;
	return {
		language: digest ? indexLanguage(digest.site.language) : undefined,
		expected: digest?.articles.length,
		wordless: digest?.articles.filter((article) => !hasSearchableText(article.title, article.html)).length,
		pages: articlePagesOf(digest, session.pagesPerIndex),
		...(session.reusableIndex ? { reuse: session.reusableIndex } : {}),
	};
}

/**
 * What an index of the article pages is made of besides the pages' bytes and the code (a record's
 * fingerprint): how they are found (a glob, or every article page linked apart where the site's URL
 * pattern allows none, as many Hugo and most Jekyll sites' do) and the index's language, both from the
 * site's own configuration (each part of a split index is also held to be made of the same pages).
 */
export function articleIndexKey(session: BuildSession): string {
	const { pages, language } = articleIndexOptions(session);
	return JSON.stringify({ glob: pages.glob ?? null, linked: pages.linked !== undefined, language: language ?? null });
}

/**
 * Starts the index of the article pages in `outputDir` (the Pagefind CLI, a process of its own) while the
 * caller goes on rendering the other pages: a build rendering in several runs calls it once the runs of
 * article pages are written. The promise is handled, so that a failure waits to be reported by the
 * last run, which awaits it (`renderRun.articleIndex`). `partsReady`: of a split index started before
 * every article page is written, when each part's are.
 */
export function startArticleIndex(outputDir: string, session: BuildSession, partsReady?: readonly Promise<void>[]): ArticleIndex {
	let pagesRead = () => {};
	const read = new Promise<void>((resolve) => {
		pagesRead = resolve;
	});
	const done = indexArticles(outputDir, { ...articleIndexOptions(session), onPagesRead: pagesRead, ...(partsReady ? { partsReady } : {}) });
	done.catch(() => undefined);
	return { done, pagesRead: read };
}

/** An index of the article pages being written (`startArticleIndex`). */
export interface ArticleIndex {
	/** Settles with the index: how many pages it holds. */
	done: Promise<number>;
	/**
	 * Resolves once the indexer has read every page (or the index is settled): from then on it uses about
	 * one core, and the build's own work takes the other without slowing its reading.
	 */
	pagesRead: Promise<void>;
}

/** What the article pages' index needs: where they are, their language, how many the digest expects. */
interface ArticleIndexOptions {
	pages: ArticlePages;
	language?: string | undefined;
	/** What of the last build's index this one can take as it is. */
	reuse?: IndexReuse;
	expected?: number | undefined;
	wordless?: number | undefined;
	onPagesRead?: () => void;
	partsReady?: readonly Promise<void>[];
}

/** The Pagefind index of the article pages (`indexSite`), checked against the count the digest expects. */
function indexArticles(outputDir: string, options: ArticleIndexOptions): Promise<number> {
	const { language, expected, wordless, pages, reuse, onPagesRead, partsReady } = options;
	return indexSite(outputDir, {
		pages,
		...(partsReady ? { partsReady } : {}),
		...(reuse ? { reuse: reuse.parts } : {}),
		...(onPagesRead ? { onPagesRead } : {}),
		...(language ? { language } : {}),
		...(expected === undefined ? {} : { expected, wordless: wordless ?? 0 }),
	});
}

// biome-ignore lint/suspicious/noExplicitAny: Eleventy's config object is untyped.
export function searchPlugin(eleventyConfig: any): void {
	const session = sessionOf(eleventyConfig);
	// The dev server's (it writes the recent index from its own moments too); one of its own otherwise.
	const recent = session().recentIndex ?? new RecentSearchIndex();
	const updateRecent = (outputDir: string) => recent.update(outputDir, () => session().digest);

	eleventyConfig.on("eleventy.after", async ({ directories, results }: { directories: { output: string }; results: RenderedResult[] }) => {
		const built = session();
		// A build rendered in several runs indexes once, after the last, with every run's pages.
		if (built.renderRun?.last === false) return;
		const outputDir = path.resolve(directories.output);
		// The index reads the article pages from the output folder: whatever else tidies it goes first.
		await built.beforeSearchIndex?.(outputDir, results);
		const reindex = async () => {
			// The session in force when the index is written: in the dev server, after the rebuild (see below).
			const options = session();
			// The pages on disk now are those of this digest; a later rebuild may replace it while Pagefind reads.
			const indexing = new Set(options.digest?.articles.map((article) => article.url));
			// Hashed here, not before: in the dev server the full re-index runs after the rebuild, off its path.
			const rendered = [...(options.renderRun?.earlierPages ?? []), ...hashesOf(results)];
			await writeSiteSearch(outputDir, rendered, {
				...options,
				...articleIndexOptions(options),
				...(options.renderRun?.articleIndex ? { articleIndex: options.renderRun.articleIndex } : {}),
				updated: newestDay(options.digest),
			});
			return indexing;
		};
		const defer = built.deferSearchIndex;
		if (defer && recent.hasFullIndex) {
			await updateRecent(outputDir);
			defer(async () => {
				recent.fullIndexWritten(await reindex());
				await updateRecent(outputDir);
			});
			return;
		}
		const indexed = await reindex();
		if (defer) {
			recent.fullIndexWritten(indexed);
			await updateRecent(outputDir);
		}
	});
}
