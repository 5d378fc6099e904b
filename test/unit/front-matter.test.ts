/**
 * Front matter as each engine writes it (YAML, TOML, JSON; Jekyll's, Hugo's, Zola's and exporters' field
 * names), URLs from the site's pattern and an article's own permalink, old URLs, and scheduling: each read
 * through the real loader from files on disk.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { type Article, type LoadOptions, loadDigest } from "../../src/content/load.ts";
import { ContentError, formatProblem } from "../../src/content/problems.ts";
import { writeArticles } from "../support/fixtures.ts";

async function load(files: Record<string, string>, options: LoadOptions = {}) {
	const dir = await writeArticles(files);
	return loadDigest(dir, { displayPath: (p) => p.slice(dir.length + 1), ...options });
}

async function problemsOf(files: Record<string, string>, options: LoadOptions = {}): Promise<string[]> {
	try {
		await load(files, options);
	} catch (error) {
		if (!(error instanceof ContentError)) throw error;
		return error.problems.map(formatProblem);
	}
	assert.unreachable("the folder should not load");
	return [];
}

const byFile = (articles: readonly Article[], file: string): Article => {
	const found = articles.find((article) => article.file === file);
	if (!found) throw new Error(`${file} did not load`);
	return found;
};

test("TOML front matter (+++): Hugo's fields, Zola's taxonomies, TOML dates in the site's zone", async () => {
	const { articles } = await load({
		"site.yaml": "zone: Europe/Kyiv\n",
		"posts/summit.md":
			'+++\ntitle = "Summit"\ndate = 2025-02-18T10:30:00+03:00\nlastmod = 2025-02-19\ndescription = "Short."\naliases = ["/old/summit/"]\ncategories = ["Diplomacy"]\n[taxonomies]\ntags = ["Ukraine war", "grain"]\nauthors = ["Ann One"]\n[extra]\nimage = "ignored.png"\n+++\nBody.\n',
		"posts/local.md": '+++\ntitle = "Local"\ndate = 2025-03-01\nimages = ["lead.jpg"]\n+++\nBody.\n',
	});
	const summit = byFile(articles, "posts/summit.md");
	assert.is(summit.date, "2025-02-18T09:30:00.000+02:00");
	assert.is(summit.updated, "2025-02-19T00:00:00.000+02:00");
	assert.is(summit.summary, "Short.");
	assert.equal(summit.topics, ["diplomacy", "ukraine-war", "grain"]);
	assert.equal(summit.authors, ["Ann One"]);
	assert.equal(summit.aliases, ["/old/summit/"]);
	assert.is(summit.image, undefined, "[extra] is unknown, so ignored");
	const local = byFile(articles, "posts/local.md");
	assert.is(local.date, "2025-03-01T00:00:00.000+02:00");
	assert.is(local.image, "lead.jpg");
	assert.is(local.url, "/articles/2025/03/01/local/");
});

test("problems in TOML and JSON front matter name the file's own line", async () => {
	const problems = await problemsOf({
		"a.md": '+++\ntitle = "A"\n\ndate = "2025-13-45"\n+++\n',
		"b.md": '+++\ntitle = "B"\ndate = 2025-02-18\nbroken = = 1\n+++\n',
		"c.md": '{\n  "title": "C",\n  "date": "2025-02-18",\n  "tags": 7\n}\nBody.\n',
		"d.md": '{\n  "title": "D",\n  "date": "2025-02-18",\n}\n',
		"e.md": '+++\ntitle = "E"\ndate = 2025-02-18\n[taxonomies]\ntags = 7\n+++\n',
	});
	assert.equal(problems.length, 5, problems.join("\n"));
	assert.match(problems[0] ?? "", /^a\.md:4: date: "2025-13-45" is not a real date/);
	assert.match(problems[1] ?? "", /^b\.md:4: front matter: /);
	assert.match(problems[2] ?? "", /^c\.md:4: tags: must be a list of topics/);
	assert.match(problems[3] ?? "", /^d\.md:4: front matter: /);
	assert.match(problems[4] ?? "", /^e\.md:5: taxonomies\.tags: must be a list of topics/);
});

test("JSON front matter, as Hugo allows: fields, a brace inside a string, and the body after the object", async () => {
	const { articles } = await load({
		"2025-02-18-json.md": '{\n  "title": "JSON {with braces}",\n  "tags": ["a"],\n  "url": "/json-post/"\n}\nThe body.\n',
	});
	const [article] = articles;
	assert.is(article?.title, "JSON {with braces}");
	assert.is(article?.day, "2025-02-18");
	assert.is(article?.url, "/json-post/");
	assert.is(article?.html, "<p>The body.</p>\n");
	assert.is(article?.lines.body, 6);
});

test("Jekyll's fields: space-separated categories, a singular category, tags, author objects, published: false, redirect_from", async () => {
	const { articles } = await load(
		{
			"_posts/2013-05-06-talks.markdown":
				"---\nlayout: post\ntitle: Talks\ndate: 2013-05-06 02:12:52 +0200\ncategories: diplomacy russia\ntags: Ukraine\nauthor:\n  name: Jane Doe\n  email: jane@example.com\nredirect_from: /2013/05/talks.html\nlast_modified_at: 2013-05-07\ncomments: true\n---\nBody.\n",
			"_posts/2013-05-07-one.md": "---\ntitle: One\ncategory: Law and crime\n---\nBody.\n",
			"_posts/2013-05-08-hidden.md": "---\ntitle: Hidden\npublished: false\ntags: [x]\n---\nBody.\n",
			"_posts/2013-05-09-commas.md": "---\ntitle: Commas\ntags: Law and crime, Europe\n---\nBody.\n",
		},
		{ drafts: false },
	);
	assert.equal(
		articles.map((article) => article.file),
		["_posts/2013-05-09-commas.md", "_posts/2013-05-07-one.md", "_posts/2013-05-06-talks.markdown"],
		"published: false is a draft, left out of a build",
	);
	const talks = byFile(articles, "_posts/2013-05-06-talks.markdown");
	assert.is(talks.date, "2013-05-06T00:12:52.000Z");
	assert.equal(talks.topics, ["diplomacy", "russia", "ukraine"]);
	assert.equal(talks.authors, ["Jane Doe"]);
	assert.equal(talks.aliases, ["/2013/05/talks.html"]);
	assert.is(talks.updated, "2013-05-07T00:00:00.000Z");
	assert.equal(byFile(articles, "_posts/2013-05-07-one.md").topics, ["law-and-crime"], "a singular category is one name");
	assert.equal(byFile(articles, "_posts/2013-05-09-commas.md").topics, ["law-and-crime", "europe"], "commas still separate");
});

test("Hugo's keys are read whatever their case; unknown fields are ignored", async () => {
	const { articles } = await load(
		{
			"a.md":
				"---\nTitle: Cased\nDate: 2025-02-18\nPublishDate: 2025-02-18\nExpiryDate: 2030-01-01\nTags: [x]\nweight: 3\nmenu: { main: {} }\n---\n",
		},
		{ now: "2025-06-01T00:00:00Z" },
	);
	assert.equal(
		articles.map((article) => [article.title, article.expiryDate]),
		[["Cased", "2030-01-01T00:00:00.000Z"]],
	);
});

test("the lead image comes from image, images[0], cover, cover.image, featured_image or coverImage", async () => {
	const { articles } = await load({
		"2025-02-01-a.md": "---\ntitle: A\nimage: a.png\n---\n",
		"2025-02-02-b.md": "---\ntitle: B\nimages: [b.png, other.png]\n---\n",
		"2025-02-03-c.md": "---\ntitle: C\ncover:\n  image: c.png\n  alt: C\n---\n",
		"2025-02-04-d.md": "---\ntitle: D\nfeatured_image: d.png\n---\n",
		"2025-02-05-e.md": '---\ntitle: E\ncoverImage: "e.png"\n---\n',
		"2025-02-06-f.md": "---\ntitle: F\ncover: f.png\n---\n",
	});
	assert.equal(articles.map((article) => article.image).sort(), ["a.png", "b.png", "c.png", "d.png", "e.png", "f.png"]);
	assert.is(byFile(articles, "2025-02-03-c.md").lines.image, 3);
});

test("URLs carry the day by default, follow site.yaml's permalink pattern (a .html one with redirects), and an article's own permalink wins", async () => {
	const recurring = {
		"2025/01/2025-01-01-event-0022.md": "---\ntitle: Event 22\n---\n",
		"2025/01/2025-01-15-event-0022.md": "---\ntitle: Event 22 again\n---\n",
	};
	assert.equal(
		(await load(recurring)).articles.map((article) => article.url),
		["/articles/2025/01/15/event-0022/", "/articles/2025/01/01/event-0022/"],
	);
	const patterned = await load({ ...recurring, "site.yaml": "permalink: /:year/:month/:day/:title.html\n" });
	assert.equal(
		patterned.articles.map((article) => [article.url, article.aliases]),
		[
			["/2025/01/15/event-0022/", ["/2025/01/15/event-0022.html"]],
			["/2025/01/01/event-0022/", ["/2025/01/01/event-0022.html"]],
		],
		"a pattern ending in .html: folder pages, each with a redirect at its .html address",
	);
	const custom = await load({
		...recurring,
		"site.yaml": "permalink: /news/:year/:slug-:month:day/\n",
		"own/page.md": "---\ntitle: Own\ndate: 2025-02-18\npermalink: /2013/05/06/old-style.html\n---\n",
		"zola/post.md": '+++\ntitle = "Zola"\ndate = 2025-02-19\npath = "blog/zola-post"\n+++\n',
		"bundle/riyadh-visit/index.md": "---\ntitle: Bundle\ndate: 2025-02-20\n---\n",
	});
	assert.equal(custom.articles.map((article) => article.url).sort(), [
		"/2013/05/06/old-style/",
		"/blog/zola-post/",
		"/news/2025/event-0022-0101/",
		"/news/2025/event-0022-0115/",
		"/news/2025/riyadh-visit-0220/",
	]);
	assert.equal(byFile(custom.articles, "own/page.md").aliases, ["/2013/05/06/old-style.html"], "the written .html form redirects");
});

test("a shared URL, an old URL shared by two articles or taken by a live page, and a site page are each refused, naming both files", async () => {
	const problems = await problemsOf({
		"a/2025-02-18-summit.md": "---\ntitle: A\naliases: [/old/]\n---\n",
		"b/2025-02-18-summit.md": "---\ntitle: B\naliases:\n  - /old/\n---\n",
		"c/2025-02-19-live.md": "---\ntitle: C\nredirect_from: [/articles/2025/02/18/summit/]\n---\n",
		"d/2025-02-20-topics.md": "---\ntitle: D\npermalink: /topics/\n---\n",
	});
	assert.equal(problems.sort(), [
		"a/2025-02-18-summit.md:1: url: /articles/2025/02/18/summit/ is also the URL of b/2025-02-18-summit.md; give one of them its own slug or permalink",
		"a/2025-02-18-summit.md:3: aliases: /old/ is also an old URL of b/2025-02-18-summit.md; keep it on one article only",
		"b/2025-02-18-summit.md:1: url: /articles/2025/02/18/summit/ is also the URL of a/2025-02-18-summit.md; give one of them its own slug or permalink",
		"b/2025-02-18-summit.md:3: aliases: /old/ is also an old URL of a/2025-02-18-summit.md; keep it on one article only",
		"c/2025-02-19-live.md:3: aliases: /articles/2025/02/18/summit/ is the page of a/2025-02-18-summit.md, so it cannot redirect; remove it from the aliases",
		"d/2025-02-20-topics.md:3: permalink: /topics/ is one of the site's own pages (under /topics/); choose another path",
	]);
});

test("scheduled articles wait for their moment in the site's zone, expired ones go, and --future shows what waits", async () => {
	const files = {
		"site.yaml": "zone: Asia/Tokyo\n",
		"2025-02-18-now.md": "---\ntitle: Now\ntags: [x]\n---\n",
		"scheduled.md": "---\ntitle: Scheduled\ndate: 2025-02-18\npublishDate: 2025-03-01 09:00\ntags: [x]\n---\n",
		"future.md": "---\ntitle: Future date\ndate: 2025-03-01\ntags: [x]\n---\n",
		"expired.md": "---\ntitle: Expired\ndate: 2025-02-01\nexpiryDate: 2025-02-28\ntags: [x]\n---\n",
	};
	const titles = async (now: string, options: LoadOptions = {}) =>
		(await load(files, { now, ...options })).articles.map((article) => article.title).sort();
	// 2025-02-27 23:59 in Tokyo: nothing scheduled is due, nothing expired yet.
	assert.equal(await titles("2025-02-27T14:59:00Z"), ["Expired", "Now"]);
	// Midnight 28 Feb in Tokyo: the expiry moment has come.
	assert.equal(await titles("2025-02-27T15:00:00Z"), ["Now"]);
	// 1 March 00:00 Tokyo: the future date is due; the publishDate (09:00 Tokyo) is not.
	assert.equal(await titles("2025-02-28T15:00:00Z"), ["Future date", "Now"]);
	assert.equal(await titles("2025-03-01T00:00:00Z"), ["Future date", "Now", "Scheduled"]);
	assert.equal(await titles("2025-02-20T00:00:00Z", { future: true }), ["Expired", "Future date", "Now", "Scheduled"]);
	const original = process.env.TOPIC_DIGEST_NOW;
	try {
		process.env.TOPIC_DIGEST_NOW = "2025-03-01T00:00:00Z";
		assert.equal(
			(await load(files)).articles.map((article) => article.title).sort(),
			["Future date", "Now", "Scheduled"],
			"the environment variable sets now",
		);
	} finally {
		if (original === undefined) delete process.env.TOPIC_DIGEST_NOW;
		else process.env.TOPIC_DIGEST_NOW = original;
	}
});

test(".markdown files are articles; in a Jekyll site only _posts and _drafts are, and _index.md never is", async () => {
	const { articles, warnings } = await load(
		{
			"_config.yml": "title: Blog\n",
			"index.md": "---\nlayout: home\n---\n",
			"about.md": "---\ntitle: About\npermalink: /about/\n---\n",
			"_includes/note.md": "Not front matter at all.\n",
			"_posts/2025-02-18-a.markdown": "---\ntitle: A\ntags: [x]\n---\n",
			"_drafts/b.md": "---\ntitle: B\ndate: 2025-02-19\ntags: [x]\n---\n",
			"_posts/_index.md": "+++\ntitle = 'List'\n+++\n",
		},
		{ drafts: true },
	);
	assert.equal(
		articles.map((article) => [article.file, article.draft]),
		[
			["_drafts/b.md", true],
			["_posts/2025-02-18-a.markdown", false],
		],
	);
	assert.equal(
		warnings.filter((warning) => warning.kind === "not-article").map((warning) => warning.path),
		["about.md", "index.md"],
	);
});

test("a draft without a date (an exporter's empty date, Jekyll's _drafts/) is left out with a warning; a dated draft stays a draft", async () => {
	const { articles, warnings } = await load(
		{
			"posts/undated/index.md": '---\ntitle: "Undated"\ndate: ""\ndraft: true\ntags:\n---\n',
			"posts/2025-02-18-dated/index.md": '---\ntitle: "Dated"\ndate: ""\ndraft: true\ntags: [x]\n---\n',
		},
		{ drafts: true },
	);
	assert.equal(
		articles.map((article) => [article.title, article.day, article.draft]),
		[["Dated", "2025-02-18", true]],
	);
	assert.equal(
		warnings.filter((warning) => warning.kind === "undated-draft").map((warning) => warning.path),
		["posts/undated/index.md"],
	);
	assert.equal(await problemsOf({ "plain.md": '---\ntitle: "Not a draft"\ndate: ""\n---\n' }), [
		"plain.md:3: date: is required (YYYY-MM-DD), or name the file YYYY-MM-DD-slug.md",
	]);
});

test("a key given twice is read as the engines read it: the last value wins, and one warning names the repeat's line", async () => {
	const { articles, warnings } = await load({
		"2025/02/twice.md": '---\ntitle: "First"\ndate: 2025-02-18\ntitle: "Second"\ntopics: [x]\n---\nBody.\n',
	});
	assert.equal(
		articles.map((article) => article.title),
		["Second"],
	);
	const repeated = warnings.filter((warning) => warning.kind === "repeated-key");
	assert.equal(
		repeated.map((warning) => [warning.path, warning.line]),
		[["2025/02/twice.md", 4]],
	);
	assert.match(repeated[0]?.message ?? "", '"title"');
});

test("a double-quoted value continued on an unindented line is one value, as Jekyll's YAML reads it; line numbers stay the file's", async () => {
	const { articles } = await load({
		"2025/02/long.md":
			"---\ntitle: \"Talks in Riyadh\nresume on Monday\"\ndate: 2025-02-18\nsummary: 'One\nline'\ntopics: [x]\n---\nBody.\n",
	});
	assert.equal(
		articles.map((article) => [article.title, article.summary]),
		[["Talks in Riyadh resume on Monday", "One line"]],
	);
	assert.equal(await problemsOf({ "2025/02/bad.md": '---\ntitle: "Talks\nresume"\ndate: 2025-02-30\n---\nBody.\n' }), [
		'2025/02/bad.md:4: date: "2025-02-30" is not a real date (you specified 30 (of type number) as a day, which is invalid)',
	]);
});

test("blank lines or a BOM before the opening --- are read past, and problems keep the file's own line numbers", async () => {
	const { articles } = await load({
		"2025/02/blank.md": '\n\n---\ntitle: "After blank lines"\ndate: 2025-02-18\n---\nBody.\n',
		"2025/02/bom.md": '\n\uFEFF+++\ntitle = "After a BOM"\ndate = 2025-02-19\n+++\nBody.\n',
	});
	assert.equal(articles.map((article) => article.title).sort(), ["After a BOM", "After blank lines"]);
	assert.equal(await problemsOf({ "2025/02/late.md": '\n\n---\ntitle: "Late"\ndate: 2025-02-31\n---\nBody.\n' }), [
		'2025/02/late.md:5: date: "2025-02-31" is not a real date (you specified 31 (of type number) as a day, which is invalid)',
	]);
});

test("empty and one-byte files, headless bundles and template-only pages are skipped and counted, not refused", async () => {
	const { articles, warnings, tally } = await load({
		"2025/02/real.md": '---\ntitle: "Real"\ndate: 2025-02-18\ntopics: [x]\n---\nBody.\n',
		"2025/02/empty.md": "",
		"2025/02/one-byte.md": "\n",
		"2025/02/headless/index.md": "---\nheadless: true\n---\n",
		"2025/02/headless/part.md": "A resource of the headless bundle.\n",
		"2025/02/unbuilt.md": "+++\ntitle = 'Not rendered'\n[_build]\nrender = 'never'\n+++\n",
		"2025/02/latest.md": '+++\ntemplate = "latest.html"\n+++\n',
	});
	assert.equal(
		articles.map((article) => article.title),
		["Real"],
	);
	assert.equal(
		warnings.filter((warning) => warning.kind === "empty-file").map((warning) => warning.path),
		["2025/02/empty.md", "2025/02/one-byte.md"],
	);
	assert.equal(tally, { files: 7, published: 1, skipped: { empty: 2, headless: 2, resource: 1, "template-only": 1 }, refused: 0 });
});

test("a bundle's translations are not its resources, a translated _index is a section, and in Hugo a file without front matter is a page", async () => {
	const { articles, tally, warnings } = await load({
		"hugo.toml": "title = 'Desk'\n",
		"content/posts/_index.md": "+++\ntitle = 'Posts'\n+++\n",
		"content/posts/_index.es.md": "+++\ntitle = 'Artículos'\n+++\n",
		"content/posts/talks/index.md": "+++\ntitle = 'Talks'\ndate = 2025-02-18\n+++\nBody.\n",
		"content/posts/talks/index.es.md": "+++\ntitle = 'Conversaciones'\ndate = 2025-02-18\nurl = '/es/talks/'\n+++\nCuerpo.\n",
		"content/posts/talks/notes.md": "Notes kept beside the post.\n",
		"content/posts/bare.md": "Just text, as Hugo allows.\n",
	});
	assert.equal(articles.map((article) => article.title).sort(), ["Conversaciones", "Talks"]);
	assert.equal(tally, { files: 6, published: 2, skipped: { page: 1, section: 2, resource: 1 }, refused: 0 });
	assert.match(warnings.find((warning) => warning.path === "content/posts/bare.md")?.message ?? "", "no front matter");
	assert.equal(await problemsOf({ "2025/02/bare.md": "Just text.\n" }), [
		"2025/02/bare.md:1: front matter: the file must start with a --- line opening the YAML front matter (or +++ for TOML, { for JSON)",
	]);
});

test.run();
