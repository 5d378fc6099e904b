/**
 * The bench's generated digests have the shapes they claim: the `news` shape follows the real news-event
 * real archive described in docs/performance.md (10,066 items, ~60-word bodies, 3,238 topics in a long tail, 1–6 topics an item,
 * ~700 sources, file names repeated within a month), and the `blog` shape keeps long articles.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parse } from "yaml";
import { type CorpusOptions, generateCorpus, newsArchive, writeCorpus } from "../../src/bench/corpus.ts";
import { loadDigest } from "../../src/content/load.ts";
import { tempDir } from "../support/fixtures.ts";

interface Item {
	file: string;
	title: string;
	date: string;
	topics: string[];
	source: string;
	words: number;
}

function items(options: CorpusOptions): Item[] {
	const list: Item[] = [];
	for (const { file, text } of generateCorpus(options)) {
		if (!file.endsWith(".md")) continue;
		const [, frontMatter = "", body = ""] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text) ?? [];
		const data = parse(frontMatter) as Omit<Item, "file" | "words">;
		list.push({ file, ...data, words: body.split(/\s+/).filter(Boolean).length });
	}
	return list;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const countBy = <T>(values: T[]): Map<T, number> => {
	const counts = new Map<T, number>();
	for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
	return counts;
};

const news = items({ shape: "news", articles: newsArchive.items });

test("the news shape has the real archive's item count, short bodies and ~700 sources", () => {
	assert.is(news.length, 10_066);
	const bodies = median(news.map((item) => item.words));
	assert.ok(bodies >= 50 && bodies <= 70, `median body ${bodies} words`);
	assert.ok(Math.max(...news.map((item) => item.words)) > 200, "a few long items");
	const sources = new Set(news.map((item) => item.source)).size;
	assert.ok(sources >= 600 && sources <= 700, `${sources} sources`);
});

test("the news shape has 3,238 topics, most on one or two items and a few on thousands, 1–6 per item", () => {
	const perTopic = countBy(news.flatMap((item) => item.topics));
	assert.is(perTopic.size, 3_238);
	const sizes = [...perTopic.values()];
	const small = sizes.filter((size) => size <= 2).length / sizes.length;
	assert.ok(small > 0.6, `${Math.round(small * 100)}% of topics on one or two items`);
	assert.ok(Math.max(...sizes) > 1000, `largest topic ${Math.max(...sizes)} items`);
	const perItem = countBy(news.map((item) => item.topics.length));
	assert.equal(
		[...perItem.keys()].sort((a, b) => a - b),
		[1, 2, 3, 4, 5, 6],
	);
	for (const item of news) assert.is(new Set(item.topics).size, item.topics.length, `${item.file}: no topic twice`);
});

test("news items are named YYYY-MM-DD-event-NNNN, dated as named, and most names recur within their month", () => {
	for (const item of news) {
		const [, year, month, day] = /^(\d{4})\/(\d{2})\/\1-\2-(\d{2})-event-\d{4}\.md$/.exec(item.file) ?? [];
		assert.ok(year, item.file);
		assert.is(item.date, `${year}-${month}-${day}`, item.file);
	}
	const slugInMonth = countBy(news.map((item) => `${item.file.slice(0, 8)}${item.file.slice(19)}`));
	const repeated = news.filter((item) => (slugInMonth.get(`${item.file.slice(0, 8)}${item.file.slice(19)}`) ?? 0) > 1).length;
	assert.ok(repeated / news.length > 0.9, `${repeated} of ${news.length} items share their slug with another of their month`);
	const perDay = median([...countBy(news.map((item) => item.date)).values()]);
	assert.ok(perDay >= 20 && perDay <= 36, `${perDay} items a day`);
});

test("uniqueSlugs gives every news item of a month its own slug, and changes nothing else", () => {
	const unique = items({ shape: "news", articles: 2000, uniqueSlugs: true });
	const same = items({ shape: "news", articles: 2000 });
	const slugs = unique.map((item) => `${item.file.slice(0, 8)}${item.file.slice(8).replace(/^\d{4}-\d{2}-/, "")}`);
	assert.is(new Set(slugs).size, unique.length);
	assert.equal(
		unique.map(({ file: _, ...rest }) => rest),
		same.map(({ file: _, ...rest }) => rest),
	);
});

test("the same options write the same digest, another seed another one", () => {
	const text = (options: CorpusOptions) => [...generateCorpus(options)].map((file) => `${file.file}\n${file.text}`).join("\n");
	assert.is(text({ shape: "news", articles: 300 }), text({ shape: "news", articles: 300 }));
	assert.is.not(text({ shape: "news", articles: 300 }), text({ shape: "news", articles: 300, seed: 2 }));
});

test("the blog shape (the default) keeps long articles with 1–4 topics", () => {
	const blog = items({ articles: 500 });
	assert.ok(median(blog.map((item) => item.words)) > 200, "long bodies");
	for (const item of blog) assert.ok(item.topics.length >= 1 && item.topics.length <= 4, item.file);
});

test.run();

test("an English digest's site.yaml names English, as the Hugo anchor's config does; three languages are left to detection", async () => {
	const english = await tempDir("corpus-en-");
	await writeCorpus(english, { shape: "news", articles: 60 });
	const one = await loadDigest(english);
	assert.is(one.site.language, "en");
	assert.ok(one.site.languageGiven);
	assert.equal([...new Set(one.articles.map((article) => article.lang))], ["en"]);

	const mixed = await tempDir("corpus-three-");
	await writeCorpus(mixed, { shape: "news", articles: 60, languages: 3 });
	const three = await loadDigest(mixed);
	assert.not.ok(three.site.languageGiven);
	const langs = countBy(three.articles.map((article) => article.lang));
	assert.equal([...langs.keys()].sort(), ["en", "ru", "uk"]);
	for (const count of langs.values()) assert.ok(count >= 15, `each language on about a third of 60 articles: ${[...langs]}`);
});
