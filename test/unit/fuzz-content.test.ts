/**
 * Property tests: random front matter and Markdown fed to the loader and the renderer. The loader either
 * loads or reports ContentError problems shaped `path:line: field: what` — never another exception, never
 * a hang — and rendered Markdown never carries script, whatever it was made of. Runs are bounded so the
 * file takes seconds; a failure prints the seed and the shrunk input to replay it.
 */
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import fc from "fast-check";
import { parseHTML } from "linkedom";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { stringify } from "yaml";
import { buildSite } from "../../src/commands/build.ts";
import { renderBody } from "../../src/content/body.ts";
import { loadDigest } from "../../src/content/load.ts";
import { ContentError } from "../../src/content/problems.ts";
import { createMarkdown } from "../../src/content/markdown.ts";
import { tempDir } from "../support/fixtures.ts";
import { injections } from "../support/injections.ts";

/** Pieces that Markdown, HTML, YAML and URL parsers treat specially, mixed with arbitrary text. */
const markdownPiece = fc.oneof(
	{ weight: 3, arbitrary: fc.string({ maxLength: 12, unit: "grapheme" }) },
	{ weight: 1, arbitrary: fc.string({ maxLength: 6, unit: "binary" }) },
	{
		weight: 6,
		arbitrary: fc.constantFrom(
			"\n",
			"\n\n",
			" ",
			"\t",
			"# ",
			"> ",
			"- ",
			"1. ",
			"* ",
			"_",
			"**",
			"`",
			"```",
			"~~~",
			"---",
			"===",
			"| a | b |\n|---|:-:|\n",
			"[",
			"]",
			"(",
			")",
			"](",
			"![",
			"<",
			">",
			"&",
			"&#106;",
			"&#x6A;",
			"&colon;",
			"&#0;",
			"\\",
			'"',
			"'",
			"javascript:alert(1)",
			"JaVaScRiPt:alert(1)",
			"vbscript:msgbox(1)",
			"data:text/html,<script>alert(1)</script>",
			"data:image/png;base64,AAAA",
			"java\tscript:alert(1)",
			"https://example.com/",
			"www.example.com",
			"mailto:a@b.c",
			"<script>alert(1)</script>",
			"<img src=x onerror=alert(1)>",
			'<a href="javascript:alert(1)">x</a>',
			"<svg onload=alert(1)>",
			"<iframe src=javascript:alert(1)>",
			"<!--",
			"-->",
			"<![CDATA[",
			"<style>",
			"</p>",
			"[r]: javascript:alert(1)\n",
			"[r]",
			"<javascript:alert(1)>",
			"<https://example.com>",
			"{{ x }}",
			"{% raw %}",
			// MDX and Docusaurus, and raw HTML the sanitiser keeps in part.
			"import X from '../x'\n",
			"export const a = 1\n",
			"<Tabs>",
			"</Tabs>",
			'<TabItem value="a" label="A">',
			"</TabItem>",
			'<Highlight color="red" style={{ color: "red" }} onClick={() => alert(1)}>',
			"</Highlight>",
			"{/* truncate */}",
			"{1 + 1}",
			"{",
			":::note\n",
			":::tip[<img src=x onerror=alert(1)>]\n",
			":::\n",
			"<!--truncate-->",
			"<iframe src=https://example.com/embed onload=alert(1)>",
			'<audio controls src="javascript:alert(1)" onplay="alert(1)"><source src="data:audio/mp3,x"></audio>',
			"<video poster=javascript:alert(1)>",
			"<details open ontoggle=alert(1)><summary>s</summary>",
			"<img src=x.png width=10>",
			'<table><tr><td style="background:url(javascript:alert(1))">c</td></tr></table>',
		),
	},
);
const markdownText = fc.array(markdownPiece, { maxLength: 40 }).map((pieces) => pieces.join(""));

