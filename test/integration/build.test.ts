import { cp, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { buildSite } from "../../src/commands/build.ts";
import { siteFiles, siteSize } from "../../src/commands/github-pages.ts";
import { ContentError } from "../../src/content/problems.ts";
import { projectRoot } from "../../src/paths.ts";
import { articleText, buildFixture, listedTitle, readPage, tempDir, texts, writeArticles } from "../support/fixtures.ts";

const registry = "ukraine-war:\n  title: War in Ukraine\n  description: The war.\ndiplomacy:\n  title: Diplomacy\n";
const riyadh = articleText({
	title: "Talks in <Riyadh> & beyond",
	date: "2025-02-18",
	topics: ["ukraine-war", "Diplomacy"],
	extra: 'source: { name: WN, url: "https://example.com/riyadh" }\nauthors: [Ann One]\npeople: [Marco Rubio]\nplaces: [Riyadh]',
	body: "The talks began.\n\nA [link](https://example.com/x) and <script>alert(1)</script> as text.",
});
const files = {
	"topics.yaml": registry,
	"2025/02/riyadh-talks.md": riyadh,
	"2025/03/london-summit.md": articleText({ title: "London summit", date: "2025-03-02", topics: ["diplomacy"], extra: "source: BBC News" }),
};

test("an article page shows its title as the only h1, its date, source, authors, topics, people and places", async () => {
	const { outputDir } = await buildFixture(files);
	const page = await readPage(outputDir, "/articles/2025/02/18/riyadh-talks/");
	assert.equal(texts(page, "h1"), ["Talks in <Riyadh> & beyond"]);
	assert.is(page.querySelector("title")?.textContent, "Talks in <Riyadh> & beyond · Topic Digest");
	assert.is(page.querySelector("article time")?.getAttribute("datetime"), "2025-02-18T00:00:00.000Z");
	assert.is(page.querySelector("article time")?.textContent, "18 February 2025");
	const source = page.querySelector("[data-pagefind-filter=source] a");
	assert.is(source?.textContent, "WN");
	assert.is(source?.getAttribute("href"), "https://example.com/riyadh");
	assert.match(page.querySelector(".authors")?.textContent ?? "", "Ann One");
	assert.equal(texts(page, ".topic-links a"), ["War in Ukraine", "Diplomacy"]);
	assert.equal(
		[...page.querySelectorAll(".topic-links a")].map((a) => a.getAttribute("href")),
		["/topics/ukraine-war/", "/topics/diplomacy/"],
	);
	assert.equal(texts(page, "[data-pagefind-filter=people]"), ["Marco Rubio"]);
	assert.equal(texts(page, "[data-pagefind-filter=places]"), ["Riyadh"]);
	assert.match(page.querySelector("article > header > .meta")?.textContent ?? "", / · 1 min read$/);
});

test("the article body is rendered Markdown with raw HTML sanitised (a script and its text gone) and external links noopener", async () => {
	const { outputDir } = await buildFixture(files);
	const page = await readPage(outputDir, "/articles/2025/02/18/riyadh-talks/");
	const body = page.querySelector(".article-body");
	assert.is(body?.querySelectorAll("p").length, 2);
	assert.is(body?.querySelectorAll("script").length, 0);
	assert.match(body?.textContent ?? "", "A link and  as text.");
	assert.not.match(body?.innerHTML ?? "", /alert|&lt;script/);
	assert.is(body?.querySelector("a")?.getAttribute("rel"), "noopener");
	// The page's only scripts are the site's own files and JSON-LD data: nothing from the article runs.
	const scripts = [...page.querySelectorAll("script")].filter((script) => script.getAttribute("type") !== "application/ld+json");
	assert.ok(
		scripts.every((script) => script.getAttribute("src")?.startsWith("/assets/") && !script.textContent?.trim()),
		"no inline or foreign script",
	);
});

test("the home page lists the latest articles newest first and every topic with its count", async () => {
	const { outputDir } = await buildFixture(files);
	const home = await readPage(outputDir, "/");
	assert.is(home.querySelectorAll("h1").length, 1);
	assert.equal(texts(home, listedTitle), ["London summit", "Talks in <Riyadh> & beyond"]);
	const counts = [...home.querySelectorAll(".topic-counts li")].map((li) => [
		li.querySelector("a")?.textContent,
		li.querySelector(".count")?.textContent,
	]);
	assert.equal(counts, [
		["Diplomacy", "2"],
		["War in Ukraine", "1"],
	]);
});

test("the build writes a Pagefind index of the article pages", async () => {
	const { outputDir } = await buildFixture(files);
	const entry = JSON.parse(await readFile(path.join(outputDir, "pagefind", "pagefind-entry.json"), "utf8"));
	const languages = Object.values(entry.languages) as { page_count: number }[];
	assert.is(
		languages.reduce((sum, language) => sum + language.page_count, 0),
		2,
	);
});

test("the size a build reports for the Pages limit is its output folder's, file by file, the pages measured while the index is written", async () => {
	// Several runs: the index starts after the article runs, and the last run measures the pages meanwhile.
	const built = await buildFixture(files, { pagesPerRun: 4 });
	const onDisk = siteSize(siteFiles(built.outputDir));
	assert.equal(built.size, onDisk);
	assert.ok((onDisk.parts.get("pagefind") ?? 0) > 0 && (onDisk.parts.get("(top-level files)") ?? 0) > 0, "the index and sw.js are in it");
});

test("on a Russian Hugo site, its page bundle's picture and theme files included, the reported size is the folder's, file by file", async () => {
	// Published by other steps than the pages and the index (media, theme files, .nojekyll), meanwhile.
	const articlesDir = path.join(await tempDir("size-hugo-ru-"), "site-source");
	await cp(path.join(projectRoot, "test", "fixtures", "migrated", "hugo-ru"), articlesDir, { recursive: true });
	const outputDir = path.join(await tempDir("size-hugo-ru-out-"), "_site");
	const built = await buildSite({ articlesDir, outputDir, cacheDir: false, pagesPerRun: 3 });
	const files = siteFiles(outputDir);
	assert.ok(
		[...files.keys()].some((file) => file.endsWith("/map.png")),
		"the bundle's picture is published",
	);
	assert.equal(built.size, siteSize(files));
});

test("with a path prefix every internal link and asset starts with it", async () => {
	const { outputDir } = await buildFixture(files, { pathPrefix: "topic-digest" });
	const page = await readPage(outputDir, "/articles/2025/02/18/riyadh-talks/");
	const internal = [...page.querySelectorAll("a[href], link[href]")]
		.map((element) => element.getAttribute("href") ?? "")
		.filter((href) => !/^(https?:|#)/.test(href));
	assert.ok(internal.length > 5);
	for (const href of internal) assert.ok(href.startsWith("/topic-digest/"), href);
});

test("a broken date fails the build naming file, line and field, and leaves the previous output as it was", async () => {
	const good = await buildFixture(files);
	const before = await snapshot(good.outputDir);
	await writeFile(path.join(good.articlesDir, "2025/02/broken.md"), articleText({ title: "Broken", date: "2025-02-30" }));
	try {
		await buildSite({ articlesDir: good.articlesDir, outputDir: good.outputDir });
		assert.unreachable("the build should fail");
	} catch (error) {
		assert.instance(error, ContentError);
		const [problem] = (error as ContentError).problems;
		assert.match(problem?.path ?? "", /2025\/02\/broken\.md$/);
		assert.is(problem?.line, 3);
		assert.is(problem?.field, "date");
	}
	assert.equal(await snapshot(good.outputDir), before);
});

test("drafts are built only when asked for", async () => {
	const draft = { ...files, "2025/03/draft.md": articleText({ title: "Draft", extra: "draft: true" }) };
	const plain = await buildFixture(draft);
	assert.equal(texts(await readPage(plain.outputDir, "/"), listedTitle).includes("Draft"), false);
	const withDrafts = await buildFixture(draft, { drafts: true });
	assert.ok(texts(await readPage(withDrafts.outputDir, "/"), listedTitle).includes("Draft"));
});

test("two articles with the same URL fail the build naming both files", async () => {
	const dir = await writeArticles({ "2025/02/same.md": articleText({}), "2025/02/2025-02-18-same.md": articleText({}) });
	try {
		await buildSite({ articlesDir: dir, outputDir: path.join(dir, "out") });
		assert.unreachable();
	} catch (error) {
		const problems = (error as ContentError).problems;
		assert.is(problems.length, 2);
		for (const problem of problems) assert.match(problem.message, /is also the URL of .*same\.md/);
	}
});

/** Every file under `dir` with its bytes. */
async function snapshot(dir: string): Promise<Record<string, string>> {
	const result: Record<string, string> = {};
	for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile()) continue;
		const file = path.join(entry.parentPath, entry.name);
		result[path.relative(dir, file)] = (await readFile(file)).toString("base64");
	}
	return result;
}

test("a digest whose only article is scheduled builds, with no article page and an index that finds nothing", async () => {
	const articlesDir = await writeArticles({
		"2099/12/later.md": articleText({ title: "Announced for later", date: "2099-12-02", topics: ["diplomacy"] }),
	});
	const outputDir = path.join(path.dirname(articlesDir), "_site");
	const result = await buildSite({ articlesDir, outputDir, now: "2025-03-01T00:00:00Z" });
	assert.is(result.digest.articles.length, 0);
	const home = await readPage(outputDir, "/");
	assert.not.ok(texts(home, "a").includes("Announced for later"));
	assert.ok(
		(await readdir(path.join(outputDir, "pagefind"))).some((name) => name.startsWith("pagefind-entry")),
		"an (empty) index is written",
	);
});

test.run();
