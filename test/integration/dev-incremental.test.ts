/**
 * The dev server re-renders only the pages an article change can alter (src/commands/incremental.ts). What it
 * serves after each change must be what a fresh full render of the same articles gives, file by file and
 * byte for byte, or the narrowing skipped a page that changed.
 */
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { waitUntil } from "../../src/bench/served-search.ts";
import { writeCorpus } from "../../src/bench/corpus.ts";
import { type DevServer, startDevServer } from "../../src/commands/dev-server.ts";
import { withSearchConfig } from "../../src/search/page-config.ts";
import { recentIndexFolder } from "../../src/search/contract.ts";
import { articleText, devChangeSettled, tempDir } from "../support/fixtures.ts";

const quiet = { log: () => {}, error: () => {} };

/**
 * Every file of a served site, by relative path. Left out, because they legitimately differ between a
 * rebuild and a fresh render: the search indexes, `pagefind/` and `pagefind-recent/` (Pagefind's files are
 * named by hashes of what it was fed, and its word fragments' order depends on the order it read the
 * pages), and the build's content hash — the search page's `indexVersion` — which a partial rebuild
 * takes over the pages it rendered rather than all of them (it still changes whenever a page does, which
 * is all it is for).
 */
async function siteFiles(outputDir: string): Promise<Map<string, string>> {
	const files = new Map<string, string>();
	for (const entry of await readdir(outputDir, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile()) continue;
		const relative = path.relative(outputDir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/");
		if (relative.startsWith("pagefind/") || relative.startsWith(`${recentIndexFolder}/`)) continue;
		const text = await readFile(path.join(outputDir, relative), "utf8");
		files.set(
			relative,
			withSearchConfig(text, (config) => ({ ...config, indexVersion: "" })),
		);
	}
	return files;
}

/** The site a dev server started afresh on `articlesDir` writes: every page rendered from scratch. */
async function freshRender(articlesDir: string): Promise<Map<string, string>> {
	const outputDir = path.join(await tempDir("dev-fresh-"), "_site");
	const server = await startDevServer({ articlesDir, outputDir, port: 0, log: quiet });
	await server.stop();
	return siteFiles(outputDir);
}

function assertSameSite(actual: Map<string, string>, expected: Map<string, string>, step: string): void {
	const missing = [...expected.keys()].filter((file) => !actual.has(file));
	const extra = [...actual.keys()].filter((file) => !expected.has(file));
	assert.equal(missing, [], `${step}: files a fresh render writes and the dev server lacks`);
	assert.equal(extra, [], `${step}: files the dev server keeps that a fresh render does not write`);
	const differing = [...expected.keys()].filter((file) => actual.get(file) !== expected.get(file));
	assert.equal(differing, [], `${step}: files that differ from a fresh render`);
}

test("after each article change the dev server's site equals a fresh full render, having rendered only a few pages", async () => {
	const articles = await tempDir("dev-incremental-");
	// vocabulary 0: short articles, a quick test; 300 articles over three years, 100 topics.
	await writeCorpus(articles, { articles: 300, vocabulary: 0 });
	const outputDir = path.join(await tempDir("dev-incremental-site-"), "_site");
	const rebuilds: string[] = [];
	const server: DevServer = await startDevServer({
		articlesDir: articles,
		outputDir,
		port: 0,
		// Only the rebuild's own line: the background re-index of the previous change logs too, and counting
		// that one would compare the site before this change's rebuild had run.
		log: {
			log: (line: string) => (/ articles: rebuilt | search index rebuilt /.test(line) ? rebuilds.push(line) : undefined),
			error: () => {},
		},
	});
	try {
		const fullRender = server.pagesRendered();
		assert.ok(fullRender > 500, `the first render writes every page (${fullRender})`);
		// chokidar reports changes in a sub-folder only once it watches it, a moment after it says it is ready.
		await new Promise((resolve) => setTimeout(resolve, 1000));
		const file = (relative: string) => path.join(articles, relative);
		const edit = async (relative: string, change: (text: string) => string) =>
			writeFile(file(relative), change(await readFile(file(relative), "utf8")));
		const add = async (relative: string, spec: Parameters<typeof articleText>[0]) => {
			await mkdir(path.dirname(file(relative)), { recursive: true });
			await writeFile(file(relative), articleText(spec));
		};

		const steps: [string, () => Promise<void>][] = [
			[
				"add an article",
				() => add("2024/05/an-added-article.md", { title: "An added article", date: "2024-05-20", topics: ["topic-00001", "topic-00007"] }),
			],
			["edit a title", () => edit("2024/05/an-added-article.md", (text) => text.replace("An added article", "A renamed article"))],
			[
				"change an article's topics",
				() => edit("2024/05/an-added-article.md", (text) => text.replace('["topic-00001", "topic-00007"]', '["topic-00002"]')),
			],
			["move an article to another month", () => edit("2024/05/an-added-article.md", (text) => text.replace("2024-05-20", "2024-08-02"))],
			["delete an article", () => rm(file("2024/05/an-added-article.md"))],
			[
				"add an article in a new topic",
				() => add("2025/11/brand-new.md", { title: "A brand-new topic", date: "2025-11-30", topics: ["a-brand-new-topic", "topic-00003"] }),
			],
			// Every page carries the newest date; the pages that do not show the article only take the new date.
			[
				"add an article newer than every other",
				() => add("2026/06/newest.md", { title: "The newest article", date: "2026-06-01", topics: ["topic-00004"] }),
			],
		];
		for (const [step, change] of steps) {
			const before = rebuilds.length;
			await change();
			// Settled once the whole search index is rebuilt after this change's rebuild: that stamps the search
			// page (its filters and index parts), which a comparison made before could catch half-way.
			await waitUntil(`the rebuild after "${step}"`, async () => devChangeSettled(rebuilds, before), 60_000);
			const rendered = server.pagesRendered();
			// The narrowing must not silently stop working: a rebuild that re-renders most of the site fails.
			assert.ok(rendered < fullRender / 5, `${step}: rendered ${rendered} of ${fullRender} pages`);
			assertSameSite(await siteFiles(outputDir), await freshRender(articles), step);
		}
	} finally {
		await server.stop();
	}
});

test.run();
