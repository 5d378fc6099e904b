/**
 * Builds the Pagefind index through its Node API, from the rendered HTML held in memory (no second read
 * of the output). Every `errors` array Pagefind returns fails the build; the service is closed once no index needs it.
 */
import { StreamingSearchIndex } from "./streaming-index.ts";

export interface IndexedPage {
	/** The page's URL without the path prefix, e.g. `/articles/2025/02/slug/`. */
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
}

export const searchIndexDefaults = { language: "en" } satisfies Required<SearchIndexOptions>;

export class SearchIndexError extends Error {
	constructor(readonly errors: string[]) {
		super(`the search index could not be built: ${errors.join("; ")}`);
		this.name = "SearchIndexError";
	}
}

/**
 * Indexes `pages` into `<outputDir>/pagefind/`, in the order given; returns how many pages were indexed.
 * It goes through the same index the build streams into, so Pagefind's shared service is closed only once
 * no other index of this process still needs it.
 */
export async function writeSearchIndex(outputDir: string, pages: IndexedPage[], options: SearchIndexOptions = {}): Promise<number> {
	const index = new StreamingSearchIndex(
		pages.map((page) => page.url),
		options,
	);
	for (const page of pages) index.offer(page);
	return index.finish(outputDir);
}
