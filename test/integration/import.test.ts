import { copyFile, readdir, readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { buildSite } from "../../src/commands/build.ts";
import { projectRoot } from "../../src/paths.ts";
import { readPage, tempDir, texts, writeArticles } from "../support/fixtures.ts";
import { runScript } from "../support/run-script.ts";

const fixtures = path.join(projectRoot, "test", "fixtures");
const seed = path.join(fixtures, "seed-wn-riyadh-talks.txt");
const registry = { "topics.yaml": "us-russia-relations:\n  title: U.S.–Russia relations\ndiplomacy:\n  title: Diplomacy\n" };

async function markdownFiles(dir: string): Promise<string[]> {
	return (await readdir(dir, { recursive: true })).filter((file) => file.endsWith(".md")).sort();
}

/** A local news site: the HTML page, a plain-text page, a redirect and a missing page. */
async function startNewsSite(): Promise<{ origin: string; server: Server; hits: string[] }> {
	const html = await readFile(path.join(fixtures, "import", "news-page.html"), "utf8");
	const hits: string[] = [];
	const server = createServer((request, response) => {
		hits.push(request.url ?? "");
		if (request.url === "/2025/04/envoys-meet-geneva") {
			response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
			response.end(html);
		} else if (request.url === "/old-link") {
			response.writeHead(301, { location: "/2025/04/envoys-meet-geneva" });
			response.end();
		} else {
			response.writeHead(404, { "content-type": "text/plain" });
			response.end("not found");
		}
	});
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, hits };
}

test("the raw seed imports into a clean article whose page body ends with the contributors' line", async () => {
	const articles = await writeArticles(registry);
	const result = await runScript("import.ts", [
		seed,
		"--articles",
		articles,
		"--date",
		"2025-02-18",
		"--topics",
		"us-russia-relations,Diplomacy",
		"--source",
		"WN",
	]);
	assert.is(result.code, 0, result.stderr);
	const written = path.join(articles, "2025", "02", "u-s-russia-talks-in-saudi-arabia-set-to-go-beyond-ukraine.md");
	assert.is(result.stdout.trim(), written);
	assert.equal(await markdownFiles(articles), ["2025/02/u-s-russia-talks-in-saudi-arabia-set-to-go-beyond-ukraine.md"]);

	const output = path.join(await tempDir("site-"), "_site");
	await buildSite({ articlesDir: articles, outputDir: output });
	const page = await readPage(output, "/articles/2025/02/18/u-s-russia-talks-in-saudi-arabia-set-to-go-beyond-ukraine/");
	assert.equal(texts(page, "h1"), ["U.S.-Russia Talks in Saudi Arabia Set to Go Beyond Ukraine"]);
	const body = texts(page, ".article-body p");
	assert.is(body.at(-1), "Andrew E. Kramer and Maria Varenikova contributed reporting from Kyiv, Ukraine.");
	assert.ok(body[0]?.startsWith("The United States and Russia moved toward a head-spinning reset"));
	const all = page.querySelector(".article-body")?.textContent ?? "";
	for (const chrome of ["About WN", "Check Also", "McConnell", "adsense"]) assert.not.match(all, chrome);
	assert.equal(texts(page, ".topic-links a"), ["U.S.–Russia relations", "Diplomacy"]);
	assert.match(page.querySelector("[data-pagefind-filter=source]")?.textContent ?? "", "WN");
});

test("a raw text without --date and without a dateline is refused with a clear message", async () => {
	const articles = await writeArticles(registry);
	const result = await runScript("import.ts", [seed, "--articles", articles, "--topics", "diplomacy"]);
	assert.is(result.code, 2);
	assert.match(result.stderr, /seed-wn-riyadh-talks\.txt has no date .*--date YYYY-MM-DD/);
	assert.not.match(result.stderr, /\n\s+at /);
	assert.equal(await markdownFiles(articles), []);
});

test("importing the same page twice is refused, naming the existing file; a different page title is not", async () => {
	const articles = await writeArticles(registry);
	const args = ["--articles", articles, "--date", "2025-02-18", "--topics", "diplomacy"];
	assert.is((await runScript("import.ts", [seed, ...args])).code, 0);
	const again = await runScript("import.ts", [seed, ...args]);
	assert.is(again.code, 2);
	assert.match(
		again.stderr,
		/u-s-russia-talks-in-saudi-arabia-set-to-go-beyond-ukraine\.md is already this article \(same title and date\)/,
	);
	assert.is((await markdownFiles(articles)).length, 1);
});

