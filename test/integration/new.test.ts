import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { loadDigest } from "../../src/content/load.ts";
import { writeArticles } from "../support/fixtures.ts";
import { runScript } from "../support/run-script.ts";

const setup = { "site.yaml": "zone: Europe/Kyiv\n", "topics.yaml": "diplomacy:\n  title: Diplomacy\n" };

test("new writes articles/YYYY/MM/<slug>.md with front matter the loader accepts, and prints the path", async () => {
	const articles = await writeArticles(setup);
	const result = await runScript("new.ts", [
		"Talks: Round Two?",
		"--articles",
		articles,
		"--topics",
		"diplomacy, Ceasefire",
		"--date",
		"2025-03-11",
		"--source",
		"Reuters",
		"--url",
		"https://example.com/a",
		"--authors",
		"Ann One, Bo Two",
	]);
	assert.is(result.code, 0, result.stderr);
	const file = path.join(articles, "2025", "03", "talks-round-two.md");
	assert.is(result.stdout.trim(), file);
	const digest = await loadDigest(articles);
	const [article] = digest.articles;
	assert.is(article?.title, "Talks: Round Two?");
	assert.is(article?.url, "/articles/2025/03/11/talks-round-two/");
	assert.equal(article?.topics, ["diplomacy", "ceasefire"]);
	assert.equal(article?.source, { name: "Reuters", url: "https://example.com/a" });
	assert.equal(article?.authors, ["Ann One", "Bo Two"]);
});

test("a Cyrillic title gets a transliterated slug", async () => {
	const articles = await writeArticles(setup);
	const result = await runScript("new.ts", [
		"Переговоры в Эр-Рияде",
		"--articles",
		articles,
		"--topics",
		"diplomacy",
		"--date",
		"2025-02-18",
	]);
	assert.is(result.code, 0, result.stderr);
	assert.match(result.stdout, /2025\/02\/peregovory-v-er-riyade\.md$/m);
	assert.is((await loadDigest(articles)).articles[0]?.title, "Переговоры в Эр-Рияде");
});

test("new refuses to overwrite an existing article and leaves it untouched", async () => {
	const articles = await writeArticles(setup);
	const args = ["Same Title", "--articles", articles, "--topics", "diplomacy", "--date", "2025-02-18"];
	assert.is((await runScript("new.ts", args)).code, 0);
	const file = path.join(articles, "2025", "02", "same-title.md");
	const before = await readFile(file, "utf8");
	const again = await runScript("new.ts", [...args.slice(0, 5), "--date", "2025-02-19"]);
	assert.is(again.code, 2);
	assert.match(again.stderr, /same-title\.md already exists/);
	assert.is(await readFile(file, "utf8"), before);
});

test("without --date the article is dated today in the site's zone", async () => {
	const articles = await writeArticles(setup);
	const result = await runScript("new.ts", ["Today", "--articles", articles, "--topics", "diplomacy"]);
	assert.is(result.code, 0, result.stderr);
	const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Kyiv" }).format(new Date());
	assert.is((await loadDigest(articles)).articles[0]?.day, today);
});

test("bad input is one clear line and nothing is written: no topics, an impossible date, a javascript: URL", async () => {
	const articles = await writeArticles(setup);
	const noTopics = await runScript("new.ts", ["A title", "--articles", articles]);
	assert.is(noTopics.code, 2);
	assert.match(noTopics.stderr, "needs at least one topic");
	const badDate = await runScript("new.ts", ["A title", "--articles", articles, "--topics", "x", "--date", "2025-02-30"]);
	assert.is(badDate.code, 2);
	assert.match(badDate.stderr, /date: "2025-02-30" is not a real date/);
	const badUrl = await runScript("new.ts", [
		"A title",
		"--articles",
		articles,
		"--topics",
		"x",
		"--source",
		"X",
		"--url",
		"javascript:alert(1)",
	]);
	assert.is(badUrl.code, 2);
	assert.match(badUrl.stderr, "source.url: url must be an http(s) URL");
	for (const result of [noTopics, badDate, badUrl]) assert.not.match(result.stderr, /\n\s+at /);
	assert.equal(
		(await readdir(articles, { recursive: true })).filter((file) => file.endsWith(".md")),
		[],
	);
});

test("new --help lists the flags", async () => {
	const result = await runScript("new.ts", ["--help"]);
	assert.is(result.code, 0);
	for (const flag of ["--topics", "--date", "--source", "--url", "--authors"]) assert.match(result.stdout, flag);
});

test.run();
