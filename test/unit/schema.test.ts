import { test } from "uvu";
import * as assert from "uvu/assert";
import { loadDigest } from "../../src/content/load.ts";
import { ContentError, formatProblem } from "../../src/content/problems.ts";
import { articleText, writeArticles } from "../support/fixtures.ts";

/** Loads one file and returns its problems as `file:line: field: message` with the folder removed. */
async function problemsOf(files: Record<string, string>): Promise<string[]> {
	const dir = await writeArticles(files);
	try {
		await loadDigest(dir, { displayPath: (p) => p.slice(dir.length + 1) });
		return [];
	} catch (error) {
		if (!(error instanceof ContentError)) throw error;
		return error.problems.map(formatProblem);
	}
}

async function onlyArticle(text: string, name = "2025/02/a.md") {
	const dir = await writeArticles({ [name]: text });
	const digest = await loadDigest(dir);
	assert.is(digest.articles.length, 1);
	return digest.articles[0]!;
}

test("a complete article has every field typed and its URL from date and file name", async () => {
	const article = await onlyArticle(
		articleText({
			title: "Talks in Riyadh",
			topics: ["us-russia-relations", "Peace talks"],
			extra:
				'source: { name: WN, url: "https://example.com/story" }\nauthors: [Ann One, Bob Two]\nsummary: "Short."\npeople: [Marco Rubio]\nplaces: [Riyadh]\nupdated: 2025-02-19',
		}),
		"2025/02/riyadh-talks.md",
	);
	assert.is(article.title, "Talks in Riyadh");
	assert.is(article.url, "/articles/2025/02/18/riyadh-talks/");
	assert.is(article.day, "2025-02-18");
	assert.equal(article.topics, ["us-russia-relations", "peace-talks"]);
	assert.equal(article.source, { name: "WN", url: "https://example.com/story" });
	assert.equal(article.authors, ["Ann One", "Bob Two"]);
	assert.is(article.summary, "Short.");
	// People and places are slugs, as topics are; the digest names them (test/unit/people-places.test.ts).
	assert.equal(article.people, ["marco-rubio"]);
	assert.equal(article.places, ["riyadh"]);
	assert.is(article.updated, "2025-02-19T00:00:00.000Z");
	assert.is(article.draft, false);
});

test("`story` is a story id or false, and anything else is reported at its line", async () => {
	assert.is((await onlyArticle(articleText({ extra: "story: riyadh-talks" }))).story, "riyadh-talks");
	assert.is((await onlyArticle(articleText({ extra: "story: false" }))).story, false);
	assert.is((await onlyArticle(articleText({}))).story, undefined);
	assert.equal(await problemsOf({ "2025/02/a.md": articleText({ extra: "story: [a, b]" }) }), [
		"2025/02/a.md:5: story: story must be a story id (text) or false",
	]);
});

test("a plain string source names the outlet", async () => {
	const article = await onlyArticle(articleText({ extra: "source: Reuters" }));
	assert.equal(article.source, { name: "Reuters" });
});

test("without a summary, the first paragraph's text is used", async () => {
	const article = await onlyArticle(articleText({ body: "The *first* paragraph, with `code`.\n\nThe second." }));
	assert.is(article.summary, "The first paragraph, with code.");
});

test("aliases from other generators: tags, categories, author, by, description, excerpt", async () => {
	const jekyll = await onlyArticle(
		'---\ntitle: Migrated\ndate: 2025-02-18\ntags: "Diplomacy, Europe"\ncategories: [NATO]\nauthor: Jane Doe\ndescription: From Jekyll.\n---\nBody\n',
	);
	assert.equal(jekyll.topics, ["diplomacy", "europe", "nato"]);
	assert.equal(jekyll.authors, ["Jane Doe"]);
	assert.is(jekyll.summary, "From Jekyll.");
	const other = await onlyArticle("---\ntitle: Migrated\ndate: 2025-02-18\ntags: [Europe]\nby: [A, B]\nexcerpt: An excerpt.\n---\nBody\n");
	assert.equal(other.authors, ["A", "B"]);
	assert.is(other.summary, "An excerpt.");
});

