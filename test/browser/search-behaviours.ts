/**
 * What a reader does with search, as steps in real Chromium, shared by the sample-digest and the
 * generated-digest browser tests (each builds its site once, under a path prefix, and passes it here).
 * Not a test file itself: `search.test.ts` and `search-scale.test.ts` register these.
 */
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import * as assert from "uvu/assert";
import { startServer } from "../../src/commands/serve.ts";
import { launchChromium } from "../support/browser.ts";

export interface SearchSite {
	/** The built site on disk. */
	outputDir: string;
	/** Where it is served, with the prefix, e.g. `http://127.0.0.1:40123/repo/`. */
	url: string;
	pathPrefix: string;
	/** A word several articles contain (filters and sorting are tried on its results). */
	word: string;
	/** An article that `query` must find, with its title and site path. */
	expected: { query: string; title: string; path: string };
}

/** On the sample digest: the seed article (test/fixtures/seed-wn-riyadh-talks.txt), found by “Riyadh”. */
export const sampleDigestWords: Pick<SearchSite, "word" | "expected"> = {
	word: "Riyadh",
	expected: {
		query: "Riyadh",
		title: "U.S.-Russia Talks in Saudi Arabia Set to Go Beyond Ukraine",
		path: "/articles/2025/02/18/us-russia-talks-saudi-arabia-beyond-ukraine/",
	},
};

export interface SearchBench {
	browser: Browser;
	site: SearchSite;
	close(): Promise<void>;
}

/** Serves a built site the way `npm run serve` does (under the prefix it was built with) and starts Chromium. */
export async function openSearchBench(outputDir: string, words: Pick<SearchSite, "word" | "expected">): Promise<SearchBench> {
	const server = await startServer({ outputDir, port: 0 });
	const browser = await launchChromium();
	return {
		browser,
		site: { outputDir, url: server.url, pathPrefix: server.pathPrefix, ...words },
		close: async () => {
			await browser.close();
			await server.close();
		},
	};
}

export interface ShownResult {
	title: string;
	href: string;
	date: string;
	source: string;
	excerpt: string;
	marks: string[];
	topics: string[];
}

/** The results as the reader sees them. */
export const shownResults = (page: Page): Promise<ShownResult[]> =>
	page.$$eval(".search-result", (items) =>
		items.map((item) => ({
			title: item.querySelector(".search-result-title a")?.textContent ?? "",
			href: item.querySelector(".search-result-title a")?.getAttribute("href") ?? "",
			date: item.querySelector("time")?.getAttribute("datetime") ?? "",
			source: item.querySelector(".meta")?.textContent ?? "",
			excerpt: item.querySelector(".search-excerpt")?.textContent ?? "",
			marks: [...item.querySelectorAll(".search-excerpt mark")].map((mark) => mark.textContent ?? ""),
			topics: [...item.querySelectorAll(".search-result-topics li")].map((chip) => chip.textContent ?? ""),
		})),
	);

export const statusText = async (page: Page): Promise<string> => ((await page.locator("[data-search-status]").textContent()) ?? "").trim();

/** Resolves once the page has shown a search newer than `after` (see `data-searches-shown`). */
export async function searchShown(page: Page, after = 0): Promise<number> {
	const handle = await page.waitForFunction(
		(previous) => {
			const shown = Number(document.querySelector("[data-search]")?.getAttribute("data-searches-shown") ?? 0);
			return shown > previous ? shown : false;
		},
		after,
		{ timeout: 20_000 },
	);
	return (await handle.jsonValue()) as number;
}

const shownCount = (page: Page) =>
	page.evaluate(() => Number(document.querySelector("[data-search]")?.getAttribute("data-searches-shown") ?? 0));

/** The number at the start of the status line, e.g. 5 in "5 articles for “Riyadh”". */
const countInStatus = (status: string): number => Number(/^([\d,]+) articles?/.exec(status)?.[1]?.replace(/,/g, "") ?? Number.NaN);

export async function openSearch(browser: Browser, url: string): Promise<{ page: Page; close(): Promise<void> }> {
	const context = await browser.newContext();
	const page = await context.newPage();
	const errors: string[] = [];
	page.on("pageerror", (error) => errors.push(error.message));
	await page.goto(url);
	await searchShown(page);
	assert.equal(errors, [], "no script errors");
	return { page, close: () => context.close() };
}

