/**
 * A generated digest of a few thousand articles and a thousand topics (a long tail: most topics hold one
 * or two articles, a few hold hundreds), built for real and read back page by page. Each page is parsed
 * once; every check then runs over what the pages say.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { DOMParser, parseHTML } from "linkedom";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { writeCorpus } from "../../src/bench/corpus.ts";
import { buildSite } from "../../src/commands/build.ts";
import { listedTitle, tempDir } from "../support/fixtures.ts";

const corpus = { articles: 2000, topics: 1000, seed: 11 };

interface PageFacts {
	h1: string[];
	/** Links of the article list items (topic and month pages). */
	listed: string[];
	/** The "Older" link of a paginated topic page. */
	next?: string;
}

test(`a ${corpus.articles}-article, ${corpus.topics}-topic digest puts every article on its page, its topics' pages, one month page, the sitemap and the feed`, async () => {
	const articlesDir = await tempDir("scale-articles-");
	await writeCorpus(articlesDir, corpus);
	const outputDir = path.join(await tempDir("scale-site-"), "_site");
	const { digest } = await buildSite({ articlesDir, outputDir });
	assert.is(digest.articles.length, corpus.articles);
	assert.ok(digest.topics.size > 500, `a long tail of topics (${digest.topics.size})`);

	const pages = new Map<string, PageFacts>();
	for (const entry of await readdir(outputDir, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile() || !entry.name.endsWith(".html")) continue;
		const file = path.join(entry.parentPath, entry.name);
		const sitePath = `/${path.relative(outputDir, file).split(path.sep).join("/")}`.replace(/index\.html$/, "");
		const { document } = parseHTML(await readFile(file, "utf8"));
		pages.set(sitePath, {
			h1: [...document.querySelectorAll("h1")].map((h1) => (h1.textContent ?? "").trim()),
			listed: [...document.querySelectorAll(`${listedTitle} a`)].map((a) => a.getAttribute("href") ?? ""),
			next: document.querySelector('.pagination a[rel="next"]')?.getAttribute("href") ?? undefined,
		});
	}

	for (const [sitePath, facts] of pages) assert.is(facts.h1.length, 1, `${sitePath} has ${facts.h1.length} h1`);

	// Its own page, headed by its title.
	for (const article of digest.articles) assert.equal(pages.get(article.url)?.h1, [article.title], article.url);

	// Each of its topics' pages, reached from the topic's first page by following the "Older" links.
	const topicsOf = new Map<string, string[]>();
	const push = (map: Map<string, string[]>, key: string, value: string) => (map.get(key) ?? map.set(key, []).get(key))?.push(value);
	for (const article of digest.articles) for (const slug of article.topics) push(topicsOf, slug, article.url);
	for (const [slug, urls] of topicsOf) {
		const listed: string[] = [];
		let at: string | undefined = `/topics/${slug}/`;
		for (let guard = 0; at && guard < 1000; guard++) {
			const facts = pages.get(at);
			assert.ok(facts, `${at} exists`);
			listed.push(...(facts?.listed ?? []));
			at = facts?.next;
		}
		assert.equal(listed, urls, `every article of ${slug}, newest first, once`);
	}

	// Exactly one timeline month page, the month of its date.
	const monthOf = new Map<string, string[]>();
	for (const [sitePath, facts] of pages) {
		if (!/^\/timeline\/\d{4}\/\d{2}\/$/.test(sitePath)) continue;
		for (const url of facts.listed) push(monthOf, url, sitePath);
	}
	for (const article of digest.articles)
		assert.equal(monthOf.get(article.url), [`/timeline/${article.day.slice(0, 4)}/${article.day.slice(5, 7)}/`], article.url);

	// The sitemap, which lists every HTML page there is (and only those).
	const sitemap = new DOMParser().parseFromString(await readFile(path.join(outputDir, "sitemap.xml"), "utf8"), "text/xml");
	const locations = new Set([...sitemap.querySelectorAll("loc")].map((loc) => loc.textContent ?? ""));
	for (const article of digest.articles) assert.ok(locations.has(article.url), `${article.url} in the sitemap`);
	for (const location of locations) assert.ok(pages.has(location), `${location} in the sitemap is a page`);
	for (const sitePath of pages.keys()) if (sitePath !== "/404.html") assert.ok(locations.has(sitePath), `${sitePath} is in the sitemap`);

	// The feed: exactly the newest 50.
	const feed = new DOMParser().parseFromString(await readFile(path.join(outputDir, "feed.xml"), "utf8"), "text/xml");
	const inFeed = [...feed.querySelectorAll("entry > link")].map((link) => link.getAttribute("href"));
	assert.equal(
		inFeed,
		digest.articles.slice(0, digest.site.feedSize).map((article) => article.url),
	);
});

test.run();
