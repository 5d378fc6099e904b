/**
 * Builds the Pagefind index through its Node API. Every `errors` array Pagefind returns fails the build,
 * and the service is closed once no index of this process needs it.
 *
 * A build indexes the article pages Eleventy has just written (`addDirectory`), not the HTML it still
 * holds in memory (`addHTMLFile`): measured on 10,000 articles (npm run bench), Pagefind parses a folder
 * on every core in 5 s, while pages handed over one message at a time took 14–17 s on one core, and
 * handing them over during rendering slowed the rendering by as much as it saved.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import * as pagefind from "pagefind";
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
}

export const searchIndexDefaults = { language: "en", folder: "pagefind" } satisfies Required<SearchIndexOptions>;

/** Where the article pages are in the output folder, for `indexSite`. */
export interface ArticlePages {
	/** A glob (relative to the output folder) matching article pages, when the URL pattern allows one. */
	glob?: string;
	/** Pages the glob also matches that are not articles (redirect pages, which have no `data-pagefind-body`). */
	alsoMatched: number;
	/** Article pages outside the glob (an article's own permalink), read and added one by one. */
	extra: { url: string; file: string }[];
}

/**
 * Folder indexing is fast (every core), so the pages the site's URL pattern makes are found by a glob
 * (for the default, `articles/` then four `*` segments and `index.html`); the few articles with their own permalink are
 * added one by one. A pattern that starts with a token (`/:year/…`) could match the site's other pages,
 * so then every article is added one by one.
 */
export function articlePages(pattern: string, articleUrls: readonly string[], redirectPaths: readonly string[]): ArticlePages {
	const segments = pattern.split("/").filter(Boolean);
	const fileOf = (url: string) => (url.endsWith("/") ? `${url}index.html` : url).replace(/^\//, "");
	const literalStart = segments[0] !== undefined && !segments[0].includes(":");
	if (!literalStart) return { alsoMatched: 0, extra: articleUrls.map((url) => ({ url, file: fileOf(url) })) };
	const glob = `${segments.map((segment) => (segment.includes(":") ? "*" : segment)).join("/")}/index.html`;
	const matcher = new RegExp(
		`^${segments.map((segment) => (segment.includes(":") ? "[^/]+" : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))).join("/")}/index\\.html$`,
	);
	return {
		glob,
		alsoMatched: redirectPaths.filter((url) => matcher.test(fileOf(url))).length,
		extra: articleUrls.filter((url) => !matcher.test(fileOf(url))).map((url) => ({ url, file: fileOf(url) })),
	};
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
export async function indexSite(
	outputDir: string,
	options: SearchIndexOptions & { expected?: number; pages: ArticlePages },
): Promise<number> {
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
		if (options.expected !== undefined && count !== options.expected) {
			throw new SearchIndexError([`${count} article pages found in the output, but the digest has ${options.expected}`]);
		}
		return count;
	});
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