export async function findsTheExpectedArticle(browser: Browser, site: SearchSite): Promise<void> {
	const { query } = site.expected;
	const { page, close } = await openSearch(browser, `${site.url}search/?q=${encodeURIComponent(query)}`);
	try {
		const results = await shownResults(page);
		const expected = results.find((result) => result.title === site.expected.title);
		assert.ok(expected, `"${site.expected.title}" is among the results for ${query}`);
		assert.is(expected.href, `${site.pathPrefix}${site.expected.path.slice(1)}`, "its link carries the path prefix");
		assert.match(expected.date, /^\d{4}-\d{2}-\d{2}$/);
		assert.ok(expected.source.length > 0, "date and source are shown");
		assert.ok(expected.topics.length > 0, "its topics are shown");
		assert.ok(
			expected.marks.some((mark) => mark.toLowerCase().includes(query.toLowerCase())),
			"the word is highlighted in the excerpt",
		);
		assert.match(await statusText(page), new RegExp(`^[\\d,]+ articles? for “${query}”`));
		assert.is(await page.locator("#search-query").inputValue(), query, "the query from the address fills the box");
		// Facets with counts are offered for the results.
		for (const facet of ["topic", "source", "year"]) {
			const options = await page.locator(`[data-facet="${facet}"] .facet-options label`).count();
			assert.ok(options > 0, `${facet} facet has options`);
			assert.match((await page.locator(`[data-facet="${facet}"] .count`).first().textContent()) ?? "", /^\d[\d,]*$/);
		}
	} finally {
		await close();
	}
}

/** Sub-path: the bundle loads from `<prefix>pagefind/`, and every result link starts with the prefix. */
export async function worksUnderThePrefix(browser: Browser, site: SearchSite): Promise<void> {
	assert.is.not(site.pathPrefix, "/", "the site under test is served under a sub-path (read back from its build)");
	const context = await browser.newContext();
	const page = await context.newPage();
	const requested: string[] = [];
	page.on("request", (request) => requested.push(new URL(request.url()).pathname));
	try {
		await page.goto(`${site.url}search/?q=${encodeURIComponent(site.word)}`);
		await searchShown(page);
		const bundleRequests = requested.filter((pathname) => pathname.includes("pagefind"));
		assert.ok(bundleRequests.length > 2, "the bundle was requested");
		assert.ok(
			bundleRequests.every((pathname) => pathname.startsWith(`${site.pathPrefix}pagefind/`)),
			`every bundle request is under ${site.pathPrefix}pagefind/: ${bundleRequests.filter((p) => !p.startsWith(site.pathPrefix)).join(", ")}`,
		);
		const links = (await shownResults(page)).map((result) => result.href);
		assert.ok(links.length > 0);
		for (const link of links) assert.match(link, new RegExp(`^${site.pathPrefix}articles/\\d{4}/\\d{2}/\\d{2}/[^/]+/$`));
		// Following a result opens that article under the prefix.
		await page.locator(".search-result-title a").first().click();
		await page.waitForURL((url) => url.pathname === links[0]);
		assert.is((await page.locator("h1").textContent())?.trim(), (await page.title()).split(" · ")[0]);
	} finally {
		await context.close();
	}
}

export async function topicFilterNarrows(browser: Browser, site: SearchSite): Promise<void> {
	const { page, close } = await openSearch(browser, `${site.url}search/?q=${encodeURIComponent(site.word)}`);
	try {
		const before = countInStatus(await statusText(page));
		const option = page.locator('[data-facet="topic"] .facet-options label').first();
		const topic = ((await option.locator(".facet-value").textContent()) ?? "").trim();
		const expectedCount = Number((await option.locator(".count").textContent())?.replace(/,/g, ""));
		assert.ok(expectedCount < before, `the first topic (${topic}: ${expectedCount}) holds fewer than all ${before} results`);
		const shown = await shownCount(page);
		await option.locator("input").check();
		await searchShown(page, shown);
		const after = countInStatus(await statusText(page));
		assert.is(after, expectedCount, "the count shown beside the topic is the number of results");
		for (const result of await shownResults(page)) assert.ok(result.topics.includes(topic), `${result.title} is in ${topic}`);
		const params = new URL(page.url()).searchParams;
		assert.equal(params.getAll("topic"), [topic], "the filter is written to the address");
		assert.is(params.get("q"), site.word);
		// The address alone restores the same search.
		await page.reload();
		await searchShown(page);
		assert.is(countInStatus(await statusText(page)), expectedCount);
		assert.ok(await page.locator(`[data-facet="topic"] input[value="${topic}"]`).isChecked());
	} finally {
		await close();
	}
}

