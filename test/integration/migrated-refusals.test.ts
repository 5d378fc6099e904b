/**
 * The leniency for migrated sites is for the forms engines really write, not for garbage: in a Jekyll
 * or Hugo layout a broken date, broken TOML or JSON, an ambiguous date, two posts claiming one URL or a
 * permalink stepping out of the output are still problems, reported as `path:line: field: what`.
 */
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { loadDigest } from "../../src/content/load.ts";
import { ContentError, type ContentProblem } from "../../src/content/problems.ts";
import { writeArticles } from "../support/fixtures.ts";

async function problemsOf(files: Record<string, string>): Promise<ContentProblem[]> {
	const dir = await writeArticles(files);
	try {
		await loadDigest(dir, { cache: false, displayPath: (absolute) => path.relative(dir, absolute).split(path.sep).join("/") });
	} catch (error) {
		if (error instanceof ContentError) return error.problems;
		throw error;
	}
	assert.unreachable("the folder should not load");
	return [];
}

const jekyllPost = (front: string) => `---\nlayout: post\ntitle: "A post"\n${front}\n---\nBody.\n`;
const hugoConfig = { "hugo.toml": "title = 'Desk'\n" };

test("in a Jekyll site, a post whose date is not a date is refused, not left out as a page", async () => {
	const problems = await problemsOf({
		"_config.yml": "title: Notes\n",
		"_posts/2025-02-18-fine.markdown": jekyllPost("date: 2025-02-18 10:30:00 +0300"),
		"_posts/2025-02-19-bad-date.markdown": jekyllPost("date: next Tuesday"),
	});
	assert.equal(
		problems.map((problem) => [problem.path, problem.line, problem.field]),
		[["_posts/2025-02-19-bad-date.markdown", 4, "date"]],
	);
	assert.match(problems[0]?.message ?? "", /next Tuesday/);
});

test("an ambiguous day/month date is refused with the reason, in YAML and in TOML", async () => {
	const problems = await problemsOf({
		...hugoConfig,
		"content/posts/yaml.md": '---\ntitle: "Slashes"\ndate: 02/03/2025\ntags: [x]\n---\nBody.\n',
		"content/posts/toml.md": "+++\ntitle = 'Slashes'\ndate = '02/03/2025'\ntags = ['x']\n+++\nBody.\n",
	});
	assert.equal(
		problems.map((problem) => [problem.path, problem.line, problem.field]),
		[
			["content/posts/toml.md", 3, "date"],
			["content/posts/yaml.md", 3, "date"],
		],
	);
	for (const problem of problems) assert.match(problem.message, /ambiguous|day.*month|month.*day/i, problem.message);
});

test("an impossible RFC 2822 date is refused, not read as some other day", async () => {
	const problems = await problemsOf({
		"2025/02/wire.md": '---\ntitle: "Wire"\ndate: Tue, 45 Feb 2025 10:30:00 +0000\ntopics: [x]\n---\nBody.\n',
	});
	assert.equal(
		problems.map((problem) => [problem.path, problem.line, problem.field]),
		[["2025/02/wire.md", 3, "date"]],
	);
});

test("broken TOML and broken JSON front matter are refused with their line", async () => {
	const problems = await problemsOf({
		...hugoConfig,
		"content/posts/fine.md": "+++\ntitle = 'Fine'\ndate = 2025-02-18\n+++\nBody.\n",
		"content/posts/unclosed.md": "+++\ntitle = 'Fine'\ndate = 2025-02-18\ntags = ['a', 'b'\n+++\nBody.\n",
		"content/posts/json.md": '{\n  "title": "Trailing comma",\n  "date": "2025-02-18",\n}\nBody.\n',
	});
	assert.equal(problems.map((problem) => problem.path).sort(), ["content/posts/json.md", "content/posts/unclosed.md"]);
	for (const problem of problems) {
		assert.is(problem.field, "front matter", JSON.stringify(problem));
		assert.ok(problem.line >= 1 && problem.line <= 5, JSON.stringify(problem));
	}
});

test("in this tool's own folder layout, an article with no date anywhere is still an error", async () => {
	const problems = await problemsOf({
		"2025/02/dated.md": '---\ntitle: "Dated"\ndate: 2025-02-18\n---\nBody.\n',
		"notes/undated.md": '---\ntitle: "Undated"\n---\nBody.\n',
	});
	assert.equal(
		problems.map((problem) => [problem.path, problem.field]),
		[["notes/undated.md", "date"]],
	);
});