/** A value of the right shape for a field, or of a wrong one, or missing. */
const anyValue = fc.oneof(
	fc.string({ maxLength: 20 }),
	fc.integer(),
	fc.boolean(),
	fc.constant(null),
	fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }),
	fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
);
const dateText = fc.oneof(
	fc
		.date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2200-12-31T00:00:00Z"), noInvalidDate: true })
		.map((date) => date.toISOString().slice(0, 10)),
	fc
		.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
		.map(([y, m, d]) => `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`),
	fc.constantFrom("2025-02-18T10:00:00+03:00", "2025-02-18 10:00", "2025-13-45", "next Tuesday", "", "2025-02-30"),
);
/** Paths an article could bring as its own URL or an old one, meant to escape the output or take a site page. */
const hostilePath = fc.constantFrom(
	"../../escape/",
	"/etc/passwd",
	"..",
	"a/../../b",
	"%2e%2e/%2e%2e/x",
	"/x/y.html",
	"//evil.example/x",
	"javascript:alert(1)",
	"C:\\Windows\\x",
	"/topics/",
	"/.git/config",
	"/a\u0000b/",
	"",
);
const frontMatter = fc.record(
	{
		title: fc.oneof(markdownText, anyValue),
		date: fc.oneof(dateText, anyValue),
		topics: fc.oneof(fc.array(markdownText, { maxLength: 4 }), markdownText, anyValue),
		source: fc.oneof(
			markdownText,
			fc.record({ name: fc.oneof(markdownText, anyValue), url: fc.oneof(fc.webUrl(), markdownText, anyValue) }, { requiredKeys: [] }),
			anyValue,
		),
		authors: fc.oneof(fc.array(markdownText, { maxLength: 3 }), anyValue),
		people: fc.oneof(fc.array(markdownText, { maxLength: 3 }), anyValue),
		places: fc.oneof(fc.array(markdownText, { maxLength: 3 }), anyValue),
		summary: fc.oneof(markdownText, anyValue),
		updated: fc.oneof(dateText, anyValue),
		draft: fc.oneof(fc.boolean(), anyValue),
		slug: fc.oneof(fc.constantFrom("../../escape", "/etc/passwd", "..", "a/b", "%2e%2e", ""), markdownText, anyValue),
		tags: fc.oneof(fc.array(markdownText, { maxLength: 3 }), anyValue),
		description: markdownText,
		permalink: fc.oneof(hostilePath, markdownText, anyValue),
		aliases: fc.oneof(fc.array(fc.oneof(hostilePath, markdownText), { maxLength: 3 }), hostilePath, anyValue),
	},
	{ requiredKeys: [] },
);
/** Hostile but valid: every field of the right type, the text inside anything at all. */
const someText = fc.tuple(fc.constantFrom("A ", "Ж", "🕊️", "t", "<", "&"), markdownText).map(([start, rest]) => start + rest);
const validFrontMatter = fc.record(
	{
		title: someText,
		date: fc
			.date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("2100-12-31T00:00:00Z"), noInvalidDate: true })
			.map((date) => date.toISOString().slice(0, 10)),
		topics: fc.array(someText, { minLength: 1, maxLength: 4 }),
		source: fc.oneof(someText, fc.record({ name: someText, url: fc.webUrl() }, { requiredKeys: ["name"] })),
		authors: fc.array(someText, { maxLength: 3 }),
		people: fc.array(someText, { maxLength: 3 }),
		places: fc.array(someText, { maxLength: 3 }),
		summary: markdownText,
		slug: someText,
	},
	{ requiredKeys: ["title", "date", "topics"] },
);
/** YAML as a person or a tool would write it, or raw text that YAML may not parse at all. */
const frontMatterText = fc.oneof(
	{ weight: 4, arbitrary: validFrontMatter.map((data) => stringify(data)) },
	{ weight: 3, arbitrary: frontMatter.map((data) => stringify(data)) },
	{
		weight: 1,
		arbitrary: fc
			.array(
				fc.oneof(
					markdownPiece,
					fc.constantFrom("&a ", "*a", "<<: *a", "!!binary ", "!!js/function ", "? ", ": ", "- ", "[", "{", "'", "\n  "),
				),
				{ maxLength: 30 },
			)
			.map((pieces) => pieces.join("")),
	},
);
const articleFile = fc.oneof(
	{
		weight: 5,
		arbitrary: fc
			.tuple(frontMatterText, markdownText)
			.map(([yaml, body]) => `---\n${yaml}${yaml.endsWith("\n") ? "" : "\n"}---\n${body}\n`),
	},
	{ weight: 1, arbitrary: markdownText },
);

/** Mostly articles that load, so that whole builds get as far as the pages. */
const mostlyValidArticle = fc.oneof(
	{ weight: 9, arbitrary: fc.tuple(validFrontMatter, markdownText).map(([data, body]) => `---\n${stringify(data)}---\n${body}\n`) },
	{ weight: 1, arbitrary: articleFile },
);

const problemShape = /^[^\n]+$/;

