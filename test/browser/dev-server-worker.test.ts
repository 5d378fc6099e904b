/**
 * `npm start` and service workers (issue 13), in real Chromium with workers allowed: a built site served
 * on a port leaves its worker registered for that origin; the dev server started on the same port then
 * registers none, removes that one, and an article saved while the search page is open is found in the
 * same tab (the dev server reloads it after the rebuild, and again once the full index is in place).
 */
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { waitUntil } from "../../src/bench/served-search.ts";
import { startDevServer } from "../../src/commands/dev-server.ts";
import { startServer } from "../../src/commands/serve.ts";
import { launchChromium } from "../support/browser.ts";
import { articleText, buildFixture, tempDir } from "../support/fixtures.ts";
import { searchShown, shownResults } from "./search-behaviours.ts";

const files = {
	"2025/02/talks-open.md": articleText({ title: "Talks open in Riyadh", date: "2025-02-18", body: "Delegations met in Riyadh." }),
	"2025/02/grain-deal.md": articleText({ title: "Grain deal extended", date: "2025-02-20", body: "Ships may sail." }),
};

/**
 * The titles of the results shown once there are some. The dev server reloads the tab when its rebuild is
 * written, which can come between finding the results and reading them (the more often, the quicker the
 * rebuild): the reloaded page is read instead.
 */
async function shownTitles(page: import("playwright-core").Page): Promise<string[]> {
	for (let attempt = 1; ; attempt++) {
		try {
			await page.waitForSelector(".search-result", { timeout: 30_000 });
			return (await shownResults(page)).map((result) => result.title);
		} catch (error) {
			if (attempt === 3 || !/Execution context was destroyed/.test(String(error))) throw error;
		}
	}
}

const registrations = (page: import("playwright-core").Page) =>
	page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).map((registration) => registration.scope));

test("the dev server removes a built site's worker, registers none, and a saved article is found in the same tab", async () => {
	const site = await buildFixture(files);
	const served = await startServer({ outputDir: site.outputDir, port: 0 });
	const port = Number(new URL(served.url).port);
	const browser = await launchChromium();
	const context = await browser.newContext();
	const page = await context.newPage();
	let stopDev: (() => Promise<void>) | undefined;
	const devLog: string[] = [];
	try {
		await page.goto(`http://127.0.0.1:${port}/search/?q=Riyadh`);
		await searchShown(page);
		await page.waitForSelector("html[data-offline-ready]", { timeout: 30_000 });
		assert.equal(await registrations(page), [`http://127.0.0.1:${port}/`], "the built site registered its worker");
		await served.close();

		const dev = await startDevServer({
			articlesDir: site.articlesDir,
			outputDir: path.join(await tempDir("dev-worker-"), "_site"),
			port,
			log: { log: (line: string) => devLog.push(line), error: () => {} },
		});
		stopDev = () => dev.stop();
		assert.is(new URL(dev.url).port, String(port), "the same origin as the built site");
		await page.goto(`http://127.0.0.1:${port}/search/?q=quokkazebra`);
		await searchShown(page);
		await page.waitForFunction(async () => (await navigator.serviceWorker.getRegistrations()).length === 0, null, { timeout: 30_000 });
		await page.reload();
		await searchShown(page);
		assert.is(await page.evaluate(() => navigator.serviceWorker.controller), null, "no worker answers for the dev server");
		assert.equal(await registrations(page), []);
		assert.is(await page.locator("[data-offline]").isHidden(), true, "and the search page offers no offline copy");

		// Saved while the tab is open: the dev server rebuilds and reloads the tab, which then finds it.
		let reloads = 0;
		page.on("load", () => reloads++);
		// The file watcher settles a moment after the first build (as in src/bench/dev.ts).
		await new Promise((resolve) => setTimeout(resolve, 1000));
		await mkdir(path.join(site.articlesDir, "2025", "03"), { recursive: true });
		await writeFile(
			path.join(site.articlesDir, "2025", "03", "convoy.md"),
			articleText({ title: "Convoy reaches port", date: "2025-03-02", body: "The quokkazebra convoy docked." }),
		);
		await waitUntil("the dev server to load the new article", async () => dev.digest().articles.length === 3, 60_000);
		const url = dev.digest().articles.find((article) => article.title === "Convoy reaches port")?.url;
		// The dev server reloads the tab once the pages and the recent index are written, and again once the
		// full index is swapped in: a tab that read the old full index and the emptied recent one (a race
		// seen in CI) is then reloaded onto the new full index. The two reloads can also come as one, when the
		// full index is in place before the tab has finished the first (seen here under load), so what is
		// waited for is a reload at all and then the article on the reloaded tab.
		await waitUntil("the full index to be in place", async () => devLog.some((line) => line.includes("search index rebuilt")), 60_000);
		await waitUntil("the tab's reload", async () => reloads >= 1, 30_000);
		await page.waitForSelector(".search-result", { timeout: 30_000 }).catch((error) => {
			throw new Error(`${error.message} (the tab reloaded ${reloads} times)`);
		});
		assert.equal(
			(await shownResults(page)).map((result) => [result.title, result.href]),
			[["Convoy reaches port", url]],
		);
		assert.equal(await registrations(page), [], "still no worker after the reload");
	} finally {
		await browser.close();
		await served.close().catch(() => undefined);
		await stopDev?.();
	}
});

test("when rebuilds are slow, a saved article is searchable in the open tab before its page is written", async () => {
	const articlesDir = (await buildFixture(files)).articlesDir;
	const outputDir = path.join(await tempDir("dev-ahead-"), "_site");
	const pageFile = path.join(outputDir, "articles", "2025", "03", "02", "convoy", "index.html");
	const lines: { line: string; pageWritten: boolean }[] = [];
	// Every rebuild counts as slow here (at 10,000 articles one takes ~4 s to write its pages).
	const dev = await startDevServer({
		articlesDir,
		outputDir,
		port: 0,
		indexAheadAfterMs: 0,
		log: { log: (line: string) => lines.push({ line, pageWritten: existsSync(pageFile) }), error: () => {} },
	});
	const browser = await launchChromium();
	try {
		const page = await (await browser.newContext()).newPage();
		await page.goto(`${dev.url.replace("localhost", "127.0.0.1")}search/?q=quokkazebra`);
		await searchShown(page);
		await new Promise((resolve) => setTimeout(resolve, 1000));
		await mkdir(path.join(articlesDir, "2025", "03"), { recursive: true });
		await writeFile(
			path.join(articlesDir, "2025", "03", "convoy.md"),
			articleText({ title: "Convoy reaches port", date: "2025-03-02", body: "The quokkazebra convoy docked." }),
		);
		assert.equal(await shownTitles(page), ["Convoy reaches port"]);
		await waitUntil("the rebuild", async () => lines.some(({ line }) => line.includes("rebuilt")), 30_000);
		const ahead = lines.findIndex(({ line }) => line.includes("ahead of the rebuild"));
		const rebuilt = lines.findIndex(({ line }) => line.includes("rebuilt"));
		assert.ok(ahead >= 0 && ahead < rebuilt, lines.map(({ line }) => line).join("\n"));
		assert.is(lines[ahead]?.pageWritten, false, "searchable before the page was written");
		assert.is(existsSync(pageFile), true, "and the rebuild then wrote it");
	} finally {
		await browser.close();
		await dev.stop();
	}
});

test.run();
