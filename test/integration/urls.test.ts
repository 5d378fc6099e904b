/**
 * Article URLs and old URLs through real builds: the site's permalink pattern, articles with their own
 * permalink (found by search although they are outside the pattern's folders), and redirect pages that
 * sit where an article page could be yet stay out of search, the sitemap and the feeds.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseHTML } from "linkedom";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { searchBuiltSite } from "../../src/search/terminal.ts";
import { articleText, buildFixture, readPage, texts } from "../support/fixtures.ts";

const files = {
	"2025/02/riyadh.md": articleText({
		title: "Talks in Riyadh",
		body: "Delegations met in the palace.",
		// Under the default pattern's folders, as an old slug of this very article would be.
		extra: "aliases: [/articles/2025/02/18/riyadh-old/, /news/riyadh.html, /news/riyadh]",
	}),
	"2025/02/own.md": articleText({
		title: "An article with its own URL",
		date: "2025-02-19",
		body: "Delegations again, elsewhere.",
		extra: "permalink: /reports/2025/own-url.html",
	}),
};

test("articles with their own permalink and redirect pages under the article folders: search finds exactly the articles", async () => {
	const { outputDir, digest } = await buildFixture(files, { pathPrefix: "/repo/", siteUrl: "https://example.org/repo" });
	const urls = digest.articles.map((article) => article.url).sort();
	assert.equal(urls, ["/articles/2025/02/18/riyadh/", "/reports/2025/own-url/"]);
	const found = await searchBuiltSite({ outputDir, query: "delegations", limit: 100 });
	assert.equal(found.results.map((result) => result.url).sort(), urls);
	const sitemap = await readFile(path.join(outputDir, "sitemap.xml"), "utf8");
	const feed = await readFile(path.join(outputDir, "feed.xml"), "utf8");
	for (const old of ["/articles/2025/02/18/riyadh-old/", "/news/riyadh.html", "/news/riyadh/", "/reports/2025/own-url.html"]) {
		assert.not.match(sitemap, `https://example.org/repo${old}<`, `${old} is not in the sitemap`);
		assert.not.match(feed, `https://example.org/repo${old}"`, `${old} is not in the feed`);
	}
	assert.match(sitemap, "<loc>https://example.org/repo/reports/2025/own-url/</loc>");
});

test("each old URL is a redirect page: meta refresh, canonical and a plain link to the new page under the prefix, one h1", async () => {
	const { outputDir } = await buildFixture(files, { pathPrefix: "/repo/", siteUrl: "https://example.org/repo" });
	const cases: [file: string, target: string][] = [
		["articles/2025/02/18/riyadh-old/index.html", "/articles/2025/02/18/riyadh/"],
		["news/riyadh.html", "/articles/2025/02/18/riyadh/"],
		["news/riyadh/index.html", "/articles/2025/02/18/riyadh/"],
		// A permalink written as an .html file: the page is the folder, the written form redirects.
		["reports/2025/own-url.html", "/reports/2025/own-url/"],
	];
	for (const [file, target] of cases) {
		const { document } = parseHTML(await readFile(path.join(outputDir, file), "utf8"));
		assert.is(document.querySelector('meta[http-equiv="refresh"]')?.getAttribute("content"), `0; url=/repo${target}`, file);
		assert.is(document.querySelector('link[rel="canonical"]')?.getAttribute("href"), `https://example.org/repo${target}`, file);
		assert.equal(
			[...document.querySelectorAll("main a")].map((a) => a.getAttribute("href")),
			[`/repo${target}`],
			file,
		);
		assert.equal(texts(document, "h1"), ["This page has moved"], file);
		assert.is(document.querySelector("[data-pagefind-body]"), null, `${file} is never indexed`);
	}
	const own = await readPage(outputDir, "/reports/2025/own-url/");
	assert.equal(texts(own, "h1"), ["An article with its own URL"]);
});

test("a site permalink pattern moves every article, and the search still finds each one", async () => {
	const { outputDir, digest } = await buildFixture({
		"site.yaml": "permalink: /:year/:month/:day/:slug/\n",
		...files,
	});
	assert.equal(digest.articles.map((article) => article.url).sort(), ["/2025/02/18/riyadh/", "/reports/2025/own-url/"]);
	const found = await searchBuiltSite({ outputDir, query: "delegations", limit: 100 });
	assert.equal(found.results.map((result) => result.url).sort(), ["/2025/02/18/riyadh/", "/reports/2025/own-url/"]);
	assert.equal(texts(await readPage(outputDir, "/2025/02/18/riyadh/"), "h1"), ["Talks in Riyadh"]);
});

test("a Russian Jekyll site's categories in its URLs: links, sitemap, feeds and canonical carry them percent-encoded, and they lead to the pages", async () => {
	const siteUrl = "https://example.github.io/zametki";
	const { outputDir, digest } = await buildFixture(
		{
			"_config.yml": "title: Заметки\nlang: ru\npermalink: date\n",
			"_posts/2025-02-18-peregovory.md":
				'---\ntitle: "Переговоры в Эр-Рияде"\ncategories: Политика Россия\n---\nВстреча делегаций прошла в Эр-Рияде.\n',
			"_posts/2025-03-05-obmen.md": '---\ntitle: "Обмен пленными"\ncategory: Война в Украине\n---\nСтороны обменялись пленными.\n',
		},
		{ pathPrefix: "/zametki/", siteUrl },
	);
	const byUrl = digest.articles.map((article) => article.url).sort();
	assert.equal(byUrl, ["/война в украине/2025/03/05/obmen/", "/политика/россия/2025/02/18/peregovory/"]);
	const sitemap = await readFile(path.join(outputDir, "sitemap.xml"), "utf8");
	const feed = await readFile(path.join(outputDir, "feed.xml"), "utf8");
	for (const url of byUrl) {
		const encoded = `${siteUrl}${encodeURI(url)}`;
		assert.ok(!/\s/.test(encoded) && new URL(encoded).href === encoded, `${encoded} is a URL as written`);
		assert.ok(sitemap.includes(`<loc>${encoded}</loc>`), `${url} in the sitemap, encoded`);
		assert.ok(feed.includes(`href="${encoded}"`), `${url} in the feed, encoded`);
		const page = await readPage(outputDir, url);
		assert.is(page.querySelector('link[rel="canonical"]')?.getAttribute("href"), encoded);
		// The .html address Jekyll gave it redirects there, encoded.
		const old = await readPage(outputDir, url.replace(/\/$/, ".html"));
		assert.is(old.querySelector("a")?.getAttribute("href"), `/zametki${encodeURI(url)}`);
	}
	// The home page links to each article by its encoded path, which names the page's file once decoded.
	const home = await readPage(outputDir, "/");
	const links = [...home.querySelectorAll("a[href]")].map((a) => a.getAttribute("href") ?? "");
	for (const url of byUrl) assert.ok(links.includes(`/zametki${encodeURI(url)}`), `the home page links to ${url}`);
	const found = await searchBuiltSite({ outputDir, query: "пленными", limit: 10 });
	assert.equal(
		found.results.map((result) => decodeURI(result.url)),
		["/война в украине/2025/03/05/obmen/"],
	);
});

test.run();
