/**
 * Search on the sample digest (articles/), built once into a temporary folder under a GitHub Pages style
 * path prefix and served by `npm run serve`'s server, in real Chromium.
 */
import path from "node:path";
import { test } from "uvu";
import { buildSite } from "../../src/commands/build.ts";
import { sampleArticlesDir } from "../../src/paths.ts";
import { tempDir } from "../support/fixtures.ts";
import * as behaviours from "./search-behaviours.ts";

let bench: behaviours.SearchBench;

test.before(async () => {
	const outputDir = path.join(await tempDir("search-sample-"), "_site");
	await buildSite({ articlesDir: sampleArticlesDir, outputDir, pathPrefix: "/repo/" });
	bench = await behaviours.openSearchBench(outputDir, behaviours.sampleDigestWords);
});

test.after(() => bench?.close());

test("the seed article is found by “Riyadh”, with date, source, highlighted excerpt and topics", () =>
	behaviours.findsTheExpectedArticle(bench.browser, bench.site));
test("under a path prefix the bundle loads from /repo/pagefind/ and every result link carries the prefix", () =>
	behaviours.worksUnderThePrefix(bench.browser, bench.site));
test("the first results show before the filter files have loaded, the facet counts once they have", () =>
	behaviours.resultsComeBeforeFilters(bench.browser, bench.site));
test("each result is shown as soon as its excerpt and those before it have arrived", () =>
	behaviours.resultsShowAsTheirExcerptsArrive(bench.browser, bench.site));
test("a topic filter narrows the results to that topic's count and is kept in the address", () =>
	behaviours.topicFilterNarrows(bench.browser, bench.site));
test("sorting by newest orders the results by date", () => behaviours.dateSortOrders(bench.browser, bench.site));
test("a search with no match says so", () => behaviours.saysWhenNothingMatches(bench.browser, bench.site));
test("search is usable with the keyboard alone, from `/` on any page to opening a result", () =>
	behaviours.usableByKeyboard(bench.browser, bench.site));
test("after a first search the small index is saved by itself, and search works with the network off", () =>
	behaviours.searchesOfflineAfterAVisit(bench.browser, bench.site, "ceasefire"));
test("with Save-Data on, the small index is offered instead of saved by itself", () =>
	behaviours.savesNothingUnaskedWithSaveData(bench.browser, bench.site));
test("the output folder opened from disk (file://) searches, filters and links to the pages", () =>
	behaviours.searchesFromDisk(bench.browser, bench.site));

test.run();
