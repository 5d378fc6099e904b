/**
 * What a reader's search costs on a built site, in headless Chromium: the site served as GitHub Pages
 * would serve it (`npm run serve`), the search page opened with `?q=…`, and every byte the network
 * carried counted until the first results are on screen. Then a second query typed into the same page
 * (the index already warm) is timed from Enter to its results.
 */
import { startServer } from "../serve.ts";
import { launchChromium } from "../chromium.ts";

export interface QueryMeasurement {
	query: string;
	/** Results Pagefind found for the query. */
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
	nextQueryMs: number;
	nextQuery: string;
}

/** Measures `query` (then `nextQuery`) on the site built in `outputDir`, waiting up to `timeoutMs` for each. */
export async function measureSearchQuery(
	outputDir: string,
	query: string,
	nextQuery: string,
	timeoutMs = 600_000,
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
			sizes.push(request.sizes().then((size) => ({ url: request.url(), bytes: size.responseHeadersSize + size.responseBodySize })));
		});
		const transferred = async () => {
			const done = await Promise.all(sizes);
			const search = done.filter((entry) => /\/pagefind\//.test(new URL(entry.url).pathname));
			const sum = (list: typeof done) => list.reduce((total, entry) => total + entry.bytes, 0);
			return { transferredBytes: sum(done), searchBytes: sum(search), searchRequests: search.length };
		};

		const started = performance.now();
		await page.goto(new URL(`search/?q=${encodeURIComponent(query)}`, server.url).href);
		await page
			.locator(".search-result")
			.first()
			.waitFor({ timeout: timeoutMs })
			.catch(() => {
				throw new Error(`no results for "${query}" within ${timeoutMs / 1000} s of opening the search page`);
			});
		const firstResultsMs = performance.now() - started;
		// Requests still finishing as the results appear (the rest of the first page of excerpts) count too.
		await page.waitForLoadState("networkidle");
		const counted = await transferred();
		const status = (await page.locator("[data-search-status]").textContent()) ?? "";
		const count = Number(/[\d,]+/.exec(status)?.[0]?.replace(/,/g, "") ?? 0);

		const firstTitle = await page.locator(".search-result").first().textContent();
		const input = page.locator("[data-search-input]");
		await input.fill(nextQuery);
		const typed = performance.now();
		await input.press("Enter");
		await page.waitForFunction(
			(before) => {
				const first = document.querySelector(".search-result");
				return first !== null && first.textContent !== before;
			},
			firstTitle,
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
