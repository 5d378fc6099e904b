/**
 * On a large digest the filter files (every topic's, source's, person's list of articles) are loaded only
 * when the reader opens the filters: a first search costs the results, not the facets. Tried on the sample
 * digest built with `filtersOnRequestBytes: 0`, in real Chromium on a wide screen (where the filters are
 * otherwise always open).
 */
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { buildSite } from "../../src/commands/build.ts";
import { sampleArticlesDir } from "../../src/paths.ts";
import { readSearchPageConfig, tempDir } from "../support/fixtures.ts";
import * as behaviours from "./search-behaviours.ts";

let bench: behaviours.SearchBench;

test.before(async () => {
	const outputDir = path.join(await tempDir("search-on-request-"), "_site");
	await buildSite({ articlesDir: sampleArticlesDir, outputDir, pathPrefix: "/repo/", filtersOnRequestBytes: 0 });
	bench = await behaviours.openSearchBench(outputDir, behaviours.sampleDigestWords);
});

test.after(() => bench?.close());

/** A wide-screen reader whose requests for filter files are counted. */
async function reader(): Promise<{ context: BrowserContext; page: Page; filterRequests: () => number }> {
	const context = await bench.browser.newContext({ serviceWorkers: "block", viewport: { width: 1280, height: 900 } });
	let requests = 0;
	context.on("request", (request) => {
		if (request.url().includes("/pagefind/filter/")) requests++;
	});
	return { context, page: await context.newPage(), filterRequests: () => requests };
}

test("the build marks the search page's filters as loaded on request above the size limit", async () => {
	assert.is((await readSearchPageConfig(bench.site.outputDir)).filters, "on-request");
});

test("a first search shows its results without fetching a filter file; opening the filters loads them with counts", async () => {
	const { context, page, filterRequests } = await reader();
	try {
		await page.goto(`${bench.site.url}search/?q=Riyadh`);
		await behaviours.searchShown(page);
		await page.waitForLoadState("networkidle");
		assert.ok(
			(await behaviours.shownResults(page)).some((result) => result.title === bench.site.expected.title),
			"the expected article is found",
		);
		assert.is(filterRequests(), 0, "no filter file before the reader asks");
		assert.ok(await page.locator('[data-facet="topic"]').isHidden(), "no facet is shown");
		const summary = page.locator(".search-filters > summary");
		assert.ok(await summary.isVisible(), "the folded filters are offered, on a wide screen too");
		await summary.click();
		const firstCount = page.locator('[data-facet="topic"] .count').first();
		await firstCount.waitFor({ timeout: 20_000 });
		assert.ok(filterRequests() > 0, "the filter files were fetched once asked for");
		assert.match((await firstCount.textContent()) ?? "", /^\d[\d,]*$/);
		// The counts are those of the search shown: a topic's count is the number of results it leaves.
		const option = page.locator('[data-facet="topic"] .facet-options label').first();
		const expected = Number((await option.locator(".count").textContent())?.replace(/,/g, ""));
		const shown = Number((await page.locator("[data-search]").getAttribute("data-searches-shown")) ?? 0);
		await option.locator("input").check();
		await behaviours.searchShown(page, shown);
		assert.match(await behaviours.statusText(page), new RegExp(`^${expected} articles? for “Riyadh” with the chosen filters`));
	} finally {
		await context.close();
	}
});

test("a filter chosen in the address opens the filters and loads them at once", async () => {
	const { context, page, filterRequests } = await reader();
	try {
		await page.goto(`${bench.site.url}search/?q=Riyadh&topic=Peace%20talks`);
		await behaviours.searchShown(page);
		assert.ok(filterRequests() > 0);
		assert.ok(await page.locator(".search-filters").evaluate((panel) => (panel as HTMLDetailsElement).open));
		assert.ok(await page.locator('[data-facet="topic"] input[value="Peace talks"]').isChecked());
	} finally {
		await context.close();
	}
});

test.run();
