import { readFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parse } from "yaml";
import { contentWords, groupStories, type StoryInput } from "../../src/model/stories.ts";

interface Labelled extends StoryInput {
	event: string;
}

/** The labelled fixture, newest first as the digest holds articles; URLs made from the position. */
function labelled(): Labelled[] {
	const items = parse(readFileSync(new URL("../fixtures/stories/articles.yaml", import.meta.url), "utf8")) as (Omit<
		Labelled,
		"url" | "source"
	> & {
		source: string;
	})[];
	return items
		.map((item, index) => ({ ...item, url: `/a/${index}/`, source: { name: item.source } }) as Labelled)
		.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.url < b.url ? -1 : 1));
}

/** Unordered pairs of URLs that share a group. */
function pairsOf(groups: string[][]): Set<string> {
	const pairs = new Set<string>();
	for (const group of groups) {
		const sorted = [...group].sort();
		for (let i = 0; i < sorted.length; i++) for (let j = i + 1; j < sorted.length; j++) pairs.add(`${sorted[i]} ${sorted[j]}`);
	}
	return pairs;
}

test("the labelled fixture is grouped with no wrong merge and at least 80% of true pairs found", () => {
	const articles = labelled();
	const byEvent = new Map<string, string[]>();
	for (const article of articles) byEvent.set(article.event, [...(byEvent.get(article.event) ?? []), article.url]);
	const truth = pairsOf([...byEvent.values()]);
	const stories = groupStories(articles);
	const found = pairsOf(stories.map((story) => story.articles.map((article) => article.url)));
	const wrong = [...found].filter((pair) => !truth.has(pair));
	const event = new Map(articles.map((article) => [article.url, `${article.event}: ${article.title}`]));
	assert.equal(
		wrong.map((pair) => pair.split(" ").map((url) => event.get(url))),
		[],
		"pairs merged across different events",
	);
	const recall = [...truth].filter((pair) => found.has(pair)).length / truth.size;
	const missed = [...truth].filter((pair) => !found.has(pair)).map((pair) => pair.split(" ").map((url) => event.get(url)));
	assert.ok(truth.size >= 40, `the fixture has ${truth.size} true pairs`);
	assert.ok(recall >= 0.8, `recall ${recall.toFixed(2)} (precision 1.00); missed: ${JSON.stringify(missed, null, 1)}`);
	console.log(`    stories fixture: ${articles.length} articles, ${truth.size} true pairs, precision 1.00, recall ${recall.toFixed(2)}`);
});

test("grouping gives the same stories whatever order the articles arrive in, and stories are newest first", () => {
	const articles = labelled();
	const once = groupStories(articles).map((story) => [story.id, story.articles.map((article) => article.url)]);
	const shuffled = [...articles].reverse();
	// The module is given the digest's order; a reversed input re-sorted the same way must agree exactly.
	const again = groupStories(shuffled.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.url < b.url ? -1 : 1))).map(
		(story) => [story.id, story.articles.map((article) => article.url)],
	);
	assert.equal(again, once);
	for (const story of groupStories(articles)) {
		const dates = story.articles.map((article) => article.date);
		assert.equal(dates, [...dates].sort().reverse(), `story ${story.id} is newest first`);
		assert.is(story.id, story.articles.at(-1)?.url, "an automatic story is named by its oldest article");
	}
});

const base = (url: string, extra: Partial<StoryInput>): StoryInput => ({
	url,
	date: "2025-02-18T10:00:00Z",
	title: "Talks in Riyadh between American and Russian delegations",
	summary: "Delegations met in Riyadh.",
	source: { name: url.toUpperCase() },
	people: [],
	places: ["Riyadh"],
	...extra,
});

test("`story: id` groups articles whatever their text, and `story: false` keeps one out of every story", () => {
	const stories = groupStories([
		base("a", {}),
		base("b", {}),
		base("c", { story: false }),
		base("d", { title: "Something else entirely", summary: "Unrelated words", story: "forced" }),
		base("e", { title: "A different headline", summary: "Other words", date: "2025-01-01T00:00:00Z", story: "forced" }),
	]);
	assert.equal(
		stories.map((story) => [story.id, story.articles.map((article) => article.url)]),
		[
			["b", ["a", "b"]],
			["forced", ["d", "e"]],
		],
	);
});

test("two articles by the same outlet, or days outside the window, are never grouped automatically", () => {
	assert.equal(groupStories([base("a", { source: { name: "AP" } }), base("b", { source: { name: "ap" } })]), []);
	assert.equal(groupStories([base("a", {}), base("b", { date: "2025-02-10T10:00:00Z" })]), []);
});

test("content words drop common words, accents, case and a plural s, so outlets' spellings meet", () => {
	assert.equal([...contentWords("The Talks in Rīyadh: U.S. and Russia's delegations")].sort(), ["delegation", "riyadh", "russia", "talk"]);
});

test("a thousand near-identical headlines on one day stay linear: each joins at most one story of distinct outlets", () => {
	const many = Array.from({ length: 1000 }, (_, index) =>
		base(`x${index}`, { source: { name: `Outlet ${index % 7}` }, date: `2025-02-18T${String(index % 24).padStart(2, "0")}:00:00Z` }),
	);
	const stories = groupStories(many);
	for (const story of stories) {
		const outlets = story.articles.map((article) => article.source?.name);
		assert.equal(outlets.length, new Set(outlets).size, "one article per outlet in a story");
	}
	const grouped = stories.flatMap((story) => story.articles.map((article) => article.url));
	assert.equal(grouped.length, new Set(grouped).size, "no article in two stories");
});

test.run();
