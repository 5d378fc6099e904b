import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { articleText, writeArticles } from "../support/fixtures.ts";
import { runScript } from "../support/run-script.ts";

const registry = "diplomacy:\n  title: Diplomacy\n";

test("check lists every problem in every file as path:line: field: what, then exits non-zero without a stack trace", async () => {
	const articles = await writeArticles({
		"topics.yaml": registry,
		"2025/02/good.md": articleText({ topics: ["diplomacy"] }),
		"2025/02/bad-date.md": articleText({ date: "2025-02-30", topics: ["diplomacy"] }),
		"2025/03/no-title.md": '---\ndate: 2025-03-01\ntopics: [diplomacy]\nsource: { name: X, url: "javascript:alert(1)" }\n---\nBody.\n',
		"2024/12/no-front-matter.md": "Just text.\n",
	});
	const result = await runScript("check.ts", ["--articles", articles]);
	assert.is(result.code, 1);
	const lines = result.stderr
		.split("\n")
		.filter((line) => line.startsWith(articles))
		.map((line) => line.slice(articles.length + 1))
		.sort();
	assert.equal(lines, [
		"2024/12/no-front-matter.md:1: front matter: the file must start with a --- line opening the YAML front matter (or +++ for TOML, { for JSON)",
		'2025/02/bad-date.md:3: date: "2025-02-30" is not a real date (you specified 30 (of type number) as a day, which is invalid)',
		"2025/03/no-title.md:1: title: is required",
		"2025/03/no-title.md:4: source.url: url must be an http(s) URL",
	]);
	assert.match(result.stderr, "4 problems found");
	assert.not.match(result.stderr, /\n\s+at |Error:/);
	assert.is(result.stdout, "");
});

test("an unregistered topic is a warning by default and an error with --strict", async () => {
	const articles = await writeArticles({
		"topics.yaml": registry,
		"2025/02/a.md": articleText({ topics: ["diplomacy", "Brand New Topic"] }),
	});
	const lenient = await runScript("check.ts", ["--articles", articles]);
	assert.is(lenient.code, 0, lenient.stderr);
	assert.match(lenient.stderr, "warning: 1 topic is not in topics.yaml: brand-new-topic");
	assert.match(lenient.stdout, "1 articles and 2 topics are valid.");
	const strict = await runScript("check.ts", ["--articles", articles, "--strict"]);
	assert.is(strict.code, 1);
	assert.match(strict.stderr, `${path.join(articles, "topics.yaml")}:1: topics: 1 topic is not in topics.yaml: brand-new-topic`);
});

test("check counts drafts as articles to validate, and a missing folder is one clear line", async () => {
	const articles = await writeArticles({
		"2025/02/a.md": articleText({ extra: "draft: true" }),
		"2025/02/b.md": articleText({ title: "B" }),
	});
	const ok = await runScript("check.ts", ["--articles", articles]);
	assert.is(ok.code, 0, ok.stderr);
	assert.match(ok.stdout, "2 articles and 1 topics are valid.");
	const missing = await runScript("check.ts", ["--articles", path.join(articles, "nope")]);
	assert.is(missing.code, 1);
	assert.match(missing.stderr, /nope:1: articles: no such folder/);
});

test("check --help lists its flags; an unknown flag is a usage error", async () => {
	const help = await runScript("check.ts", ["--help"]);
	assert.is(help.code, 0);
	assert.match(help.stdout, "--strict");
	assert.match(help.stdout, "--articles");
	const unknown = await runScript("check.ts", ["--stict"]);
	assert.is(unknown.code, 2);
	assert.match(unknown.stderr, "--stict");
});

test.run();