/** Loads a folder holding just `text` as one article; returns what the loader said. */
async function loadOne(dir: string, text: string, allowHtml: boolean): Promise<"loaded" | "reported"> {
	await rm(dir, { recursive: true, force: true });
	await mkdir(dir, { recursive: true });
	await writeFile(path.join(dir, "2025-02-18-fuzzed.md"), text);
	try {
		const digest = await loadDigest(dir, { allowHtml });
		for (const article of digest.articles) {
			for (const url of [article.url, ...article.aliases]) {
				// Either the site's pattern with a slug, or a path that cannot leave the output folder nor take a hidden file.
				if (url === article.url && !("permalink" in article.lines))
					assert.match(url, /^\/articles\/\d{4}\/\d{2}\/\d{2}\/[a-z0-9]+(-[a-z0-9]+)*\/$/, `a safe URL for ${JSON.stringify(text)}`);
				assert.match(url, /^\//, `rooted: ${url}`);
				assert.not.ok(
					url.split("/").some((segment) => segment === ".." || segment === "." || segment.startsWith(".") || /[\\\p{Cc}]/u.test(segment)),
					`a path inside the output for ${JSON.stringify(text)}: ${url}`,
				);
			}
			assert.equal(scan(article.html), [], `rendered body of ${JSON.stringify(text)}`);
		}
		return "loaded";
	} catch (error) {
		if (!(error instanceof ContentError)) throw error;
		assert.ok(error.problems.length > 0);
		for (const problem of error.problems) {
			assert.ok(Number.isInteger(problem.line) && problem.line >= 1, `line ${problem.line}`);
			assert.ok(problem.line <= text.split("\n").length + 1, `line ${problem.line} is inside the file`);
			assert.match(problem.field, problemShape);
			assert.match(problem.message, problemShape);
			assert.ok(problem.path.endsWith("2025-02-18-fuzzed.md"), problem.path);
		}
		return "reported";
	}
}

const scan = (html: string) =>
	injections(
		parseHTML(`<!doctype html><html><body>${html}</body></html>`).document as unknown as Document,
		new URL("https://digest.example/articles/2025/02/x/"),
		"/",
	);

const htmlMode = (allowHtml: boolean) => (allowHtml ? "with raw HTML sanitised (the default) " : "with raw HTML shown as text ");

for (const allowHtml of [false, true]) {
	test(`random front matter and Markdown ${htmlMode(allowHtml)}either load or are reported as problems, never another exception or a hang`, async () => {
		const dir = path.join(await tempDir("fuzz-"), "articles");
		const outcomes = { loaded: 0, reported: 0 };
		await fc.assert(
			fc.asyncProperty(articleFile, async (text) => {
				outcomes[await loadOne(dir, text, allowHtml)]++;
			}),
			{ numRuns: 150, timeout: 2000, interruptAfterTimeLimit: 20_000, markInterruptAsFailure: false },
		);
		// Both outcomes were exercised: the generator is not stuck on one side.
		assert.ok(outcomes.loaded > 5 && outcomes.reported > 5, JSON.stringify(outcomes));
	});
}

for (const allowHtml of [false, true]) {
	test(`rendered Markdown ${htmlMode(allowHtml)}never carries script, an event handler or a script URL`, () => {
		const md = createMarkdown({ allowHtml });
		fc.assert(
			fc.property(markdownText, (source) => {
				assert.equal(scan(md.render(source)), [], JSON.stringify(source));
			}),
			{ numRuns: 400 },
		);
	});

	test(`random bodies read as MDX ${htmlMode(allowHtml)}render without an exception and never carry script, a handler or a script URL`, () => {
		const md = createMarkdown({ allowHtml });
		fc.assert(
			fc.property(markdownText, (source) => {
				const { html } = renderBody(md, source, { file: "blog/2025-02-18-post.mdx", firstLine: 4, title: "Post" });
				assert.equal(scan(html), [], JSON.stringify(source));
			}),
			{ numRuns: 400 },
		);
	});
}

test("a few random folders go through the whole build: a site with no injected script, or reported problems", async () => {
	const work = await tempDir("fuzz-build-");
	let built = 0;
	await fc.assert(
		fc.asyncProperty(fc.array(mostlyValidArticle, { minLength: 1, maxLength: 4 }), fc.boolean(), async (texts, allowHtml) => {
			const articles = path.join(work, "articles");
			const output = path.join(work, "_site");
			await rm(articles, { recursive: true, force: true });
			await mkdir(articles, { recursive: true });
			for (const [i, text] of texts.entries()) await writeFile(path.join(articles, `2025-02-1${i}-fuzzed-${i}.md`), text);
			try {
				await buildSite({ articlesDir: articles, outputDir: output, allowHtml, cacheDir: false });
			} catch (error) {
				if (error instanceof ContentError) return;
				throw error;
			}
			built++;
			for (const entry of await readdir(output, { recursive: true, withFileTypes: true })) {
				if (!entry.isFile() || !entry.name.endsWith(".html")) continue;
				const file = path.join(entry.parentPath, entry.name);
				const sitePath = `/${path.relative(output, file).split(path.sep).join("/")}`.replace(/index\.html$/, "");
				const page = parseHTML(await readFile(file, "utf8")).document as unknown as Document;
				assert.equal(injections(page, new URL(sitePath, "https://digest.example"), "/"), [], sitePath);
			}
		}),
		// Whole builds take a second or more each: a handful, mostly of valid articles, bounded in time.
		{ numRuns: 6, timeout: 60_000, interruptAfterTimeLimit: 90_000, markInterruptAsFailure: false },
	);
	assert.ok(built > 0, "at least one random folder built");
});

test("deeply nested or very long Markdown renders in bounded time", () => {
	const md = createMarkdown({ allowHtml: true });
	for (const source of [
		"> ".repeat(5000),
		"[".repeat(20000),
		"*a ".repeat(20000),
		"<".repeat(50000),
		"- ".repeat(5000),
		"`".repeat(20000),
		"![".repeat(10000),
	]) {
		const started = performance.now();
		md.render(source);
		assert.ok(performance.now() - started < 2000, `${source.slice(0, 10)}… took ${performance.now() - started} ms`);
	}
});

test.run();
