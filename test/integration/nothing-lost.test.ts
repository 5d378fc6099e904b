/**
 * Nothing is lost: over a generated corpus, every article reaches its own page, every page of each of its
 * topics, exactly one timeline month, the sitemap, the feeds when among the newest, and the search index.
 * What each article should be is read from the generated files themselves, not from the loader.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { parseHTML } from "linkedom";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parse as parseYaml } from "yaml";
import { generateCorpus } from "../../src/bench/corpus.ts";
import { buildFixture, listedTitle } from "../support/fixtures.ts";

const articleCount = 1000;
const feedSize = 50;
const siteUrl = "https://digest.example/";

interface Expected {
	url: string;
	title: string;
	day: string;
	topics: string[];
}

/** The corpus, and what each article must become, read from its own front matter. */
function corpus(): { files: Record<string, string>; expected: Expected[] } {
	const files: Record<string, string> = {};
	const expected: Expected[] = [];
	for (const { file, text } of generateCorpus({ articles: articleCount, seed: 11 })) {
		files[file] = text;
		if (!file.endsWith(".md")) continue;
		const data = parseYaml(text.split("---\n")[1] ?? "") as { title: string; date: string; topics: string[] };
		const slug = path.basename(file, ".md");
		expected.push({
			url: `/articles/${data.date.slice(0, 4)}/${data.date.slice(5, 7)}/${data.date.slice(8, 10)}/${slug}/`,
			title: data.title,
			day: data.date,
			topics: data.topics,
		});
	}
	// Drafts are left out on purpose; they must be nowhere, and must not count.
	files["2025/01/draft-one.md"] = "---\ntitle: A draft\ndate: 2025-01-05\ntopics: [topic-00001]\ndraft: true\n---\nNot yet.\n";
	return { files, expected };
}

const articleUrl = /^\/articles\/\d{4}\/\d{2}\/\d{2}\/[^/]+\/$/;

async function document(output: string, sitePath: string): Promise<Document> {
	return parseHTML(await readFile(path.join(output, sitePath, "index.html"), "utf8")).document as unknown as Document;
}

/** Article links in the page's article lists (not navigation, charts or related-article boxes). */
function listedArticles(page: Document): string[] {
	return [...page.querySelectorAll(`main ${listedTitle} a[href]`)]
		.filter((link) => !link.closest(".related-articles"))
		.map((link) => link.getAttribute("href") ?? "")
		.filter((href) => articleUrl.test(href));
}

/** `/topics/<slug>/` and its `/page/N/` pages, as site paths. */
async function topicPages(output: string, slug: string): Promise<string[]> {
	const pagesDir = path.join(output, "topics", slug, "page");
	const numbers = await readdir(pagesDir).catch(() => [] as string[]);
	return [`/topics/${slug}/`, ...numbers.sort((a, b) => Number(a) - Number(b)).map((n) => `/topics/${slug}/page/${n}/`)];
}

const build = (async () => {
	const { files, expected } = corpus();
	const result = await buildFixture(files, { siteUrl });
	return { ...result, expected };
})();

test("the corpus builds every valid article and nothing else", async () => {
	const { digest, expected } = await build;
	assert.is(expected.length, articleCount);
	assert.is(digest.articles.length, articleCount);
	assert.equal(digest.articles.map((article) => article.url).sort(), expected.map((article) => article.url).sort());
});

test("every article has its own page with its title as the h1", async () => {
	const { outputDir, expected } = await build;
	for (const article of expected) {
		const page = await document(outputDir, article.url);
		assert.equal(
			[...page.querySelectorAll("h1")].map((h1) => h1.textContent),
			[article.title],
			article.url,
		);
	}
});