export async function dateSortOrders(browser: Browser, site: SearchSite): Promise<void> {
	const { page, close } = await openSearch(browser, `${site.url}search/?q=${encodeURIComponent(site.word)}`);
	try {
		const relevance = (await shownResults(page)).map((result) => result.date);
		const shown = await shownCount(page);
		await page.locator("[data-search-sort]").selectOption("newest");
		await searchShown(page, shown);
		const newest = (await shownResults(page)).map((result) => result.date);
		assert.ok(newest.length > 1);
		assert.equal(newest, [...newest].sort().reverse(), "newest first");
		assert.ok(
			relevance.every((date) => date <= (newest[0] ?? "")),
			"nothing among the most relevant is newer than the first of the newest",
		);
		assert.is(new URL(page.url()).searchParams.get("sort"), "newest");
	} finally {
		await close();
	}
}

export async function saysWhenNothingMatches(browser: Browser, site: SearchSite): Promise<void> {
	const { page, close } = await openSearch(browser, `${site.url}search/?q=qqxqzzv`);
	try {
		assert.is(await page.locator(".search-result").count(), 0);
		const status = await statusText(page);
		assert.match(status, /^No articles match “qqxqzzv”/);
		assert.ok(await page.locator("[data-search-status].search-empty").isVisible(), "the message is shown, not only announced");
	} finally {
		await close();
	}
}

/** Keyboard only: `/` from an article, type, Enter; Tab to a filter, Space; Tab to a result, Enter. */
export async function usableByKeyboard(browser: Browser, site: SearchSite): Promise<void> {
	const context = await browser.newContext();
	const page = await context.newPage();
	try {
		await page.goto(`${site.url}${site.expected.path.slice(1)}`);
		await page.keyboard.press("/");
		assert.is(await page.evaluate(() => document.activeElement?.id), "site-search", "`/` focuses the header's search box");
		await page.keyboard.type(site.word);
		await page.keyboard.press("Enter");
		await page.waitForURL((url) => url.pathname === `${site.pathPrefix}search/`);
		let shown = await searchShown(page);
		assert.ok((await shownResults(page)).length > 0);

		// `/` returns to the page's own box; typing there searches as one types.
		await page.locator("h1").click();
		await page.keyboard.press("/");
		assert.is(await page.evaluate(() => document.activeElement?.id), "search-query");
		await page.keyboard.press("End");
		await page.keyboard.type("s");
		shown = await searchShown(page, shown);
		await page.keyboard.press("Backspace");
		shown = await searchShown(page, shown);

		// Tab onwards to the first topic checkbox and tick it with Space.
		let reached = "";
		for (let i = 0; i < 10 && reached !== "topic"; i++) {
			await page.keyboard.press("Tab");
			reached = await page.evaluate(() =>
				document.activeElement instanceof HTMLInputElement && document.activeElement.type === "checkbox" ? document.activeElement.name : "",
			);
		}
		assert.is(reached, "topic", "a topic checkbox is reachable by Tab");
		await page.keyboard.press("Space");
		shown = await searchShown(page, shown);
		assert.ok(new URL(page.url()).searchParams.getAll("topic").length === 1, "Space ticked the filter");
		assert.is(
			await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.checked),
			true,
			"focus stays on the ticked box",
		);

		// From the checkbox, `/` goes back to the box (it is only a character where text is typed).
		await page.keyboard.press("/");
		assert.is(await page.evaluate(() => document.activeElement?.id), "search-query");
		assert.is(await page.locator("#search-query").inputValue(), site.word, "and typed nothing");

		// On to the first result and open it with Enter.
		const firstResult = (await shownResults(page))[0]?.href;
		let onResult = false;
		for (let i = 0; i < 40 && !onResult; i++) {
			await page.keyboard.press("Tab");
			onResult = await page.evaluate(() => Boolean(document.activeElement?.closest(".search-result-title")));
		}
		assert.ok(onResult, "the results are reachable by Tab");
		await page.keyboard.press("Enter");
		await page.waitForURL((url) => url.pathname === firstResult);
	} finally {
		await context.close();
	}
}

