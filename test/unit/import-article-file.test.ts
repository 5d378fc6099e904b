import { test } from "uvu";
import * as assert from "uvu/assert";
import { findDuplicate, planArticle } from "../../src/authoring/article-file.ts";
import { articleText, writeArticles } from "../support/fixtures.ts";

test("any title survives the trip through YAML: colons, quotes, a leading dash, ---, #, and YAML keywords", async () => {
	const articles = await writeArticles({});
	for (const title of [
		"Talks: \"round two\" — 'maybe'",
		"- a list?",
		"---",
		"# not a comment",
		"yes",
		"null",
		"2025-02-18",
		"[x] {y} &z *w !v %u @t `s`",
	]) {
		const planned = await planArticle(articles, { title, date: "2025-02-18", topics: ["diplomacy"], body: "Body." });
		assert.is(planned.article.title, title, title);
		assert.ok(planned.file.startsWith(`${articles}/2025/02/`), planned.file);
	}
});

test("the article's folder follows its date in the site's zone, not the machine's", async () => {
	const articles = await writeArticles({ "site.yaml": "zone: Pacific/Auckland\n" });
	const planned = await planArticle(articles, { title: "Late", date: "2025-01-31T20:00:00Z", topics: ["x"], body: "Body." });
	assert.match(planned.file, /\/2025\/02\/late\.md$/);
});

test("a duplicate is found by source URL or by title and day, and a broken file does not stop the search", async () => {
	const articles = await writeArticles({
		"2025/02/broken.md": "---\ntitle: [unclosed\n---\n",
		"2025/02/first.md": articleText({
			title: "Talks Open",
			date: "2025-02-18",
			extra: 'source: { name: X, url: "https://www.example.com/a/?utm_source=rss" }',
		}),
		"2025-02-19-jekyll.md": "---\ntitle: Dated By Name\ntopics: [x]\n---\nBody.\n",
	});
	const byUrl = await findDuplicate(articles, {
		title: "Other",
		date: "2025-03-01",
		source: { name: "X", url: "http://example.com/a#top" },
	});
	assert.is(byUrl?.reason, "source url");
	assert.match(byUrl?.file ?? "", /first\.md$/);
	const byTitle = await findDuplicate(articles, { title: "talks open!", date: "2025-02-18 10:00" });
	assert.is(byTitle?.reason, "title and date");
	assert.match((await findDuplicate(articles, { title: "Dated by name", date: "2025-02-19" }))?.file ?? "", /2025-02-19-jekyll\.md$/);
	assert.is(await findDuplicate(articles, { title: "Talks Open", date: "2025-02-19" }), undefined);
});

test.run();
