import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import {
	articleNeighbours,
	buildTimeline,
	denseMonths,
	groupByTopic,
	modelLimits,
	paginateTopics,
	topicActivity,
} from "../../src/model/collections.ts";
import { type Article, newestFirst } from "../../src/content/load.ts";
import { article, model } from "../support/model.ts";

test("a topic's articles are cut into pages of the site's page size, newest first, with stable URLs", () => {
	const articles = Array.from({ length: 7 }, (_, i) => article(`a${i}`, `2025-01-${String(i + 1).padStart(2, "0")}`, ["war"]));
	const site = model([...articles, article("other", "2025-01-03", ["peace"])], { pageSize: 3 });
	const pages = site.facets.topics.pages.filter((page) => page.slug === "war");
	assert.equal(
		pages.map((page) => [page.url, page.pageNumber, page.pageCount, page.articles.map((a) => a.slug)]),
		[
			["/topics/war/", 1, 3, ["a6", "a5", "a4"]],
			["/topics/war/page/2/", 2, 3, ["a3", "a2", "a1"]],
			["/topics/war/page/3/", 3, 3, ["a0"]],
		],
	);
	assert.equal(
		site.facets.topics.pages.filter((page) => page.slug === "peace").map((page) => page.url),
		["/topics/peace/"],
	);
});

test("a topic without articles still gets its first page, so its URL never breaks", () => {
	assert.equal(
		paginateTopics(["empty"], {}, 10).map((page) => [page.url, page.articles.length, page.pageCount]),
		[["/topics/empty/", 0, 1]],
	);
});

test("related topics are the ones found together most often, most shared first, without the topic itself", () => {
	const site = model([
		article("a", "2025-01-01", ["war", "diplomacy", "sanctions"]),
		article("b", "2025-01-02", ["war", "diplomacy"]),
		article("c", "2025-01-03", ["war", "energy"]),
		article("d", "2025-01-04", ["energy"]),
	]);
	assert.equal(site.facets.topics.related.war?.topics, [
		{ slug: "diplomacy", shared: 2 },
		{ slug: "energy", shared: 1 },
		{ slug: "sanctions", shared: 1 },
	]);
	assert.equal(site.facets.topics.related.energy?.topics, [{ slug: "war", shared: 1 }]);
	assert.not.ok(site.facets.topics.related.war?.topics.some((related) => related.slug === "war"));
});

test("monthly activity per topic counts articles per month and leaves out months without any", () => {
	const activity = topicActivity([
		article("a", "2025-03-30", ["war"]),
		article("b", "2025-03-02", ["war"]),
		article("c", "2024-12-31", ["war", "peace"]),
	]);
	assert.equal(
		activity.war?.map((month) => [month.key, month.count]),
		[
			["2024-12", 1],
			["2025-03", 2],
		],
	);
	assert.equal(
		activity.peace?.map((month) => [month.key, month.count]),
		[["2024-12", 1]],
	);
});

test("dense months fill the gaps with zero, across a year boundary", () => {
	const months = denseMonths(
		[
			{ key: "2024-11", year: 2024, month: 11, count: 4 },
			{ key: "2025-02", year: 2025, month: 2, count: 1 },
		],
		{ year: 2024, month: 11 },
		{ year: 2025, month: 2 },
	);
	assert.equal(
		months.map((month) => [month.key, month.count]),
		[
			["2024-11", 4],
			["2024-12", 0],
			["2025-01", 0],
			["2025-02", 1],
		],
	);
});

test("the timeline groups articles by year, month and day, oldest first, and links neighbouring periods", () => {
	const articles = [
		article("jan-a", "2024-01-05", ["x"]),
		article("jan-b", "2024-01-05", ["x"]),
		article("jan-c", "2024-01-20", ["x"]),
		article("apr", "2024-04-01", ["x"]),
		article("feb25", "2025-02-10", ["x"]),
	].sort(newestFirst);
	const timeline = buildTimeline(articles);
	assert.equal(
		timeline.monthPages.map((month) => [month.url, month.count, month.days.map((day) => [day.day, day.articles.map((a) => a.slug)])]),
		[
			[
				"/timeline/2024/01/",
				3,
				[
					["2024-01-05", ["jan-a", "jan-b"]],
					["2024-01-20", ["jan-c"]],
				],
			],
			["/timeline/2024/04/", 1, [["2024-04-01", ["apr"]]]],
			["/timeline/2025/02/", 1, [["2025-02-10", ["feb25"]]]],
		],
	);
	const [january, april, february] = timeline.monthPages;
	assert.is(january?.previous, undefined);
	assert.equal(january?.next, { url: "/timeline/2024/04/", year: 2024, month: 4 });
	assert.equal(april?.previous?.url, "/timeline/2024/01/");
	assert.equal(april?.next?.url, "/timeline/2025/02/");
	assert.is(february?.next, undefined);
	assert.equal(
		timeline.years.map((year) => [year.url, year.count, year.previous?.url, year.next?.url]),
		[
			["/timeline/2024/", 4, undefined, "/timeline/2025/"],
			["/timeline/2025/", 1, "/timeline/2024/", undefined],
		],
	);
	assert.equal(
		timeline.years[0]?.months.map((month) => month.count),
		[3, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0],
	);
	assert.is(timeline.months.length, 14, "January 2024 to February 2025, empty months included");
	assert.is(
		timeline.months.reduce((sum, month) => sum + month.count, 0),
		5,
	);
});

