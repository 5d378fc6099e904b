/**
 * The dev server's quick search for new articles (src/eleventy/search.ts): a rebuild indexes the articles
 * added since the last full index into `pagefind-recent/`, the search page merges it, and the full
 * re-index is handed to `deferSearchIndex` to run later. Driven here with the real configuration and
 * the re-index held back, so that what is found before it runs is certain rather than a race.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { searchServedSite } from "../../src/bench/served-search.ts";
import { loadDigest } from "../../src/content/load.ts";
import { createSession, nextSession, useSession } from "../../src/eleventy/options.ts";
import { configFile, pagesDir } from "../../src/paths.ts";
import { recentIndexFolder } from "../../src/search/contract.ts";
import { searchConfigIn } from "../../src/search/page-config.ts";
import { articleText, tempDir, writeArticles } from "../support/fixtures.ts";
import { launchChromium, serveStatic } from "../support/browser.ts";
import { openSearch, shownResults, statusText } from "./search-behaviours.ts";

const first = articleText({ title: "Talks open in Riyadh", date: "2025-02-18", topics: ["diplomacy"], body: "Delegations met." });
const added = articleText({
	title: "Grain corridor reopens",
	date: "2025-03-02",
	topics: ["energy"],
	body: "The quokkazebra convoy sailed from Odesa.",
});
const addedUrl = "/articles/2025/03/02/grain-corridor/";

/** Pages in an index folder, as its entry file counts them (an index without a language is empty). */
async function indexedPages(outputDir: string, folder: string): Promise<number> {
	const entry = JSON.parse(await readFile(path.join(outputDir, folder, "pagefind-entry.json"), "utf8"));
	return Object.values(entry.languages as Record<string, { page_count: number }>).reduce((sum, language) => sum + language.page_count, 0);
}

test("a new article is found through the recent index before the full re-index runs, and once after it", async () => {
	const articlesDir = await writeArticles({ "2025/02/talks-open.md": first });
	const outputDir = path.join(await tempDir("recent-search-"), "_site");
	const held: Array<() => Promise<void>> = [];
	let session = createSession({ articlesDir, drafts: true, fileSearch: false, deferSearchIndex: (reindex) => held.push(reindex) });
	const eleventy = new Eleventy(pagesDir, outputDir, {
		configPath: configFile,
		quietMode: true,
		// biome-ignore lint/suspicious/noExplicitAny: Eleventy's config object is untyped.
		config: (eleventyConfig: any) => {
			useSession(eleventyConfig, () => session);
		},
	});
	await eleventy.init();
	const reload = async () => {
		session = nextSession(session, { digest: await loadDigest(articlesDir, { drafts: true, cache: false }) });
	};
	await reload();
	await eleventy.write();
	assert.is(held.length, 0, "the first build indexes everything itself");
	assert.is(await indexedPages(outputDir, "pagefind"), 1);
	assert.is(await indexedPages(outputDir, recentIndexFolder), 0);

	await mkdir(path.join(articlesDir, "2025", "03"), { recursive: true });
	await writeFile(path.join(articlesDir, "2025", "03", "grain-corridor.md"), added);
	await reload();
	// What the dev server's watcher does on a change: restart (fresh data, same configuration), then write.
	// biome-ignore lint/suspicious/noExplicitAny: restart() is missing from Eleventy's type declarations.
	await (eleventy as any).restart();
	await eleventy.init();
	await eleventy.write();
	assert.is(held.length, 1, "the rebuild handed the full re-index over");
	assert.is(await indexedPages(outputDir, "pagefind"), 1, "the full index is not rebuilt yet");
	assert.is(await indexedPages(outputDir, recentIndexFolder), 1, "the new article alone is in the recent index");

	const server = await serveStatic(outputDir);
	const browser = await launchChromium();
	try {
		const origin = `${server.origin}/`;
		assert.equal(await searchServedSite(origin, "quokkazebra"), [addedUrl]);
		assert.equal(await searchServedSite(origin, "delegations"), ["/articles/2025/02/18/talks-open/"]);
		const before = await openSearch(browser, `${origin}search/?q=quokkazebra`);
		try {
			assert.equal(
				(await shownResults(before.page)).map((result) => [result.title, result.href]),
				[["Grain corridor reopens", addedUrl]],
			);
		} finally {
			await before.close();
		}

		await held[0]?.();
		assert.is(await indexedPages(outputDir, "pagefind"), 2, "the full index holds both articles");
		assert.is(await indexedPages(outputDir, recentIndexFolder), 0, "and the recent index is empty again");
		assert.equal(await searchServedSite(origin, "quokkazebra"), [addedUrl], "found once, not twice");
		const after = await openSearch(browser, `${origin}search/?q=quokkazebra`);
		try {
			assert.is(await statusText(after.page), "1 article for “quokkazebra”");
			assert.equal(
				(await shownResults(after.page)).map((result) => result.href),
				[addedUrl],
			);
		} finally {
			await after.close();
		}
	} finally {
		await browser.close();
		await server.close();
	}
});

test("a site built for publishing has no recent index and its search page does not look for one", async () => {
	const articlesDir = await writeArticles({ "2025/02/talks-open.md": first });
	const outputDir = path.join(await tempDir("recent-search-build-"), "_site");
	const eleventy = new Eleventy(pagesDir, outputDir, {
		configPath: configFile,
		quietMode: true,
		// biome-ignore lint/suspicious/noExplicitAny: Eleventy's config object is untyped.
		config: (eleventyConfig: any) => useSession(eleventyConfig, createSession({ articlesDir, fileSearch: false })),
	});
	await eleventy.write();
	const searchPage = await readFile(path.join(outputDir, "search", "index.html"), "utf8");
	const config = searchConfigIn(searchPage);
	assert.ok(config?.bundle);
	assert.is(config?.recentBundle, undefined);
	assert.not.ok(
		await readFile(path.join(outputDir, recentIndexFolder, "pagefind-entry.json")).then(
			() => true,
			() => false,
		),
	);
});

test.run();