test("two posts claiming one permalink are an error naming both", async () => {
	const problems = await problemsOf({
		"_config.yml": "title: Notes\n",
		"_posts/2025-02-18-first.markdown": jekyllPost("date: 2025-02-18\npermalink: /talks/"),
		"_posts/2025-02-19-second.markdown": jekyllPost("date: 2025-02-19\npermalink: /talks/"),
	});
	assert.equal(problems.map((problem) => problem.path).sort(), ["_posts/2025-02-18-first.markdown", "_posts/2025-02-19-second.markdown"]);
	assert.match(problems.find((problem) => problem.path.endsWith("first.markdown"))?.message ?? "", "2025-02-19-second.markdown");
	assert.match(problems.find((problem) => problem.path.endsWith("second.markdown"))?.message ?? "", "2025-02-18-first.markdown");
	for (const problem of problems) assert.match(problem.message, /slug|permalink/, "says what to set");
});

test("a permalink or an old URL that steps out with .. is refused as a problem of that field", async () => {
	const problems = await problemsOf({
		"_config.yml": "title: Notes\n",
		"_posts/2025-02-18-out.markdown": jekyllPost("date: 2025-02-18\npermalink: /../../escaped/"),
		"_posts/2025-02-19-old.markdown": jekyllPost("date: 2025-02-19\nredirect_from:\n  - /news/../../../old/"),
	});
	assert.equal(problems.map((problem) => problem.path).sort(), ["_posts/2025-02-18-out.markdown", "_posts/2025-02-19-old.markdown"]);
	const out = problems.find((problem) => problem.path.endsWith("out.markdown"));
	const old = problems.find((problem) => problem.path.endsWith("old.markdown"));
	assert.is(out?.line, 5);
	assert.ok(old?.line === 5 || old?.line === 6, JSON.stringify(old));
	assert.match(problems.find((problem) => problem.path.endsWith("out.markdown"))?.field ?? "", /^(permalink|url)$/);
	assert.match(problems.find((problem) => problem.path.endsWith("old.markdown"))?.field ?? "", /^(aliases|redirect_from)/);
});

test("a site-wide permalink pattern without the day makes a news archive's recurring slugs collide: an error naming both", async () => {
	const problems = await problemsOf({
		"site.yaml": "permalink: /news/:year/:month/:slug/\n",
		"2025/01/2025-01-01-event-0022.md": '---\ntitle: "Event 0022"\ndate: 2025-01-01\ntopics: [x]\n---\nOne.\n',
		"2025/01/2025-01-15-event-0022.md": '---\ntitle: "Event 0022 again"\ndate: 2025-01-15\ntopics: [x]\n---\nTwo.\n',
		"2025/02/2025-02-03-other.md": '---\ntitle: "Other"\ndate: 2025-02-03\ntopics: [x]\n---\nThree.\n',
	});
	assert.equal(problems.map((problem) => problem.path).sort(), ["2025/01/2025-01-01-event-0022.md", "2025/01/2025-01-15-event-0022.md"]);
	for (const problem of problems) assert.match(problem.message, "/news/2025/01/event-0022/");
});

test("the site's permalink pattern sets every article's URL; a bad pattern is a problem of site.yaml", async () => {
	const dir = await writeArticles({
		"site.yaml": "permalink: /news/:year/:month/:day/:slug/\n",
		"2025/01/2025-01-15-event-0022.md": '---\ntitle: "Event 0022"\ndate: 2025-01-15\ntopics: [x]\n---\nOne.\n',
	});
	assert.equal(
		(await loadDigest(dir, { cache: false })).articles.map((article) => article.url),
		["/news/2025/01/15/event-0022/"],
	);
	const problems = await problemsOf({
		"site.yaml": "permalink: /news/../:slug/\n",
		"2025/01/2025-01-15-event-0022.md": '---\ntitle: "Event 0022"\ndate: 2025-01-15\ntopics: [x]\n---\nOne.\n',
	});
	assert.equal(
		problems.map((problem) => [problem.path, problem.field]),
		[["site.yaml", "permalink"]],
	);
});

test("articles without topics are an error with --strict, in a migrated site too", async () => {
	const dir = await writeArticles({
		"_config.yml": "title: Notes\n",
		"_posts/2025-02-18-untagged.markdown": jekyllPost("date: 2025-02-18"),
	});
	assert.is((await loadDigest(dir, { cache: false })).articles.length, 1);
	let problems: ContentProblem[] = [];
	try {
		await loadDigest(dir, { cache: false, strict: true, displayPath: (absolute) => path.relative(dir, absolute) });
	} catch (error) {
		if (error instanceof ContentError) problems = error.problems;
		else throw error;
	}
	assert.equal(
		problems.map((problem) => [problem.path, problem.field]),
		[["_posts/2025-02-18-untagged.markdown", "topics"]],
	);
});

test.run();
