/** The parts of Pagefind's browser JS API (pagefind.js) the search page uses; types only. */

export interface PagefindOptions {
	basePath?: string;
	baseUrl?: string;
	excerptLength?: number;
	noWorker?: boolean;
	metaCacheTag?: string;
}

/** Facet name -> value -> number of pages. */
export type FilterCounts = Record<string, Record<string, number>>;

export interface PagefindResultData {
	url: string;
	raw_url?: string;
	excerpt: string;
	/** The page's indexed text, plain. */
	content?: string;
	meta: Record<string, string | undefined>;
	filters: Record<string, string[] | undefined>;
}

export interface PagefindResult {
	id: string;
	/** Relevance, or with a sort the result's place in its own index's order. */
	score?: number;
	data(): Promise<PagefindResultData>;
}

export interface PagefindSearch {
	results: PagefindResult[];
	filters: FilterCounts;
}

export interface PagefindModule {
	options(options: PagefindOptions): Promise<void>;
	search(
		query: string | null,
		options?: { filters?: Record<string, { any: string[] }>; sort?: Record<string, "asc" | "desc"> },
	): Promise<PagefindSearch>;
	filters(): Promise<FilterCounts>;
	mergeIndex(path: string, options?: { baseUrl?: string }): Promise<void>;
}
