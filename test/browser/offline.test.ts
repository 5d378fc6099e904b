/**
 * Offline search that costs readers nothing they did not ask for, and is never stale (issue 13), in real
 * Chromium with service workers allowed, on a generated digest of a few thousand articles built once for
 * this file and served as GitHub Pages serves it (every file cacheable for 10 minutes). The server counts
 * what it sends, so the first-visit cost is what the site pays, asserted against a budget, not a timer.
 * One reader (one browser context) goes through the tests in order: first visits, making search available
 * offline, searching offline, a deploy with a new article, removing the copy.
 */
import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { OfflineManifest } from "../../src/browser/offline-protocol.ts";
import { writeCorpus } from "../../src/bench/corpus.ts";
import { type BuildResult, buildSite } from "../../src/commands/build.ts";
import { launchChromium } from "../support/browser.ts";
import { articleText, tempDir } from "../support/fixtures.ts";
import { type PagesLikeServer, type ServedRequest, servePagesLike } from "./pages-like-server.ts";
import { offlineState, searchShown, shownResults } from "./search-behaviours.ts";

const articles = 2000;
/** What a first visit to any page may cost the site, whatever the digest's size (docs/search.md). */
const budget = { bytes: 500_000, requests: 60 };

let articlesDir: string;
let outputDir: string;
let built: BuildResult;
let server: PagesLikeServer;
let browser: Browser;
/** The reader who goes through every test. */
let reader: BrowserContext;
let page: Page;

test.before(async () => {
	const root = await tempDir("offline-");
	articlesDir = path.join(root, "articles");
	outputDir = path.join(root, "_site");
	await writeCorpus(articlesDir, { articles });
	built = await buildSite({ articlesDir, outputDir, pathPrefix: "/repo/" });
	server = await servePagesLike(outputDir, "/repo/");
	browser = await launchChromium();
	reader = await browser.newContext();
	page = await reader.newPage();
});

test.after(async () => {
	await browser?.close();
	await server?.close();
});

const cost = (served: ServedRequest[]) => ({ requests: served.length, bytes: served.reduce((sum, request) => sum + request.bytes, 0) });
const offlineData = (served: ServedRequest[]) => served.filter((request) => request.path.startsWith("/repo/pagefind/offline"));
const manifest = async (): Promise<OfflineManifest> => JSON.parse(await readFile(path.join(outputDir, "pagefind", "offline.json"), "utf8"));
const controlText = async () => ((await page.locator("[data-offline-status]").textContent()) ?? "").trim();
/** `2025-02-18` as the control writes it: `18 February 2025` (the year, as it is not this year). */
const readable = (day: string) =>
	new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" }).format(
		new Date(`${day}T00:00:00Z`),
	);
const newestDay = (result: BuildResult) =>
	result.digest.articles
		.map((article) => article.day)
		.sort()
		.at(-1) ?? "";

test(`${articles} articles: a first visit to a search address fetches its page once: the worker keeps the copy the page loaded`, async () => {
	const stranger = await browser.newContext();
	try {
		const first = await stranger.newPage();
		server.reset();
		await first.goto(`${server.url}search/?q=ceasefire`);
		await first.waitForSelector("html[data-offline-ready]", { timeout: 30_000 });
		await server.settle(3000, 30_000);
		assert.equal(
			server.served.filter((request) => request.path === "/repo/search/").length,
			1,
			"the worker stores /search/?q=… from the browser's cache as /search/, without fetching /search/",
		);
		// And it is stored: the search page opens with the network off.
		await stranger.setOffline(true);
		await first.goto(`${server.url}search/`);
		assert.ok(await first.locator("#search-query").isVisible(), "the stored search page");
	} finally {
		await stranger.close();
	}
});

