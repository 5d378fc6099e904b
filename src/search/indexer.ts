/**
 * Builds the Pagefind index through its Node API, from the rendered HTML held in memory (no second read
 * of the output). Every `errors` array Pagefind returns fails the build; the service is always closed.
 */
import path from "node:path";
import * as pagefind from "pagefind";

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

/** Indexes `pages` into `<outputDir>/pagefind/`; returns how many pages were indexed. */
export async function writeSearchIndex(outputDir: string, pages: IndexedPage[], options: SearchIndexOptions = {}): Promise<number> {
	const { language } = { ...searchIndexDefaults, ...options };
	try {
		const created = await pagefind.createIndex({ forceLanguage: language });
		if (created.errors.length > 0 || !created.index) throw new SearchIndexError(created.errors);
		const index = created.index;
		let indexed = 0;
		for (const page of pages) {
			const added = await index.addHTMLFile({ url: page.url, content: page.content });
			if (added.errors.length > 0) throw new SearchIndexError(added.errors.map((error) => `${page.url}: ${error}`));
			indexed++;
		}
		const written = await index.writeFiles({ outputPath: path.join(outputDir, "pagefind") });
		if (written.errors.length > 0) throw new SearchIndexError(written.errors);
		return indexed;
	} finally {
		await pagefind.close();
	}
}
