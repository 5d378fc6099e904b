import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { escapeMarkdown, findDate, isChromeLine, looksLikeBody, parseRawText } from "../../src/authoring/raw-text.ts";
import { createMarkdown } from "../../src/content/markdown.ts";
import { projectRoot } from "../../src/paths.ts";

const fixture = (name: string) => readFileSync(path.join(projectRoot, "test", "fixtures", name), "utf8");
const paragraphs = (body: string) => body.split("\n\n");

test("the seed's first line is the title and its body ends with the contributors' line", () => {
	const article = parseRawText(fixture("seed-wn-riyadh-talks.txt"));
	assert.is(article.title, "U.S.-Russia Talks in Saudi Arabia Set to Go Beyond Ukraine");
	const body = paragraphs(article.body);
	assert.is(body.at(-1), "Andrew E. Kramer and Maria Varenikova contributed reporting from Kyiv, Ukraine.");
	assert.ok(body[0]?.startsWith("The United States and Russia moved toward a head-spinning reset"));
	for (const chrome of ["About WN", "Check Also", "Mitch McConnell", "adsense"]) assert.not.match(article.body, chrome);
});

test("every paragraph of the seed's story is kept whole and in order, from the one after the headline to the contributors' line", () => {
	const source = fixture("seed-wn-riyadh-talks.txt")
		.split(/\n\s*\n/)
		.map((p) => p.trim());
	const body = paragraphs(parseRawText(fixture("seed-wn-riyadh-talks.txt")).body);
	const end = source.findIndex((p) => p.includes("contributed reporting"));
	assert.ok(end > 30);
	assert.equal(body, source.slice(1, end + 1));
});

test("another site's page loses its cookie notice, share prompts, ads, related and popular blocks and copyright line", () => {
	const article = parseRawText(fixture("import/other-site-raw.txt"));
	assert.is(article.title, "Ceasefire Monitors Arrive in Black Sea Port");
	assert.equal(article.authors, ["Jane Roe", "Omar Haddad"]);
	assert.is(article.date, "2025-03-26");
	assert.equal(paragraphs(article.body), [
		"Monitors from three countries arrived in Odesa on Wednesday to watch over a partial ceasefire at sea, officials said, after days of talks about shipping lanes.",
		"The monitors will report to a joint commission, which is expected to meet weekly in Istanbul, according to a statement from the port authority.",
		"The first report is due next week, the statement said, and will be published in full.",
		"Additional reporting by Omar Haddad in Istanbul.",
	]);
});

test("chrome lines are recognised by pattern, not by one site's wording", () => {
	for (const line of [
		"Advertisment ad adsense adlogger72",
		"Advertisement",
		"Sponsored",
		"Share this",
		"Share on Facebook",
		"Read more",
		"Continue reading…",
		"Sign up for our daily newsletter",
		"This website uses cookies to ensure you get the best experience.",
		"© 2024 Some Outlet",
		"Skip to content",
	]) {
		assert.ok(isChromeLine(line), line);
	}
	for (const line of ["Ad hoc talks were held in Riyadh on Tuesday, officials said.", "Read the statement below.", "Share prices rose."]) {
		assert.not.ok(isChromeLine(line), line);
	}
});

test("a story's own short lines survive: a heading inside the body is kept when real paragraphs follow it", () => {
	const text =
		"Headline\n\nThe first paragraph of the story is long enough to count as a real paragraph.\n\nWhat comes next\n\nThe second paragraph of the story is also long enough to count as one.\n";
	assert.equal(paragraphs(parseRawText(text).body), [
		"The first paragraph of the story is long enough to count as a real paragraph.",
		"What comes next",
		"The second paragraph of the story is also long enough to count as one.",
	]);
});

test("a teaser block after the story is removed: a short headline and a truncated lede", () => {
	const text =
		"Headline\n\nThe story's only paragraph is long enough to count as a real paragraph.\n\nCheck Also\n\nSomething else happened elsewhere\n\nA lede about something else happened somewhere else following …\n";
	assert.is(parseRawText(text).body, "The story's only paragraph is long enough to count as a real paragraph.");
});

test("text that Markdown would read as markup is shown as written", () => {
	const article = parseRawText(fixture("import/markdown-looking-raw.txt"));
	assert.is(article.title, "Prices *Jump* in 2025");
	const html = createMarkdown().render(article.body);
	assert.not.match(html, /<(h1|ol|ul|li|em)>/);
	assert.match(html, "# of ships rose by a third");
	assert.match(html, "1. This line starts like a numbered list item");
	assert.match(html, "- A line that starts with a dash");
	assert.not.match(article.body, "Follow us");
	assert.is(escapeMarkdown("a *b* <c>"), "a \\*b\\* \\<c\\>");
});

test("datelines in the usual forms give a YYYY-MM-DD date", () => {
	assert.is(findDate("Published February 18, 2025"), "2025-02-18");
	assert.is(findDate("18 Feb 2025, 10:04"), "2025-02-18");
	assert.is(findDate("Updated: 2025-03-01T10:00:00Z"), "2025-03-01");
	assert.is(findDate("Sept. 3rd, 2024"), "2024-09-03");
	assert.is(findDate("Tuesday"), undefined);
});

test("a body paragraph is a sentence of some length; truncated ledes and labels are not", () => {
	assert.ok(looksLikeBody("The meeting took place at a palace in Riyadh, the capital of Saudi Arabia."));
	assert.not.ok(looksLikeBody("US Senator Mitch McConnell has announced that he will not seek re-election in 2026 following …"));
	assert.not.ok(looksLikeBody("Mitch McConnell announes he will not run for re-election"));
});

test.run();