test(`${articles} articles: a first visit to an article page costs the page, its stylesheet and scripts, within the budget`, async () => {
	const article = built.digest.articles[500];
	assert.ok(article);
	server.reset();
	await page.goto(`${server.url}${article.url.slice(1)}`);
	await page.waitForSelector("html[data-offline-ready]", { timeout: 30_000 });
	// Whatever the worker would fetch in the background has 30 s to show up.
	await server.settle(3000, 30_000);
	const spent = cost(server.served);
	assert.ok(spent.requests <= budget.requests && spent.bytes <= budget.bytes, JSON.stringify(spent));
	assert.equal(
		server.served.filter((request) => request.path.includes("/pagefind/")),
		[],
		"no search data for a page that does not search",
	);
	// What the page loaded is stored: it opens again with the network off.
	await reader.setOffline(true);
	try {
		await page.reload();
		assert.is((await page.locator("h1").textContent())?.trim(), article.title);
		assert.ok(await page.evaluate(() => getComputedStyle(document.body).margin === "0px"), "with its stylesheet");
	} finally {
		await reader.setOffline(false);
	}
});

test(`${articles} articles: a first search stays within the budget and offers search offline with its real size`, async () => {
	server.reset();
	await page.goto(`${server.url}search/?q=ceasefire`);
	await searchShown(page);
	assert.is(await offlineState(page), "offered");
	await server.settle(3000, 30_000);
	const spent = cost(server.served);
	assert.ok(spent.requests <= budget.requests && spent.bytes <= budget.bytes, JSON.stringify(spent));
	assert.equal(
		offlineData(server.served).filter((request) => request.path.includes("/offline/")),
		[],
		"no pack fetched unasked",
	);
	// The size offered is what the packs weigh on disk.
	const folder = path.join(outputDir, "pagefind", "offline");
	let bytes = 0;
	for (const name of await readdir(folder)) bytes += (await stat(path.join(folder, name))).size;
	assert.ok(bytes > 2_000_000, `${bytes} bytes: over the size saved without asking`);
	const button = page.locator("[data-offline-save]");
	assert.ok(await button.isVisible());
	assert.is((await button.textContent())?.trim(), `Make search available offline (${(bytes / 1_000_000).toFixed(1)} MB)`);
});

test(`${articles} articles: making search available offline shows progress, fetches a few packs and then the copy's date`, async () => {
	const packs = (await manifest()).packs;
	assert.ok(packs.length <= 20, `${packs.length} packs`);
	// Every state and text the control passes through, as the reader would see them one after the other.
	await page.evaluate(() => {
		const box = document.querySelector("[data-offline]") as HTMLElement;
		const seen: string[] = [];
		(window as unknown as { offlineSeen: string[] }).offlineSeen = seen;
		new MutationObserver(() =>
			seen.push(`${box.dataset.offlineState}: ${box.querySelector("[data-offline-status]")?.textContent}`),
		).observe(box, {
			subtree: true,
			childList: true,
			characterData: true,
			attributes: true,
		});
	});
	server.reset();
	await page.locator("[data-offline-save]").click();
	assert.is(await offlineState(page), "saved");
	const seen = await page.evaluate(() => (window as unknown as { offlineSeen: string[] }).offlineSeen);
	assert.ok(
		seen.some((line) => /^saving: Saving search for offline use: [\d.]+ (kB|MB) of [\d.]+ MB$/.test(line)),
		`progress was shown: ${seen.join(" | ")}`,
	);
	assert.is(await controlText(), `Available offline · updated ${readable(newestDay(built))}`);
	const fetched = offlineData(server.served)
		.filter((request) => request.path.endsWith(".pack"))
		.map((request) => request.path)
		.sort();
	assert.equal(fetched, packs.map((pack) => `/repo/pagefind/${pack.url}`).sort(), "each pack once, nothing per article");
	assert.ok(server.served.length <= packs.length + 2, `${server.served.length} requests in all`);
	assert.ok(await page.locator("[data-offline-remove]").isVisible(), "and a way to remove it");
});

test(`${articles} articles: with the network off, any word is searched in the copy and the control shows its date`, async () => {
	await reader.setOffline(true);
	try {
		await page.goto(`${server.url}search/?q=sanctions&sort=newest`);
		await searchShown(page);
		const results = await shownResults(page);
		assert.ok(results.length > 0, "a word not searched before finds articles offline");
		assert.ok(results.every((result) => result.title.length > 0 && result.excerpt.length > 0));
		assert.is(await offlineState(page), "saved");
		assert.is(await controlText(), `Available offline · updated ${readable(newestDay(built))}`);
		const target = built.digest.articles.find((article) => article.title.endsWith("(1234)"));
		await page.goto(`${server.url}search/?q=1234`);
		await searchShown(page);
		assert.ok((await shownResults(page)).some((result) => result.title === target?.title));
	} finally {
		await reader.setOffline(false);
	}
});