test("every article is listed on every page set of each of its topics, and topic pages list nothing else", async () => {
	const { outputDir, expected } = await build;
	const byTopic = new Map<string, Set<string>>();
	for (const article of expected)
		for (const topic of article.topics) byTopic.set(topic, (byTopic.get(topic) ?? new Set()).add(article.url));
	assert.ok(byTopic.size > 100, `${byTopic.size} topics`);
	let paginated = 0;
	for (const [slug, urls] of byTopic) {
		const pages = await topicPages(outputDir, slug);
		if (pages.length > 1) paginated++;
		const listed: string[] = [];
		for (const page of pages) listed.push(...listedArticles(await document(outputDir, page)));
		assert.equal(listed.slice().sort(), [...urls].sort(), `/topics/${slug}/ (${pages.length} pages)`);
	}
	assert.ok(paginated > 0, "some topics span several pages: pagination was exercised");
});

test("every article is on exactly one timeline month page: its own month", async () => {
	const { outputDir, expected } = await build;
	const months = [...new Set(expected.map((article) => article.day.slice(0, 7)))].sort();
	const seen = new Map<string, string[]>();
	for (const month of months) {
		const sitePath = `/timeline/${month.replace("-", "/")}/`;
		for (const url of listedArticles(await document(outputDir, sitePath))) seen.set(url, [...(seen.get(url) ?? []), sitePath]);
	}
	for (const article of expected) {
		assert.equal(seen.get(article.url), [`/timeline/${article.day.slice(0, 4)}/${article.day.slice(5, 7)}/`], article.url);
	}
	assert.is(seen.size, expected.length, "month pages list no other articles");
});

test("every article is in the sitemap", async () => {
	const { outputDir, expected } = await build;
	const sitemap = await readFile(path.join(outputDir, "sitemap.xml"), "utf8");
	const locs = new Set([...sitemap.matchAll(/<loc>([^<]*)<\/loc>/g)].map((match) => new URL(match[1] ?? "", siteUrl).pathname));
	const missing = expected.filter((article) => !locs.has(article.url)).map((article) => article.url);
	assert.equal(missing, []);
	assert.not.ok(locs.has("/articles/2025/01/05/draft-one/"), "the draft is not in the sitemap");
});

test("the Atom and JSON feeds carry exactly the newest articles", async () => {
	const { outputDir, expected } = await build;
	const atom = await readFile(path.join(outputDir, "feed.xml"), "utf8");
	const atomUrls = [...atom.matchAll(/<entry>[\s\S]*?<link[^>]*href="([^"]+)"/g)].map((match) => new URL(match[1] ?? "", siteUrl).pathname);
	const json = JSON.parse(await readFile(path.join(outputDir, "feed.json"), "utf8")) as { items: { url: string }[] };
	const jsonUrls = json.items.map((item) => new URL(item.url, siteUrl).pathname);
	const byUrl = new Map(expected.map((article) => [article.url, article]));
	for (const [name, urls] of [
		["Atom", atomUrls],
		["JSON", jsonUrls],
	] as const) {
		assert.is(urls.length, feedSize, `${name} feed size`);
		assert.is(new Set(urls).size, feedSize, `${name} feed has no repeats`);
		const days = urls.map((url) => byUrl.get(url)?.day ?? "missing");
		assert.not.ok(days.includes("missing"), `${name} feed links only to articles`);
		const oldestInFeed = [...days].sort()[0] ?? "";
		// Every article newer than the oldest day the feed reaches must be in it; on that day, ties may split.
		const newer = expected.filter((article) => article.day > oldestInFeed).map((article) => article.url);
		assert.equal(
			newer.filter((url) => !urls.includes(url)),
			[],
			`${name} feed misses newer articles`,
		);
		assert.equal(days, days.slice().sort().reverse(), `${name} feed is newest first`);
	}
});

test("the search index holds one page per article", async () => {
	const { outputDir, expected } = await build;
	const entry = JSON.parse(await readFile(path.join(outputDir, "pagefind", "pagefind-entry.json"), "utf8")) as {
		languages: Record<string, { page_count: number }>;
	};
	const indexed = Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
	assert.is(indexed, expected.length);
});

test.run();
