// The search page's configuration (`SearchPageConfig`), as the build wrote it into the page.
import { indexVersionPlaceholder, type SearchPageConfig, searchConfigId } from "../search/contract.ts";
import { englishSearchWords } from "../search/search-words.ts";

/**
 * The page's configuration, read once. A page without it (or with a broken one) still searches the site
 * as served from `/`, in English: the defaults are what a page at `/search/` with one index would say.
 */
export function readSearchConfig(page: Document): SearchPageConfig {
	const defaults: SearchPageConfig = {
		siteRoot: "/",
		siteRootFromPage: "../",
		bundle: "../pagefind/",
		bundleFromPage: "../pagefind/",
		indexVersion: indexVersionPlaceholder,
		filters: "auto",
		indexParts: [],
		words: englishSearchWords,
	};
	let found: Partial<SearchPageConfig> = {};
	try {
		const parsed: unknown = JSON.parse(page.getElementById(searchConfigId)?.textContent || "{}");
		if (typeof parsed === "object" && parsed !== null) found = parsed;
	} catch {
		// The defaults.
	}
	return { ...defaults, ...found, words: { ...englishSearchWords, ...found.words } };
}
