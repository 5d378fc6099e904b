/**
 * A digest past `pagesPerIndex` articles has its search index split by period (src/search/indexer.ts):
 * the sample digest built with `pagesPerIndex: 12` holds March 2025 in `pagefind/` and February (14
 * articles, so by its days) in `pagefind/shards/1/` (27–28 February) and `shards/2/` (12–26 February). In
 * real Chromium the search page searches them as one: the seed article (in the oldest index) is found, the
 * count adds up, newest-first runs across them, the folder opened from disk (`file://`) searches them all,
 * and the service worker's offline copy holds them all (filter counts across indexes:
 * test/integration/search.test.ts).
 */
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { buildSite } from "../../src/commands/build.ts";
import { sampleArticlesDir } from "../../src/paths.ts";
import { searchBuiltSite } from "../../src/search/terminal.ts";
import { readSearchPageConfig, tempDir } from "../support/fixtures.ts";
import * as behaviours from "./search-behaviours.ts";

let bench: behaviours.SearchBench;

test.before(async () => {
	const outputDir = path.join(await tempDir("search-shards-"), "_site");
	await buildSite({ articlesDir: sampleArticlesDir, outputDir, pathPrefix: "/repo/", pagesPerIndex: 12 });
	bench = await behaviours.openSearchBench(outputDir, behaviours.sampleDigestWords);
});

test.after(() => bench?.close());

test("the search page names the other indexes; the count is every article with the word, the seed article in the oldest index among them", async () => {
	assert.equal((await readSearchPageConfig(bench.site.outputDir)).indexParts, ["shards/1/", "shards/2/"]);
	const { page, close } = await behaviours.openSearch(bench.browser, `${bench.site.url}search/?q=Riyadh`);
	try {
		const expected = (await searchBuiltSite({ outputDir: bench.site.outputDir, query: "Riyadh" })).count;
		assert.match(await behaviours.statusText(page), new RegExp(`^${expected} articles? for “Riyadh”`));
		const results = await behaviours.shownResults(page);
		const months = new Set(results.map((result) => result.date.slice(0, 7)));
		assert.equal([...months].sort(), ["2025-02", "2025-03"], "results from March and February");
		const seed = results.find((result) => result.title === bench.site.expected.title);
		assert.is(seed?.href, `${bench.site.pathPrefix}${bench.site.expected.path.slice(1)}`, "the seed article, in the oldest index");
	} finally {
		await close();
	}
});

test("newest first runs across the indexes", () => behaviours.dateSortOrders(bench.browser, bench.site));
test("the output folder opened from disk (file://) searches every index: the seed article, in the oldest, is found", () =>
	behaviours.searchesFromDisk(bench.browser, bench.site));
test("after a first search every index is saved, and search works with the network off", () =>
	behaviours.searchesOfflineAfterAVisit(bench.browser, bench.site, "ceasefire"));

test.run();