test(`${articles} articles: after a deploy with a new article the next search finds it, and the copy fetches only the changed packs`, async () => {
	const before = await manifest();
	const day = new Date(Date.parse(`${newestDay(built)}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
	await mkdir(path.join(articlesDir, day.slice(0, 4), day.slice(5, 7)), { recursive: true });
	await writeFile(
		path.join(articlesDir, day.slice(0, 4), day.slice(5, 7), "quokkazebra-convoy.md"),
		articleText({ title: "Quokkazebra convoy reaches port", date: day, topics: ["shipping"], body: "The quokkazebra convoy docked." }),
	);
	built = await buildSite({ articlesDir, outputDir, pathPrefix: "/repo/" });
	const after = await manifest();
	const changed = after.packs
		.map((pack) => `/repo/pagefind/${pack.url}`)
		.filter((url) => !before.packs.some((pack) => url.endsWith(pack.url)));
	assert.ok(changed.length > 0 && changed.length < after.packs.length, `${changed.length} of ${after.packs.length} packs changed`);

	server.reset();
	await page.goto(`${server.url}search/?q=quokkazebra`);
	await searchShown(page);
	assert.equal(
		(await shownResults(page)).map((result) => result.title),
		["Quokkazebra convoy reaches port"],
		"the returning reader's next search (online) finds the new article",
	);
	// The deploy brought no new worker: no handover, in which Chromium was seen to lose a navigation.
	assert.equal(await workerUpdate(), { installing: false, waiting: false }, "the browser found sw.js unchanged");
	await page.waitForFunction(
		(text) => document.querySelector("[data-offline-status]")?.textContent === text,
		`Available offline · updated ${readable(day)}`,
		{
			timeout: 60_000,
		},
	);
	const fetched = offlineData(server.served)
		.filter((request) => request.path.endsWith(".pack"))
		.map((request) => request.path)
		.sort();
	assert.equal(fetched, changed.sort(), "the copy fetched the changed packs, and only those");

	await reader.setOffline(true);
	try {
		await page.goto(`${server.url}search/?q=quokkazebra`);
		await searchShown(page);
		assert.equal(
			(await shownResults(page)).map((result) => result.title),
			["Quokkazebra convoy reaches port"],
			"the updated copy finds it offline",
		);
		// The control reads the copy's state after the page has loaded (as in the offline test above).
		assert.is(await offlineState(page), "saved");
		assert.is(await controlText(), `Available offline · updated ${readable(day)}`);
	} finally {
		await reader.setOffline(false);
	}
});

/** Asks the registration to check `sw.js` now, and says whether that installed a new worker. */
async function workerUpdate(): Promise<{ installing: boolean; waiting: boolean }> {
	return page.evaluate(async () => {
		const registration = await navigator.serviceWorker.getRegistration();
		await registration?.update();
		return { installing: Boolean(registration?.installing), waiting: Boolean(registration?.waiting) };
	});
}

test(`${articles} articles: removing the copy deletes it and offers it again`, async () => {
	await page.goto(`${server.url}search/`);
	assert.is(await offlineState(page), "saved");
	await page.locator("[data-offline-remove]").click();
	// The control says "saved" until the worker has answered the removal, so wait for it to change: reading
	// the state at once raced the worker (under load the answer came after the read).
	await page.waitForFunction(() => document.querySelector("[data-offline]")?.getAttribute("data-offline-state") !== "saved", null, {
		timeout: 60_000,
	});
	assert.is(await offlineState(page), "offered");
	assert.is(await page.evaluate(() => caches.has("topic-digest-search")), false);
	assert.is(await page.evaluate(() => document.activeElement?.hasAttribute("data-offline-save")), true, "focus moves to the offer");
	// Not saved again by itself on the next visit.
	await page.reload();
	assert.is(await offlineState(page), "offered");
});

test.run();