test("a URL imports from a local site: metadata from JSON-LD and meta tags, story as Markdown, flags override", async () => {
	const site = await startNewsSite();
	try {
		const articles = await writeArticles(registry);
		const result = await runScript("import.ts", [`${site.origin}/old-link`, "--articles", articles]);
		assert.is(result.code, 0, result.stderr);
		const file = path.join(articles, "2025", "04", "envoys-meet-in-geneva.md");
		assert.is(result.stdout.trim(), file);
		const text = await readFile(file, "utf8");
		assert.match(text, "title: Envoys Meet in Geneva\n");
		assert.match(text, "date: 2025-04-02T09:30:00+02:00\n");
		assert.match(text, `url: ${site.origin}/2025/04/envoys-meet-geneva\n`);
		assert.match(text, "name: Harbour News");
		assert.match(text, "  - Jane Roe\n  - Omar Haddad\n");
		assert.match(text, "  - Diplomacy\n  - Peace talks\n");
		assert.match(text, "## What comes next");
		assert.not.match(text, /cookies|Another story|trackPageview/);

		const output = path.join(await tempDir("site-"), "_site");
		await buildSite({ articlesDir: articles, outputDir: output });
		const page = await readPage(output, "/articles/2025/04/02/envoys-meet-in-geneva/");
		assert.equal(texts(page, "h1"), ["Envoys Meet in Geneva"]);
		// The story's `##` is one level under the page's <h1>, the title, like every body heading.
		assert.equal(texts(page, ".article-body h3"), ["What comes next"]);
		assert.is(page.querySelector("[data-pagefind-filter=source] a")?.getAttribute("href"), `${site.origin}/2025/04/envoys-meet-geneva`);

		// The same URL again is a duplicate by source URL, whatever the title flag says.
		const again = await runScript("import.ts", [
			`${site.origin}/2025/04/envoys-meet-geneva`,
			"--articles",
			articles,
			"--title",
			"Another Title",
		]);
		assert.is(again.code, 2);
		assert.match(again.stderr, /envoys-meet-in-geneva\.md is already this article \(same source url\)/);

		const overridden = await writeArticles(registry);
		const flagged = await runScript("import.ts", [
			`${site.origin}/2025/04/envoys-meet-geneva`,
			"--articles",
			overridden,
			"--date",
			"2025-04-03",
			"--topics",
			"us-russia-relations",
			"--source",
			"HN",
			"--title",
			"Geneva Envoys",
		]);
		assert.is(flagged.code, 0, flagged.stderr);
		const flaggedText = await readFile(path.join(overridden, "2025", "04", "geneva-envoys.md"), "utf8");
		assert.match(flaggedText, "date: 2025-04-03\ntopics:\n  - us-russia-relations\n");
		assert.match(flaggedText, "name: HN");
	} finally {
		site.server.close();
	}
});

test("an HTML file imports like a URL, and a missing URL or file is one clear error line", async () => {
	const articles = await writeArticles(registry);
	const ok = await runScript("import.ts", [path.join(fixtures, "import", "news-page.html"), "--articles", articles]);
	assert.is(ok.code, 0, ok.stderr);
	assert.match(ok.stdout, /2025\/04\/envoys-meet-in-geneva\.md/);
	// No base URL is known for a file with a relative canonical link: relative links keep their text only.
	const fromFile = await readFile(path.join(articles, "2025", "04", "envoys-meet-in-geneva.md"), "utf8");
	assert.match(fromFile, "held at a lakeside hotel, and");

	const site = await startNewsSite();
	try {
		const missing = await runScript("import.ts", [`${site.origin}/nope`, "--articles", articles, "--topics", "x", "--date", "2025-01-01"]);
		assert.is(missing.code, 2);
		assert.match(missing.stderr, /could not fetch .*\/nope: HTTP 404/);
		assert.not.match(missing.stderr, /\n\s+at /);
	} finally {
		site.server.close();
	}
	const noFile = await runScript("import.ts", ["no-such.txt", "--articles", articles, "--topics", "x", "--date", "2025-01-01"]);
	assert.is(noFile.code, 2);
	assert.match(noFile.stderr, "no-such.txt: no such file");
});

test("several inputs import in one run; one failure does not stop the others but sets the exit code", async () => {
	const articles = await writeArticles(registry);
	const other = path.join(await tempDir("raw-"), "other.txt");
	await copyFile(path.join(fixtures, "import", "other-site-raw.txt"), other);
	const result = await runScript("import.ts", [seed, other, "--articles", articles, "--topics", "diplomacy"]);
	// The seed has no dateline (needs --date); the other page has one.
	assert.is(result.code, 2);
	assert.match(result.stderr, "has no date");
	assert.match(result.stdout, /2025\/03\/ceasefire-monitors-arrive-in-black-sea-port\.md/);
	assert.equal(await markdownFiles(articles), ["2025/03/ceasefire-monitors-arrive-in-black-sea-port.md"]);
});

test("import --help lists the flags", async () => {
	const result = await runScript("import.ts", ["--help"]);
	assert.is(result.code, 0);
	for (const flag of ["--date", "--topics", "--source", "--url", "FILE|URL"]) assert.match(result.stdout, flag);
});

test.run();