/** The offline control's state once it has settled on one (`saved` or `offered`). */
export async function offlineState(page: Page, timeout = 60_000): Promise<string> {
	const handle = await page.waitForFunction(
		() => {
			const state = document.querySelector("[data-offline]")?.getAttribute("data-offline-state");
			return state === "saved" || state === "offered" || state === "failed" ? state : false;
		},
		null,
		{ timeout },
	);
	return (await handle.jsonValue()) as string;
}

/**
 * After one visit, the network goes away: the search page, new searches and their results still work.
 * A small index is saved by itself after that first search; a large one once the reader asks (`ask`).
 */
export async function searchesOfflineAfterAVisit(browser: Browser, site: SearchSite, otherWord: string, ask = false): Promise<void> {
	const context = await browser.newContext();
	const page = await context.newPage();
	try {
		await page.goto(`${site.url}search/?q=${encodeURIComponent(site.word)}`);
		await searchShown(page);
		await page.waitForSelector("html[data-offline-ready]", { timeout: 60_000 });
		if (ask) {
			assert.is(await offlineState(page), "offered", "a large index waits for the reader to ask");
			await page.locator("[data-offline-save]").click();
		}
		assert.is(await offlineState(page), "saved");
		await context.setOffline(true);
		// Outside the worker's scope, a request really meets the network, which is gone.
		assert.is(
			await page.evaluate(() =>
				fetch("/outside-the-site", { cache: "no-store" }).then(
					() => "online",
					() => "offline",
				),
			),
			"offline",
		);

		await page.goto(`${site.url}search/?q=${encodeURIComponent(otherWord)}&sort=newest`);
		await searchShown(page);
		const results = await shownResults(page);
		assert.ok(results.length > 0, `a word not searched before (${otherWord}) finds articles offline`);
		assert.ok(
			results.every((result) => result.title.length > 0),
			"and their titles show",
		);
		const dates = results.map((result) => result.date);
		assert.equal(dates, [...dates].sort().reverse());
		// The expected article is found offline as well.
		await page.goto(`${site.url}search/?q=${encodeURIComponent(site.expected.query)}`);
		await searchShown(page);
		assert.ok((await shownResults(page)).some((result) => result.title === site.expected.title));
	} finally {
		await context.close();
	}
}

/** The output folder opened straight from disk: no server, no fetch(). */
export async function searchesFromDisk(browser: Browser, site: SearchSite): Promise<void> {
	const context = await browser.newContext();
	const page = await context.newPage();
	const errors: string[] = [];
	page.on("pageerror", (error) => errors.push(error.message));
	try {
		const searchPage = pathToFileURL(path.join(site.outputDir, "search", "index.html"));
		await page.goto(`${searchPage.href}?q=${encodeURIComponent(site.expected.query)}`);
		await searchShown(page);
		assert.equal(errors, []);
		const results = await shownResults(page);
		const expected = results.find((result) => result.title === site.expected.title);
		assert.ok(expected, "the expected article is found from disk");
		assert.is(
			expected.href,
			pathToFileURL(path.join(site.outputDir, site.expected.path, "index.html")).href,
			"its link opens the page file",
		);
		assert.ok((await stat(fileURLToPath(expected.href))).isFile());
		// Filters work from disk too.
		const before = await shownCount(page);
		await page.locator("#search-query").fill(site.word);
		const shown = await searchShown(page, before);
		await page.locator('[data-facet="topic"] input').first().check();
		await searchShown(page, shown);
		assert.ok((await shownResults(page)).length > 0);
		// The stylesheet loads from disk, so the page is readable.
		assert.is(await page.evaluate(() => getComputedStyle(document.querySelector(".search-layout") as Element).display), "grid");
		await page.locator(".search-result-title a").first().click();
		await page.waitForURL((url) => url.protocol === "file:" && url.pathname.endsWith("/index.html") && url.pathname.includes("/articles/"));
		assert.ok(((await readFile(fileURLToPath(page.url()), "utf8")).match(/<h1/g) ?? []).length === 1);
	} finally {
		await context.close();
	}
}

