/**
 * What a reader's search costs on a built site, in headless Chromium: the site served as GitHub Pages
 * would serve it (`npm run serve`), the search page opened with `?q=…`, and every byte the network
 * carried counted until the first results are on screen. Then a second query typed into the same page
 * (the index already warm) is timed from Enter to its results.
 *
 * The same measurement runs on Pagefind's Default UI over the index the Pagefind CLI wrote for Hugo's
 * build (bench/hugo-minimal's home page), the reference the search target names (docs/performance.md).
 */
import { startServer } from "../commands/serve.ts";
import { launchChromium } from "../commands/chromium.ts";

/** Where a search page is and how its results show. */
export interface SearchPage {
	/** The page, relative to the site's root; `?q=` is appended. */
	path: string;
	/** A result on screen. */
	result: string;
	/** The status line that counts the results. */
	status: string;
	/** The query field, on a page where a second query is measured (typed, then Enter). */
	input?: string;
}

/** The digest's search page. */
export const digestSearchPage: SearchPage = {
	path: "search/",
	result: ".search-result",
	status: "[data-search-status]",
	input: "[data-search-input]",
};

/** Pagefind's Default UI on bench/hugo-minimal's home page (it searches as one types: no second query). */
export const defaultUiPage: SearchPage = { path: "", result: ".pagefind-ui__result", status: ".pagefind-ui__message" };

export interface QueryMeasurement {
	query: string;
	/** Results Pagefind found for the query, as the page's status line says. */
	count: number;
	/** Milliseconds from opening `/search/?q=…` to the first result on screen (page, bundle and index included). */
	firstResultsMs: number;
	/** Bytes transferred for that, all of it (HTML, CSS, scripts, Pagefind's bundle and index). */
	transferredBytes: number;
	/** Of those, the bytes under `/pagefind/`. */
	searchBytes: number;
	/** Files fetched under `/pagefind/`. */
	searchRequests: number;
	/** Milliseconds from pressing Enter on a second query to its results, on the loaded page. */
	nextQueryMs?: number;
	nextQuery?: string;
}

/** Measures `query` (then `nextQuery`) on the site built in `outputDir`, waiting up to `timeoutMs` for each. */
export async function measureSearchQuery(
	outputDir: string,
	query: string,
	nextQuery: string,
	timeoutMs = 600_000,
	searchPage: SearchPage = digestSearchPage,
): Promise<QueryMeasurement> {
	const server = await startServer({ outputDir, port: 0 });
	const browser = await launchChromium();
	try {
		// Service workers allowed, as readers have them: a first visit stores only what the page loaded,
		// and fetches the offline packs by itself only when the whole search data is under 2 MB (then
		// that is part of what the visit costs, and counted).
		const context = await browser.newContext();
		const page = await context.newPage();
		// Context-wide, so that what Pagefind's web worker fetches is counted too.
		const sizes: Promise<{ url: string; bytes: number }>[] = [];
		context.on("requestfinished", (request) => {
			// A request that finishes as the context closes has no sizes any more: it must not fail the bench.
			sizes.push(
				request.sizes().then(
					(size) => ({ url: request.url(), bytes: size.responseHeadersSize + size.responseBodySize }),
					() => ({ url: request.url(), bytes: 0 }),
				),
			);
		});
		const transferred = async () => {
			const done = await Promise.all(sizes);
			const search = done.filter((entry) => /\/pagefind\//.test(new URL(entry.url).pathname));
			const sum = (list: typeof done) => list.reduce((total, entry) => total + entry.bytes, 0);
			return { transferredBytes: sum(done), searchBytes: sum(search), searchRequests: search.length };
		};

		const started = performance.now();
		await page.goto(new URL(`${searchPage.path}?q=${encodeURIComponent(query)}`, server.url).href);
		await page
			.locator(searchPage.result)
			.first()
			.waitFor({ timeout: timeoutMs })
			.catch(() => {
				throw new Error(`no results for "${query}" within ${timeoutMs / 1000} s of opening the search page`);
			});
		const firstResultsMs = performance.now() - started;
		// Requests still finishing as the results appear (the rest of the first page of excerpts) count too.
		await page.waitForLoadState("networkidle");
		const counted = await transferred();
		const status = (await page.locator(searchPage.status).first().textContent()) ?? "";
		const count = Number(/[\d,]+/.exec(status)?.[0]?.replace(/,/g, "") ?? 0);
		if (!searchPage.input) {
			await context.close();
			return { query, count, firstResultsMs, ...counted };
		}

		const firstTitle = await page.locator(searchPage.result).first().textContent();
		const input = page.locator(searchPage.input);
		await input.fill(nextQuery);
		const typed = performance.now();
		await input.press("Enter");
		await page.waitForFunction(
			({ before, selector }) => {
				const first = document.querySelector(selector);
				return first !== null && first.textContent !== before;
			},
			{ before: firstTitle, selector: searchPage.result },
			{ timeout: timeoutMs },
		);
		const nextQueryMs = performance.now() - typed;
		await context.close();
		return { query, count, firstResultsMs, ...counted, nextQueryMs, nextQuery };
	} finally {
		await browser.close();
		await server.close();
	}
}
