import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { comparableUrl } from "../../src/authoring/article-file.ts";
import { parseHtmlArticle, splitByline } from "../../src/authoring/html.ts";
import { schemaDate } from "../../src/authoring/import.ts";
import { createMarkdown } from "../../src/content/markdown.ts";
import { projectRoot } from "../../src/paths.ts";

const page = readFileSync(path.join(projectRoot, "test", "fixtures", "import", "news-page.html"), "utf8");

test("title, authors, date, site name, canonical URL, summary and tags come from JSON-LD and meta tags", () => {
	const article = parseHtmlArticle(page, "https://harbour.example/2025/04/envoys-meet-geneva?utm_source=feed");
	assert.is(article.title, "Envoys Meet in Geneva");
	assert.equal(article.authors, ["Jane Roe", "Omar Haddad"]);
	assert.is(article.published, "2025-04-02T09:30:00+02:00");
	assert.is(article.siteName, "Harbour News");
	assert.is(article.url, "https://harbour.example/2025/04/envoys-meet-geneva");
	assert.is(article.summary, "Envoys met in Geneva to prepare the next round of talks.");
	assert.equal(article.keywords, ["Diplomacy", "Peace talks"]);
});

test("the body is the story as Markdown: no navigation, cookie banner, related links, footer or script", () => {
	const { body } = parseHtmlArticle(page, "https://harbour.example/2025/04/envoys-meet-geneva");
	const html = createMarkdown().render(body);
	assert.ok(body.startsWith("Envoys from the United States, Russia and Ukraine met in Geneva"), body.slice(0, 80));
	assert.match(body, "## What comes next");
	assert.match(body, "[lakeside hotel](https://harbour.example/topics/geneva)");
	assert.match(body, "**businesslike**");
	for (const chrome of [
		"Subscribe",
		"We use cookies",
		"Another story",
		"Privacy",
		"trackPageview",
		"font-family",
		"# Envoys Meet in Geneva",
	]) {
		assert.not.match(body, chrome, chrome);
	}
	assert.match(html, '<a href="https://harbour.example/topics/geneva" rel="noopener">lakeside hotel</a>');
});

test("without JSON-LD, Open Graph and plain meta tags are used", () => {
	const html = `<!doctype html><html><head><title>Fallback | Site</title><meta property="og:title" content="Open Graph Title">
<meta name="author" content="Ann One"><meta property="article:published_time" content="2025-01-05T08:00:00Z">
<meta property="og:url" content="https://site.example/og"><meta name="keywords" content="Energy, Sanctions"></head>
<body><article><p>${"A sentence of the story that goes on for a while. ".repeat(8)}</p></article></body></html>`;
	const article = parseHtmlArticle(html);
	assert.is(article.title, "Open Graph Title");
	assert.equal(article.authors, ["Ann One"]);
	assert.is(article.published, "2025-01-05T08:00:00Z");
	assert.is(article.url, "https://site.example/og");
	assert.equal(article.keywords, ["Energy", "Sanctions"]);
});

test("broken JSON-LD is ignored rather than failing the import", () => {
	const html = `<html><head><script type="application/ld+json">{not json</script><title>Plain</title></head><body><p>${"Words of a story. ".repeat(20)}</p></body></html>`;
	assert.is(parseHtmlArticle(html).title, "Plain");
});

test("page dates become dates the schema accepts", () => {
	assert.is(schemaDate("2025-04-02T09:30:00+02:00"), "2025-04-02T09:30:00+02:00");
	assert.is(schemaDate("2025-04-02T09:30:00.000Z"), "2025-04-02T09:30:00.000Z");
	assert.is(schemaDate("2025-04-02T09:30:00"), "2025-04-02 09:30");
	assert.is(schemaDate("Wed, 02 Apr 2025 07:30:00 GMT"), "2025-04-02");
	assert.is(schemaDate("yesterday"), undefined);
});

test("a byline splits into names", () => {
	assert.equal(splitByline("By Ann One, Bo Two and Cy Three"), ["Ann One", "Bo Two", "Cy Three"]);
});

test("source URLs compare equal across tracking parameters, fragments, www, scheme and a trailing slash", () => {
	assert.is(comparableUrl("http://www.site.example/a/?utm_source=x#top"), comparableUrl("https://site.example/a"));
	assert.is.not(comparableUrl("https://site.example/a?id=1"), comparableUrl("https://site.example/a?id=2"));
});

test.run();
