/**
 * The same search behaviours as search.test.ts on a generated digest of a few thousand articles
 * (src/bench/corpus.ts), built once for this file under a path prefix: facets with hundreds of values,
 * results beyond the first page, and an index the offline packs and the file:// bundle must carry whole.
 */
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { writeCorpus } from "../../src/bench/corpus.ts";
import { buildSite } from "../../src/commands/build.ts";
import { tempDir } from "../support/fixtures.ts";
import * as behaviours from "./search-behaviours.ts";

const articles = 2000;
let bench: behaviours.SearchBench;

test.before(async () => {
	const root = await tempDir("search-scale-");
	const articlesDir = path.join(root, "articles");
	await writeCorpus(articlesDir, { articles });
	const outputDir = path.join(root, "_site");
	const built = await buildSite({ articlesDir, outputDir, pathPrefix: "/repo/" });
	// Every generated title ends in its number, e.g. "… (1234)": a word only that article has.
	const target = built.digest.articles.find((article) => article.title.endsWith("(1234)"));
	if (!target) throw new Error("the generated digest has no article 1234");
	bench = await behaviours.openSearchBench(outputDir, {
		word: "ceasefire",
		expected: { query: "1234", title: target.title, path: target.url },
	});
});

test.after(() => bench?.close());

test(`${articles} articles: one article is found by a word only it has, with its details`, () =>
	behaviours.findsTheExpectedArticle(bench.browser, bench.site));
test(`${articles} articles: the bundle and every result link are under the path prefix`, () =>
	behaviours.worksUnderThePrefix(bench.browser, bench.site));
test(`${articles} articles: a topic filter narrows the results to that topic's count`, () =>
	behaviours.topicFilterNarrows(bench.browser, bench.site));
test(`${articles} articles: sorting by newest orders the results by date`, () => behaviours.dateSortOrders(bench.browser, bench.site));
test(`${articles} articles: a search with no match says so`, () => behaviours.saysWhenNothingMatches(bench.browser, bench.site));
test(`${articles} articles: keyboard-only search`, () => behaviours.usableByKeyboard(bench.browser, bench.site));
test(`${articles} articles: offline once the reader makes search available offline, any word`, () =>
	behaviours.searchesOfflineAfterAVisit(bench.browser, bench.site, "sanctions", true));
test(`${articles} articles: searching from disk (file://)`, () => behaviours.searchesFromDisk(bench.browser, bench.site));

test(`${articles} articles: long result lists load more on demand and long facets expand`, async () => {
	const context = await bench.browser.newContext();
	const page = await context.newPage();
	try {
		await page.goto(`${bench.site.url}search/?q=${bench.site.word}`);
		await behaviours.searchShown(page);
		assert.is((await behaviours.shownResults(page)).length, 20, "the first 20 results");
		await page.locator("[data-search-more]").click();
		await page.waitForFunction(() => document.querySelectorAll(".search-result").length === 40);
		assert.is(
			await page.evaluate(() => document.activeElement?.closest(".search-result") === document.querySelectorAll(".search-result")[20]),
			true,
			"focus moves to the first new result",
		);
		const topics = page.locator('[data-facet="topic"]');
		assert.is(await topics.locator(".facet-options li").count(), 8, "a short list of topics first");
		await topics.locator(".facet-more").click();
		await page.waitForFunction(() => document.querySelectorAll('[data-facet="topic"] .facet-options li').length > 8);
		assert.ok((await topics.locator(".facet-options li").count()) > 100, "then all of them");
	} finally {
		await context.close();
	}
});

test.run();
