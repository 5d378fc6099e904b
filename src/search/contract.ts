/** Names the search page, the build and the terminal search share. */

/** The facets readers narrow by, in the order shown; keys are Pagefind filter names (docs/search.md). */
export const searchFacets = [
	{ key: "topic", label: "Topic", word: "facetTopic" },
	{ key: "source", label: "Source", word: "facetSource" },
	{ key: "year", label: "Year", word: "facetYear" },
	/** Each language by its own name (English, Русский, Українська), whatever the page's language. */
	{ key: "language", label: "Language", word: "facetLanguage" },
] as const;

/**
 * The words the search page's script writes (it reads them from the page's `SearchPageConfig`, so its
 * bundle carries no language): `{n}` a number, `{q}` the query; counts by plural category
 * (`Intl.PluralRules`: one, few, many, other).
 */
export interface SearchPageStrings {
	articles: Record<string, string>;
	forQuery: string;
	withFilters: string;
	typeToSearch: string;
	noMatch: string;
	noMatchQuery: string;
	adviceFilters: string;
	advice: string;
	showAll: string;
	showFewer: string;
	nothingYet: string;
	couldNotLoad: string;
	/** The offline control's status lines (src/browser/offline-control.ts); `{q}` a day, a size or an error. */
	availableOffline: string;
	updatedOn: string;
	savingOffline: string;
	updatingOffline: string;
	sizeOf: string;
	saveFailed: string;
}

/**
 * Everything the search page's script takes from the build, written by layouts/components/SearchView.tsx
 * as one `<script type="application/json">` element (`searchConfigId`) and read by
 * src/browser/search-config.ts. The page is rendered before the index exists: `indexVersion`, `filters`
 * and `indexParts` are set once it does (src/search/page-config.ts, `withSearchConfig`).
 */
export interface SearchPageConfig {
	/** The site's root as served (`/`, `/repo/`): also how `serve` learns the prefix a site was built for. */
	siteRoot: string;
	/** The site's root from the search page, for a copy opened from disk. */
	siteRootFromPage: string;
	/** Pagefind's bundle as served. */
	bundle: string;
	/** Pagefind's bundle from the search page, for a copy opened from disk. */
	bundleFromPage: string;
	/** The build's content hash, Pagefind's `metaCacheTag`; `indexVersionPlaceholder` until indexed. */
	indexVersion: string;
	/** When the filter files load. */
	filters: SearchPageFilters;
	/** The other indexes of a split one (`shardFolder`), relative to `bundle`, newest first; none for one index. */
	indexParts: string[];
	/** The dev server's index of newly added articles (`recentIndexFolder`), only on the page it serves. */
	recentBundle?: string;
	/** The page's words for what the script writes, in the page's language. */
	words: SearchPageStrings;
}

/** The id of the search page's configuration element. */
export const searchConfigId = "search-config";

/** The search page is rendered before the build's hash exists; `indexVersion` holds this until indexing. */
export const indexVersionPlaceholder = "index-version-pending";

/**
 * The search page's `filters`, set after indexing: `auto` loads the filter files once the first results
 * are shown; `on-request` (filter files over `filtersOnRequestBytes`) only when the reader opens the
 * filters or the address already chooses one.
 */
export type SearchPageFilters = "auto" | "on-request";

/**
 * The dev server's second index, beside `pagefind/`: the articles added since its last full index, which
 * the search page merges in (Pagefind's `mergeIndex`) so that a new article is found while the full index
 * is rebuilt in the background. Holds no language (empty) when there is nothing new.
 */
export const recentIndexFolder = "pagefind-recent";

/**
 * What the dev server tells open pages (through its live-reload socket) when its search indexes changed
 * outside a rebuild's own reload: new articles put into the recent index ahead of the rebuild, or a
 * background full index (and the emptied recent one) in place. A search page then reloads.
 */
export const searchIndexChangedMessage = "[digest] the search index changed";

/**
 * A digest of more articles than one index should hold (src/search/indexer.ts, `planIndexShards`) has
 * several: the newest articles in `pagefind/` itself, older periods in `pagefind/shards/1/`,
 * `pagefind/shards/2/`, … (each a whole Pagefind bundle), and the search page lists them in its
 * configuration's `indexParts` (paths relative to `pagefind/`), newest first.
 */
export const shardFolder = (n: number): string => `shards/${n}`;

/**
 * A path inside `pagefind/` as the index it is in (`part`: `""` for the site's own, `shards/N/` for
 * another part of a split one) and its path inside that index's folder.
 */
export function inIndexPart(file: string): { part: string; path: string } {
	const part = /^shards\/\d+\//.exec(file)?.[0] ?? "";
	return { part, path: file.slice(part.length) };
}