test("the date can come from a Jekyll file name", async () => {
	const article = await onlyArticle("---\ntitle: Dated by name\ntopics: [europe]\n---\nBody\n", "2025/03/2025-03-02-london-summit.md");
	assert.is(article.day, "2025-03-02");
	assert.is(article.url, "/articles/2025/03/02/london-summit/");
});

test("a custom slug replaces the file name, slugified", async () => {
	const article = await onlyArticle(articleText({ extra: "slug: ../../Custom Slug" }));
	assert.is(article.url, "/articles/2025/02/18/custom-slug/");
});

test("drafts are left out unless asked for", async () => {
	const dir = await writeArticles({ "2025/02/a.md": articleText({ extra: "draft: true" }), "2025/02/b.md": articleText({ title: "B" }) });
	assert.is((await loadDigest(dir)).articles.length, 1);
	assert.is((await loadDigest(dir, { drafts: true })).articles.length, 2);
});

test("each invalid field is reported with its file, line and field", async () => {
	const problems = await problemsOf({
		"2025/02/a.md":
			'---\ntitle: ""\ndate: 2025-13-45\ntopics: []\nsource: { url: "javascript:alert(1)" }\nauthors: 42\ndraft: maybe\n---\nBody\n',
	});
	assert.equal(problems, [
		"2025/02/a.md:2: title: must not be empty",
		"2025/02/a.md:5: source.name: name is required",
		"2025/02/a.md:5: source.url: url must be an http(s) URL",
		"2025/02/a.md:6: authors: must be a list of authors or a comma-separated string",
		"2025/02/a.md:7: draft: draft must be true or false",
	]);
});

test("a bad date names its line, and an alias is reported under the key the author wrote", async () => {
	const problems = await problemsOf({
		"2025/02/a.md": "---\ntitle: Fine\ndate: 2025-13-45\ntopics: [europe]\n---\n",
		"2025/02/b.md": "---\ntitle: Fine\ndate: 2025-02-18\ntags: 7\n---\n",
	});
	assert.is(problems.length, 2);
	assert.match(problems[0]!, /^2025\/02\/a\.md:3: date: "2025-13-45" is not a real date/);
	assert.match(problems[1]!, /^2025\/02\/b\.md:4: tags: must be a list of topics/);
});

test("missing required fields point at the opening line", async () => {
	assert.equal(await problemsOf({ "2025/02/a.md": "---\nsummary: nothing else\n---\n" }), [
		"2025/02/a.md:1: title: is required",
		"2025/02/a.md:1: date: is required (YYYY-MM-DD), or name the file YYYY-MM-DD-slug.md",
	]);
});

test("malformed YAML is reported with the parser's line", async () => {
	const [problem] = await problemsOf({ "2025/02/a.md": "---\ntitle: ok\ndate: 2025-02-18\ntopics: [a\nsummary: x: y\n---\n" });
	assert.match(problem!, /^2025\/02\/a\.md:[4-6]: front matter: /);
});

test("every problem in every file is reported at once", async () => {
	const problems = await problemsOf({
		"2025/02/a.md": articleText({ date: "2025-02-31" }),
		"2025/02/b.md": "no front matter at all\n",
		"2025/02/c.md": articleText({ title: "" }),
		"2025/02/ok.md": articleText({}),
	});
	assert.equal(
		problems.map((p) => p.split(":")[0]),
		["2025/02/a.md", "2025/02/b.md", "2025/02/c.md"],
	);
});

test("a BOM and CRLF line endings are fine", async () => {
	const article = await onlyArticle(`\uFEFF${articleText({ title: "Windows" }).replace(/\n/g, "\r\n")}`);
	assert.is(article.title, "Windows");
});

test.run();