test("related articles prefer a shared rare topic over a shared common one, and never the article itself", () => {
	const common = Array.from({ length: 20 }, (_, i) => article(`common-${i}`, `2025-01-${String(i + 1).padStart(2, "0")}`, ["war"]));
	const subject = article("subject", "2025-01-10", ["war", "grain-corridor"]);
	const rareMate = article("rare-mate", "2024-06-01", ["grain-corridor"]);
	const site = model([...common, subject, rareMate]);
	const related = site.neighbours[subject.url]?.related.map((a) => a.slug) ?? [];
	assert.is(related[0], "rare-mate", "the rare shared topic outweighs time and the common topic");
	assert.is(related.length, modelLimits.relatedArticles);
	assert.not.ok(related.includes("subject"));
	// Among articles sharing only the common topic, the nearest in time come first: the same day, then a
	// day before or after.
	assert.ok(related.includes("common-9"), related.join());
	assert.ok(
		related.slice(1).every((slug) => ["common-8", "common-9", "common-10"].includes(slug)),
		related.join(),
	);
});

test("related articles are drawn from a bounded window in time, so a huge topic costs linear time", () => {
	const articles = Array.from({ length: 400 }, (_, i) =>
		article(`a${i}`, `2024-${String(1 + Math.floor(i / 40)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`, ["war"], {
			url: `/articles/x/a${i}/`,
		}),
	);
	const sorted = [...articles].sort(newestFirst);
	const neighbours = articleNeighbours(sorted, groupByTopic(sorted), { related: 100, window: 10 });
	const index = 200;
	const middle = sorted[index] as Article;
	const related = neighbours[middle.url]?.related ?? [];
	assert.is(related.length, 10);
	for (const other of related) assert.ok(Math.abs(sorted.indexOf(other) - index) <= 5, `${other.slug} is outside the window`);
});

test("previous and next articles follow the digest's order in time", () => {
	const site = model([article("old", "2025-01-01", ["x"]), article("mid", "2025-01-02", ["y"]), article("new", "2025-01-03", ["z"])]);
	const at = (slug: string) => site.neighbours[site.articles.find((article) => article.slug === slug)?.url ?? ""];
	assert.is(at("mid")?.older?.slug, "old");
	assert.is(at("mid")?.newer?.slug, "new");
	assert.is(at("old")?.older, undefined);
	assert.is(at("new")?.newer, undefined);
	assert.equal(at("mid")?.related, [], "no shared topic, nothing related");
});

test("the latest month's most active topics are counted within that month only", () => {
	const site = model([
		article("a", "2025-03-01", ["war", "peace"]),
		article("b", "2025-03-09", ["peace"]),
		article("c", "2025-02-01", ["war"]),
		article("d", "2025-02-02", ["war"]),
	]);
	assert.is(site.latestMonth?.url, "/timeline/2025/03/");
	assert.equal(site.latestMonth?.topics, [
		{ slug: "peace", count: 2 },
		{ slug: "war", count: 1 },
	]);
	assert.is(model([]).latestMonth, undefined);
});

test("the sitemap lists every page once: fixed pages, articles, every topic page, years and months", () => {
	const site = model(
		[article("a", "2025-03-01", ["war"]), article("b", "2024-12-09", ["war", "peace"]), article("c", "2025-03-02", ["war"])],
		{ pageSize: 2 },
	);
	const paths = site.sitemap.map((entry) => entry.path);
	assert.is(new Set(paths).size, paths.length);
	for (const expected of [
		"/",
		"/topics/",
		"/topics/by-size/",
		"/timeline/",
		"/articles/2025/03/01/a/",
		"/articles/2024/12/09/b/",
		"/topics/war/",
		"/topics/war/page/2/",
		"/topics/peace/",
		"/timeline/2024/",
		"/timeline/2025/",
		"/timeline/2024/12/",
		"/timeline/2025/03/",
	]) {
		assert.ok(paths.includes(expected), expected);
	}
	assert.is(site.sitemap.find((entry) => entry.path === "/articles/2025/03/01/a/")?.lastmod, "2025-03-01");
});

test("on any digest every article is on exactly one month page and on every page of its topics exactly once", () => {
	const day = fc.record({
		year: fc.integer({ min: 2020, max: 2026 }),
		month: fc.integer({ min: 1, max: 12 }),
		day: fc.integer({ min: 1, max: 28 }),
	});
	const spec = fc.record({ when: day, topics: fc.uniqueArray(fc.constantFrom("a", "b", "c", "d", "e"), { minLength: 1, maxLength: 4 }) });
	fc.assert(
		fc.property(fc.array(spec, { maxLength: 60 }), fc.integer({ min: 1, max: 7 }), (specs, pageSize) => {
			const articles = specs.map((s, i) => {
				const iso = `${s.when.year}-${String(s.when.month).padStart(2, "0")}-${String(s.when.day).padStart(2, "0")}`;
				return article(`n${i}`, iso, s.topics);
			});
			const site = model(articles, { pageSize });
			const monthOf = new Map<string, string>();
			for (const month of site.timeline.monthPages) {
				for (const group of month.days) {
					for (const a of group.articles) {
						assert.not.ok(monthOf.has(a.url), `${a.url} on two month pages`);
						assert.is(month.url, `/timeline/${a.day.slice(0, 4)}/${a.day.slice(5, 7)}/`);
						monthOf.set(a.url, month.url);
					}
				}
			}
			assert.is(monthOf.size, articles.length);
			for (const a of articles) {
				for (const slug of a.topics) {
					const hits = site.facets.topics.pages
						.filter((page) => page.slug === slug)
						.flatMap((page) => page.articles.filter((x) => x.url === a.url));
					assert.is(hits.length, 1, `${a.url} on ${slug}`);
				}
			}
			for (const page of site.facets.topics.pages) assert.ok(page.articles.length <= pageSize);
		}),
		{ numRuns: 60, seed: 7 },
	);
});

test.run();
