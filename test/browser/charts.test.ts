import { mkdir } from "node:fs/promises";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { writeCorpus } from "../../src/bench/corpus.ts";
import { buildSite } from "../../src/commands/build.ts";
import { launchChromium, serveStatic } from "../support/browser.ts";
import { listedItem, tempDir } from "../support/fixtures.ts";

const shots = "/tmp/shots";
const prefix = "/repo/";

let built: Promise<{ root: string; topics: number; close: () => Promise<void>; browser: import("playwright-core").Browser }> | undefined;

/** One build, server and browser for every test in this file. */
function site() {
	built ??= (async () => {
		const articlesDir = await tempDir("chart-articles-");
		await writeCorpus(articlesDir, { articles: 300, topics: 60, seed: 3 });
		const outputDir = path.join(await tempDir("chart-site-"), "_site");
		const { digest } = await buildSite({ articlesDir, outputDir, pathPrefix: prefix });
		const server = await serveStatic(outputDir, prefix);
		const browser = await launchChromium();
		return {
			root: `${server.origin}${prefix.slice(0, -1)}`,
			topics: digest.topics.size,
			browser,
			close: async () => {
				await browser.close();
				await server.close();
			},
		};
	})();
	return built;
}

async function withSite(run: (root: string, page: import("playwright-core").Page, topics: number) => Promise<void>) {
	const { root, browser, topics } = await site();
	const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
	try {
		await run(root, page, topics);
	} finally {
		await page.close();
	}
}

test.after(async () => {
	await (await built)?.close();
});

test("the timeline chart is visible, has labelled axes and each bar leads to its month's page", async () => {
	await mkdir(shots, { recursive: true });
	await withSite(async (root, page) => {
		await page.goto(`${root}/timeline/`);
		const chart = page.locator("svg.chart-svg").first();
		await chart.scrollIntoViewIfNeeded();
		const box = await chart.boundingBox();
		assert.ok(box && box.width > 300 && box.height > 80, `chart size ${JSON.stringify(box)}`);
		const bars = page.locator("svg.chart-svg .chart-bars rect:has(title)");
		assert.is(await bars.count(), 36, "one bar per month of the three-year corpus");
		const barBox = await bars.first().boundingBox();
		assert.ok(barBox && barBox.width > 0 && barBox.height > 0, "bars are drawn with a size");
		const fill = await bars.first().evaluate((bar) => getComputedStyle(bar).fill);
		assert.not.equal(fill, "none");
		assert.equal(await page.locator("svg.chart-svg .chart-axis-title").allTextContents(), ["Articles", "Month"]);
		assert.ok((await page.locator("svg.chart-svg .chart-axis-x .year").allTextContents()).includes("2024"));
		await page.screenshot({ path: `${shots}/timeline.png`, fullPage: false });

		// Clicking a bar is following a link to that month's page.
		const link = page.locator("svg.chart-svg .chart-bars a").nth(4);
		const href = await link.getAttribute("href");
		assert.match(href ?? "", /^\/repo\/timeline\/\d{4}\/\d{2}\/$/);
		const label = (await link.getAttribute("aria-label")) ?? "";
		await link.click();
		await page.waitForURL(`**${href}`);
		assert.is(await page.locator("h1").textContent(), label.split(":")[0]);
		const perDay = await page.locator(`.timeline-day ${listedItem}`).count();
		assert.is(String(perDay), /: (\d+) articles?$/.exec(label)?.[1]);
	});
});

test("the topics index shows a visible sparkline for every topic and the topic page shows its monthly chart", async () => {
	await withSite(async (root, page, topics) => {
		await page.goto(`${root}/topics/`);
		const rows = page.locator(".topic-table tbody tr");
		const sparklines = page.locator(".topic-table svg.sparkline");
		assert.is(await sparklines.count(), await rows.count());
		assert.is(await rows.count(), topics);
		for (const index of [0, 10, topics - 1]) {
			const box = await sparklines.nth(index).boundingBox();
			assert.ok(box && box.width >= 100 && box.height >= 20, `sparkline ${index}: ${JSON.stringify(box)}`);
			const bars = await sparklines.nth(index).locator("path").boundingBox();
			assert.ok(bars && bars.width > 0 && bars.height > 0, `sparkline ${index} draws bars`);
		}
		await page.screenshot({ path: `${shots}/topics.png`, fullPage: false });

		await page.goto(`${root}/topics/by-size/`);
		const biggest = page.locator(".topic-table tbody th a").first();
		await biggest.click();
		const chart = page.locator(".topic-activity svg.chart-svg");
		const box = await chart.boundingBox();
		assert.ok(box && box.width > 300 && box.height > 80);
		const monthLinks = await chart.locator(".chart-bars a").evaluateAll((links) => links.map((a) => a.getAttribute("href")));
		assert.ok(monthLinks.length > 10);
		for (const href of monthLinks) assert.match(href ?? "", /^\/repo\/timeline\/\d{4}\/\d{2}\/$/);
		await page.screenshot({ path: `${shots}/topic.png`, fullPage: false });
	});
});

test("the home page shows the timeline chart, the latest articles and the busiest topics of the latest month", async () => {
	await withSite(async (root, page) => {
		await page.goto(`${root}/`);
		const box = await page.locator(".home-timeline svg.chart-svg").boundingBox();
		assert.ok(box && box.width > 300 && box.height > 80);
		assert.ok((await page.locator(".active-topics li").count()) > 0);
		await page.screenshot({ path: `${shots}/home.png`, fullPage: false });
		await page.emulateMedia({ colorScheme: "dark" });
		await page.screenshot({ path: `${shots}/home-dark.png`, fullPage: false });
	});
});

test.run();