/**
 * With Save-Data on (emulated: Playwright has no switch for the browser's setting), a small index is
 * not saved by itself: the page offers it like a large one, and nothing was stored for offline search.
 */
export async function savesNothingUnaskedWithSaveData(browser: Browser, site: SearchSite): Promise<void> {
	const context = await browser.newContext();
	// A string: a function here would be serialised with helpers tsx adds to it, which the page lacks.
	await context.addInitScript(
		'Object.defineProperty(Navigator.prototype, "connection", { configurable: true, get() { return { saveData: true }; } });',
	);
	const page = await context.newPage();
	const packs: string[] = [];
	context.on("request", (request) => {
		if (request.url().includes("/pagefind/offline/")) packs.push(request.url());
	});
	try {
		await page.goto(`${site.url}search/?q=${encodeURIComponent(site.word)}`);
		await searchShown(page);
		assert.is(await offlineState(page), "offered");
		assert.match((await page.locator("[data-offline-save]").textContent()) ?? "", /^Make search available offline \(\d+ kB\)$/);
		assert.equal(packs, [], "no pack fetched");
		assert.is(await page.evaluate(() => caches.has("topic-digest-search")), false);
	} finally {
		await context.close();
	}
}

/**
 * The first results do not wait for the filter files (at 10,000 articles Pagefind took ~1.4 s to load
 * them): with those files held back, the results and their count show, and the facets fill in once the
 * files arrive.
 */
/** Holds the context's requests matching `pattern` (after the first `passing`) until `release()`; `count()` says how many were made. */
async function holdRequests(context: BrowserContext, pattern: string, passing = 0): Promise<{ release(): void; count(): number }> {
	let release: () => void = () => {};
	const held = new Promise<void>((resolve) => {
		release = resolve;
	});
	let requests = 0;
	await context.route(pattern, async (route) => {
		if (++requests > passing) await held;
		await route.continue();
	});
	return { release: () => release(), count: () => requests };
}

export async function resultsComeBeforeFilters(browser: Browser, site: SearchSite): Promise<void> {
	const context = await browser.newContext({ serviceWorkers: "block" });
	const filters = await holdRequests(context, "**/pagefind/filter/**");
	const release = filters.release;
	try {
		const page = await context.newPage();
		const { query } = site.expected;
		await page.goto(`${site.url}search/?q=${encodeURIComponent(query)}`);
		await page.waitForSelector(".search-result", { timeout: 20_000 });
		assert.ok(
			(await shownResults(page)).some((result) => result.title === site.expected.title),
			"the expected article is shown while the filter files are held",
		);
		assert.match(await statusText(page), new RegExp(`^[\\d,]+ articles? for “${query}”`));
		assert.is(await shownCount(page), 0, "the search is not complete without its facet counts");
		release();
		await searchShown(page);
		assert.ok(filters.count() > 0, "the filter files were asked for after the results");
		const count = (await page.locator('[data-facet="topic"] .count').first().textContent()) ?? "";
		assert.match(count, /^\d[\d,]*$/, "the facets show counts once the files are in");
	} finally {
		release();
		await context.close();
	}
}

export async function resultsShowAsTheirExcerptsArrive(browser: Browser, site: SearchSite): Promise<void> {
	const context = await browser.newContext({ serviceWorkers: "block" });
	// The excerpts are asked for in the results' order: the first passes, every later one waits.
	const excerpts = await holdRequests(context, "**/pagefind/fragment/**", 1);
	const release = excerpts.release;
	const fragments = excerpts.count;
	try {
		const page = await context.newPage();
		await page.goto(`${site.url}search/?q=${encodeURIComponent(site.word)}`);
		await page.waitForSelector(".search-result", { timeout: 20_000 });
		assert.ok(fragments() > 1, `${fragments()} excerpts asked for: the word has several results`);
		assert.is(await page.locator(".search-result").count(), 1, "the first result is shown while the others' excerpts are held");
		release();
		await searchShown(page);
		assert.is(await page.locator(".search-result").count(), Math.min(fragments(), 20));
	} finally {
		release();
		await context.close();
	}
}
