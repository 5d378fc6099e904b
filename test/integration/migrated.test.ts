import { cp } from "node:fs/promises";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { buildSite } from "../../src/build.ts";
import { projectRoot } from "../../src/paths.ts";
import { readPage, tempDir, texts } from "../support/fixtures.ts";

/** Jekyll and Hugo posts copied as they are into one articles folder, built once for every test. */
const built = (async () => {
	const articlesDir = path.join(await tempDir("migrated-"), "articles");
	await cp(path.join(projectRoot, "test", "fixtures", "migrated"), articlesDir, { recursive: true });
	const outputDir = path.join(await tempDir("site-"), "_site");
	const result = await buildSite({ articlesDir, outputDir });
	return { outputDir, result };
})();

test("a Jekyll post builds: date from the file name, tags as a comma-separated string plus categories, author, excerpt", async () => {
	const { outputDir } = await built;
	const page = await readPage(outputDir, "/articles/2025/02/riyadh-talks/");
	assert.equal(texts(page, "h1"), ["Riyadh talks: a first meeting"]);
	assert.is(page.querySelector("article time")?.getAttribute("datetime"), "2025-02-18T00:00:00.000Z");
	assert.equal(
		texts(page, ".topic-links a").map((t) => t.toLowerCase()),
		["diplomacy", "ukraine war", "us-russia-relations", "news"],
	);
	assert.match(page.querySelector(".authors")?.textContent ?? "", "Ann One");
	assert.is(page.querySelector('meta[name="description"]')?.getAttribute("content"), "The first meeting in three years.");
});

test("Liquid tags in a Jekyll body are kept as visible text, not run or dropped", async () => {
	const { outputDir } = await built;
	const body = (await readPage(outputDir, "/articles/2025/02/riyadh-talks/")).querySelector(".article-body")?.textContent ?? "";
	assert.match(body, "Welcome to {{ site.title }}.");
	// Exactly as written: the typographer does not curl the quotes inside a template call.
	assert.match(body, 'This post was first published on {{ page.date | date: "%B %d, %Y" }}.');
	assert.match(body, '{% include related.html topic="riyadh" %}');
	assert.match(body, "The meeting lasted {% raw %}four{% endraw %} hours.");
});

test("raw HTML in a migrated body is shown as text: no element, no script", async () => {
	const { outputDir } = await built;
	const jekyll = await readPage(outputDir, "/articles/2025/02/riyadh-talks/");
	const body = jekyll.querySelector(".article-body");
	assert.is(body?.querySelectorAll("div.note, script").length, 0);
	// The tags are shown as written; the text between them is prose (the typographer curls its quotes).
	assert.match(body?.textContent ?? "", `<div class="note">An editor’s note in raw HTML.</div>`);
	assert.match(body?.textContent ?? "", /<script>alert\(.migrated.\)<\/script>/);
	assert.not.ok([...jekyll.querySelectorAll("script")].some((script) => (script.textContent ?? "").includes("migrated")));
	const hugo = await readPage(outputDir, "/articles/2025/03/energy-pause/");
	assert.is(hugo.querySelectorAll(".article-body iframe").length, 0);
	assert.match(hugo.querySelector(".article-body")?.textContent ?? "", '<iframe src="https://example.com/embed"></iframe>');
});

test("a Hugo post builds: a YYYY-MM-DD HH:MM date, several `by` authors, tags and categories, description", async () => {
	const { outputDir } = await built;
	const page = await readPage(outputDir, "/articles/2025/03/energy-pause/");
	assert.equal(texts(page, "h1"), ["Energy pause agreed"]);
	assert.is(page.querySelector("article time")?.getAttribute("datetime"), "2025-03-18T21:45:00.000Z");
	const authors = page.querySelector(".authors")?.textContent ?? "";
	assert.match(authors, "Bo Two");
	assert.match(authors, "Cy Three");
	assert.equal(
		texts(page, ".topic-links a").map((t) => t.toLowerCase()),
		["energy", "ceasefire", "analysis"],
	);
	assert.is(page.querySelector('meta[name="description"]')?.getAttribute("content"), "A 30-day halt to strikes on energy infrastructure.");
});

test("Hugo shortcodes and Go template calls are kept as visible text", async () => {
	const { outputDir } = await built;
	const body = (await readPage(outputDir, "/articles/2025/03/energy-pause/")).querySelector(".article-body")?.textContent ?? "";
	assert.match(body, '{{< youtube id="dQw4w9WgXcQ" >}}');
	assert.match(body, "{{% notice info %}}Updated after the call.{{% /notice %}}");
	assert.match(body, 'Written for {{ .Site.Title }} with {{ partial "byline.html" . }} in the template.');
});

test("a post with no date field takes it from its file name; every migrated post reaches the topic pages and the search index", async () => {
	const { outputDir, result } = await built;
	const page = await readPage(outputDir, "/articles/2025/03/no-date-field/");
	assert.is(page.querySelector("article time")?.getAttribute("datetime"), "2025-03-20T00:00:00.000Z");
	assert.is(result.digest.articles.length, 3);
	const energy = await readPage(outputDir, "/topics/energy/");
	const listed = texts(energy, "a").filter((text) => ["Energy pause agreed", "Dated by its file name"].includes(text));
	assert.equal([...new Set(listed)].sort(), ["Dated by its file name", "Energy pause agreed"]);
});

test.run();
