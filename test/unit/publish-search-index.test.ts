import { readdirSync, readFileSync, statSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { defaultPermalinkPattern } from "../../src/content/urls.ts";
import {
	articlePages,
	indexerEnvironment,
	indexSite,
	indexSize,
	pagesPerIndexDefault,
	planIndexShards,
	SearchIndexError,
	writeSearchIndex,
} from "../../src/search/indexer.ts";
import { publishSearchIndex } from "../../src/search/publish.ts";
import { tempDir } from "../support/fixtures.ts";

const page = (url: string, words: string) => ({
	url,
	content: `<!doctype html><html lang="en"><head><title>${words}</title></head><body><main data-pagefind-body><h1>${words}</h1><p>${words}</p></main></body></html>`,
});

async function files(folder: string): Promise<string[]> {
	const entries = await readdir(folder, { recursive: true, withFileTypes: true });
	return entries
		.filter((entry) => entry.isFile())
		.map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)))
		.sort();
}

/** The metadata file the served entry file names. */
async function entryMeta(live: string): Promise<string> {
	const entry = JSON.parse(await readFile(path.join(live, "pagefind-entry.json"), "utf8")) as {
		languages: Record<string, { hash: string }>;
	};
	const [language] = Object.values(entry.languages);
	return `pagefind.${language?.hash}.pf_meta`;
}

/** The URL of each result fragment of the index in `folder` (gzip of `pagefind_dcd` and its JSON), sorted. */
async function indexedUrls(folder: string): Promise<string[]> {
	const names = await readdir(path.join(folder, "fragment"));
	return names
		.map((name) => {
			const json = gunzipSync(readFileSync(path.join(folder, "fragment", name)))
				.toString("utf8")
				.replace(/^pagefind_dcd/, "");
			return (JSON.parse(json) as { url: string }).url;
		})
		.sort();
}

/** Writes `html` at the output path of `url`. */
async function writeAt(site: string, url: string, html: string): Promise<void> {
	await mkdir(path.join(site, url), { recursive: true });
	await writeFile(path.join(site, url, "index.html"), html);
}

/** An article page at each of `urls`, its text the entry of `words` at the same place. */
async function writeArticles(site: string, urls: readonly string[], words: readonly string[]): Promise<void> {
	for (const [n, url] of urls.entries()) await writeAt(site, url, page("", words[n] ?? "").content);
}

const articleUrls = ["/articles/2025/02/01/a/", "/articles/2025/02/01/b/"];
const redirect = "/articles/2025/01/31/old-a/";

/** Two article pages and a redirect page, where the default URL pattern puts them. */
async function writtenSite(): Promise<string> {
	const site = await tempDir("index-cli-");
	await writeAt(site, articleUrls[0] ?? "", page("", "ceasefire talks").content);
	await writeAt(site, articleUrls[1] ?? "", page("", "grain corridor").content);
	await writeAt(
		site,
		redirect,
		`<!doctype html><html lang="en"><head><title>Moved</title></head><body><a href="${articleUrls[0]}">moved</a></body></html>`,
	);
	return site;
}

/** `count` article URLs on the default pattern in `month` (`YYYY/MM`). */
const urlsIn = (month: string, count: number) => Array.from({ length: count }, (_, n) => `/articles/${month}/0${1 + (n % 9)}/item-${n}/`);

test("one index holds up to pagesPerIndex articles; past it, whole months (a busy one by its days) go together from the oldest on, none over the limit, the newest index first", () => {
	const urls = [...urlsIn("2024/12", 3), ...urlsIn("2025/01", 2), ...urlsIn("2025/02", 2), ...urlsIn("2025/03", 4)];
	assert.is(planIndexShards(defaultPermalinkPattern, urls, urls.length), undefined);
	assert.equal(planIndexShards(defaultPermalinkPattern, urls, 4), [
		"articles/2025/03/*/*/index.html",
		"articles/{2025/02,2025/01}/*/*/index.html",
		"articles/2024/12/*/*/index.html",
	]);
	// A month over the limit is taken by its days (as a news event's busy month needs); 2 + 2 no longer fit in 3.
	assert.equal(planIndexShards(defaultPermalinkPattern, urls, 3), [
		"articles/{2025/03/04,2025/03/03,2025/03/02}/*/index.html",
		"articles/{2025/03/01,2025/02/*}/*/index.html",
		"articles/2025/01/*/*/index.html",
		"articles/2024/12/*/*/index.html",
	]);
	assert.equal(articlePages(defaultPermalinkPattern, urls, [], 4).shards?.length, 3);
});

test("by default an index holds at most 5,000 articles, doubled as a digest passes eight indexes' worth", () => {
	assert.equal(
		[1, 5_000, 10_000, 40_000, 40_001, 80_000, 100_000, 200_000].map((articles) => indexSize(articles, pagesPerIndexDefault)),
		[5_000, 5_000, 5_000, 5_000, 10_000, 10_000, 20_000, 40_000],
	);
	// 10,000 articles over ten months: two indexes of five months, the older filled first.
	const urls = Array.from({ length: 10 }, (_, month) => urlsIn(`2024/${String(month + 1).padStart(2, "0")}`, 1000)).flat();
	assert.equal(articlePages(defaultPermalinkPattern, urls, []).shards, [
		"articles/{2024/10,2024/09,2024/08,2024/07,2024/06}/*/*/index.html",
		"articles/{2024/05,2024/04,2024/03,2024/02,2024/01}/*/*/index.html",
	]);
});

test("a pattern with :year but no :month splits by year; pages no glob finds alone are split by their articles' months", () => {
	const urls = ["/news/2023/a/", "/news/2024/b/", "/news/2024/c/", "/news/2025/d/"];
	assert.equal(planIndexShards("/news/:year/:slug/", urls, 3), ["news/2025/*/index.html", "news/{2024,2023}/*/index.html"]);
	assert.equal(planIndexShards("/:year/:month/:slug/", ["/2024/01/a/", "/2025/01/b/"], 1), [
		"2025/01/*/index.html",
		"2024/01/*/index.html",
	]);
	assert.is(planIndexShards("/posts/:slug/", ["/posts/a/", "/posts/b/"], 1), undefined);
	// A URL that names no date: the article's day says where it goes, grouped from the oldest month on.
	const slugs = ["/a/", "/b/", "/c/", "/d/", "/e/"];
	const days = ["2025-03-02", "2025-03-01", "2025-02-10", "2025-01-31", "2024-12-24"];
	const linked = articlePages("/:slug/", slugs, [], 2, days);
	assert.equal(
		linked.linkedShards?.map((part) => part.map((page) => page.url)),
		[["/a/", "/b/"], ["/c/"], ["/d/", "/e/"]],
	);
	assert.is(articlePages("/:slug/", slugs, [], 5, days).linkedShards, undefined, "one index holds them all");
	// Articles with their own permalink: every article page linked apart, split there by month.
	const own = articlePages(defaultPermalinkPattern, [...urlsIn("2025/02", 2), ...urlsIn("2025/01", 2), "/special/page/"], [], 2, [
		"2025-02-02",
		"2025-02-01",
		"2025-01-02",
		"2025-01-01",
		"2024-12-01",
	]);
	assert.is(own.shards, undefined, "no glob shards: the glob does not find every page");
	assert.equal(
		own.linkedShards?.map((part) => part.length),
		[2, 2, 1],
	);
});

test("a month past the limit is indexed by its days through the CLI's glob, a whole month and a day in one index", async () => {
	const site = await tempDir("index-days-split-");
	const urls = ["/articles/2025/03/03/d/", "/articles/2025/03/02/c/", "/articles/2025/03/01/b/", "/articles/2025/02/10/a/"];
	const words = ["energy truce", "prisoner exchange", "grain corridor", "ceasefire talks"];
	await writeArticles(site, urls, words);
	const pages = articlePages(defaultPermalinkPattern, urls, [], 2);
	assert.equal(pages.shards, ["articles/{2025/03/03,2025/03/02}/*/index.html", "articles/{2025/03/01,2025/02/*}/*/index.html"]);
	assert.is(await indexSite(site, { expected: 4, pages }), 4);
	assert.equal(await indexedUrls(path.join(site, "pagefind")), ["/articles/2025/03/02/c/", "/articles/2025/03/03/d/"]);
	assert.equal(await indexedUrls(path.join(site, "pagefind", "shards", "1")), ["/articles/2025/02/10/a/", "/articles/2025/03/01/b/"]);
});

test("a split index whose next part never comes (the build failed) fails only once the part being indexed is done, not while it writes", async () => {
	const site = await tempDir("index-part-failed-");
	const urls = ["/articles/2025/03/02/b/", "/articles/2025/03/01/a/", "/articles/2025/02/02/d/", "/articles/2025/02/01/c/"];
	const words = ["ceasefire talks", "grain corridor", "prisoner exchange", "energy truce"];
	await writeArticles(site, urls, words);
	const pages = articlePages(defaultPermalinkPattern, urls, [], 2);
	assert.is(pages.shards?.length, 2);
	const failure = new Error("the render failed");
	// Rejected while the first part's run of the CLI (hundreds of milliseconds) is still going.
	const never = new Promise<void>((_, reject) => setTimeout(() => reject(failure), 10));
	const outcome = await indexSite(site, { expected: 4, pages, partsReady: [Promise.resolve(), never] }).catch((error: unknown) => error);
	assert.is(outcome, failure, "the build's own error");
	assert.ok(statSync(path.join(site, "pagefind", "pagefind-entry.json")).isFile(), "the first part's run had finished");
	assert.equal(await indexedUrls(path.join(site, "pagefind")), ["/articles/2025/03/01/a/", "/articles/2025/03/02/b/"]);
});

test("a URL pattern that starts with the year is read through a glob of year folders, split by month there, the site's other pages left out", async () => {
	const site = await tempDir("index-year-first-");
	const pattern = "/:year/:month/:day/:slug/";
	const urls = ["/2025/03/02/a/", "/2025/03/01/b/", "/2025/02/01/c/"];
	await writeArticles(site, urls, ["ceasefire talks", "grain corridor", "prisoner exchange"]);
	// A page at the same depth outside a year folder, with a body to index: not an article.
	await writeAt(site, "/notices/2025/02/x/", page("", "archive notice").content);
	const pages = articlePages(pattern, urls, [], 2, ["2025-03-02", "2025-03-01", "2025-02-01"]);
	assert.is(pages.glob, "[0-9]*/*/*/*/index.html");
	assert.equal(pages.shards, ["2025/03/*/*/index.html", "2025/02/*/*/index.html"]);
	assert.is(pages.linked, undefined, "no folder of links");
	assert.is(await indexSite(site, { expected: 3, pages }), 3);
	assert.equal(await indexedUrls(path.join(site, "pagefind")), ["/2025/03/01/b/", "/2025/03/02/a/"], "March in the site's own index");
	assert.equal(await indexedUrls(path.join(site, "pagefind", "shards", "1")), ["/2025/02/01/c/"], "February in the next");
	const left = (await readdir(path.dirname(site))).filter((name) => name.startsWith(`${path.basename(site)}.article-pages-`));
	assert.equal(left, [], "no folder of links was made");
});

test("linked article pages past pagesPerIndex make one index per period, the newest the site's own, each run reading its own pages", async () => {
	const site = await tempDir("index-linked-split-");
	// A URL that names no date: the articles' days split them.
	const pattern = "/:slug/";
	const urls = ["/a/", "/b/", "/c/", "/d/"];
	const words = ["ceasefire talks", "grain corridor", "prisoner exchange", "energy truce"];
	await writeArticles(site, urls, words);
	// Three indexes through the one folder of links: a run starts as the last exits, but its pages are
	// linked only once the last has read its own.
	const pages = articlePages(pattern, urls, [], 1, ["2025-03-02", "2025-03-01", "2025-02-01", "2025-01-05"]);
	assert.is(await indexSite(site, { expected: 4, pages }), 4);
	// March, past the limit, by its days.
	assert.equal(await indexedUrls(path.join(site, "pagefind")), ["/a/"], "2 March in the site's own index");
	assert.equal(await indexedUrls(path.join(site, "pagefind", "shards", "1")), ["/b/"], "1 March in the next");
	assert.equal(await indexedUrls(path.join(site, "pagefind", "shards", "2")), ["/c/"], "February");
	assert.equal(await indexedUrls(path.join(site, "pagefind", "shards", "3")), ["/d/"], "January in the last");
	const left = (await readdir(path.dirname(site))).filter((name) => name.startsWith(`${path.basename(site)}.article-pages-`));
	assert.equal(left, [], "the folder of links is gone");
});

test("indexing the written article pages (Pagefind CLI) counts the articles, not the redirect pages beside them", async () => {
	const site = await writtenSite();
	const pages = articlePages(defaultPermalinkPattern, articleUrls, [redirect]);
	assert.is(pages.extra.length, 0, "every article matched by the glob: the CLI's path");
	assert.is(await indexSite(site, { expected: 2, pages }), 2);
	const fragments = (await files(path.join(site, "pagefind"))).filter((file) => file.startsWith("fragment"));
	assert.is(fragments.length, 2, "one fragment per article, none for the redirect page");
});

test("articles no glob finds alone are read by the indexer as links in a folder beside the site, removed once it has read them", async () => {
	const site = await tempDir("index-linked-");
	const pattern = "/:slug/";
	const urls = ["/a/", "/b/"];
	await writeAt(site, urls[0] ?? "", page("", "ceasefire talks").content);
	await writeAt(site, urls[1] ?? "", page("", "grain corridor").content);
	// A page of the site that the pattern's shape would match, with a body to index: not an article.
	await writeAt(site, "/not-an-article/", page("", "archive notice").content);
	const pages = articlePages(pattern, urls, []);
	assert.is(pages.glob, undefined, "a pattern that starts with a token other than the year has no glob");
	const beside = async () => (await readdir(path.dirname(site))).filter((name) => name.startsWith(`${path.basename(site)}.article-pages-`));
	let seen: { files: string[]; links: number } | undefined;
	const count = await indexSite(site, {
		expected: 2,
		pages,
		onPagesRead: () => {
			const [folder] = readdirSync(path.dirname(site)).filter((name) => name.startsWith(`${path.basename(site)}.article-pages-`));
			if (!folder) return;
			const linked = path.join(path.dirname(site), folder);
			const entries = readdirSync(linked, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
			seen = {
				files: entries.map((entry) => path.relative(linked, path.join(entry.parentPath, entry.name))).sort(),
				links: statSync(path.join(linked, "a/index.html")).nlink,
			};
		},
	});
	assert.is(count, 2);
	assert.equal(seen?.files, ["a/index.html", "b/index.html"], "the article pages and nothing else");
	assert.is(seen?.links, 2, "a link to the page the site holds, not a copy");
	assert.equal(await beside(), [], "the folder of links is gone");
	assert.equal(await indexedUrls(path.join(site, "pagefind")), urls, "each article under its own URL, the site's other page left out");
});

test("an index of linked pages that cannot keep a fragment linked from the last index is written again from nothing", async () => {
	const site = await tempDir("index-linked-again-");
	const urls = ["/a/", "/b/"];
	await writeAt(site, urls[0] ?? "", page("", "ceasefire talks").content);
	await writeAt(site, urls[1] ?? "", page("", "grain corridor").content);
	// A fragment of a page that is no longer there, offered for reuse: the index would hold a file too many.
	const last = await tempDir("index-linked-last-");
	await mkdir(path.join(last, "fragment"), { recursive: true });
	await writeFile(path.join(last, "fragment", "en_deadbee.pf_fragment"), "not this index's");
	const pages = articlePages("/:slug/", urls, []);
	const count = await indexSite(site, {
		expected: 2,
		pages,
		reuse: [{ from: path.join(last, "fragment"), names: ["en_deadbee.pf_fragment"] }],
	});
	assert.is(count, 2);
	const fragments = (await files(path.join(site, "pagefind"))).filter((file) => file.startsWith("fragment"));
	assert.is(fragments.length, 2, "one fragment per article, the stray one gone");
	assert.not.ok(fragments.includes("fragment/en_deadbee.pf_fragment"));
});

test("an article page missing from the output fails an index of linked pages with its URL, and leaves no folder of links", async () => {
	const site = await tempDir("index-linked-missing-");
	await writeAt(site, "/a/", page("", "ceasefire talks").content);
	const pages = articlePages("/:slug/", ["/a/", "/gone/"], []);
	const failure = await indexSite(site, { expected: 2, pages }).catch((error: unknown) => error);
	assert.instance(failure, SearchIndexError);
	assert.match((failure as Error).message, "/gone/: the article page is missing from the output");
	const left = (await readdir(path.dirname(site))).filter((name) => name.startsWith(`${path.basename(site)}.article-pages-`));
	assert.equal(left, []);
});

test("the indexer is told to give freed memory back after 100 ms, unless the caller set its allocator's options", () => {
	const environment = { PATH: "/usr/bin", HOME: "/home/editor" };
	assert.equal(indexerEnvironment(environment), { ...environment, _RJEM_MALLOC_CONF: "dirty_decay_ms:100" });
	const own = { ...environment, _RJEM_MALLOC_CONF: "narenas:1" };
	assert.equal(indexerEnvironment(own), own, "the caller's own setting is passed on as it is");
});

test("a count the digest does not expect fails the index without replacing the one in place", async () => {
	const site = await writtenSite();
	const pages = articlePages(defaultPermalinkPattern, articleUrls, [redirect]);
	await indexSite(site, { expected: 2, pages });
	const before = await files(path.join(site, "pagefind"));
	const failure = await indexSite(site, { expected: 3, pages }).catch((error: unknown) => error);
	assert.instance(failure, SearchIndexError);
	assert.match((failure as Error).message, "2 article pages found in the output, but the digest has 3");
	assert.equal(await files(path.join(site, "pagefind")), before, "the index in place is left as it was");
});

test("an output with no article pages fails the index with Pagefind's own error", async () => {
	const site = await tempDir("index-cli-empty-");
	const failure = await indexSite(site, { pages: articlePages(defaultPermalinkPattern, [], []) }).catch((error: unknown) => error);
	assert.instance(failure, SearchIndexError);
	assert.match((failure as Error).message, /Pagefind was not able to build an index/);
});

test("while a new index is written, the served one stays whole and unchanged", async () => {
	const live = path.join(await tempDir("publish-"), "pagefind");
	await publishSearchIndex(live, async (folder) => {
		await writeFile(path.join(await ensure(folder), "pagefind-entry.json"), '{"v":1}');
		await writeFile(path.join(folder, "pagefind.js"), "one");
	});
	let seenDuringWrite: Record<string, string> = {};
	await publishSearchIndex(live, async (folder) => {
		await writeFile(path.join(await ensure(folder), "pagefind.js"), "two, half written");
		seenDuringWrite = {
			entry: await readFile(path.join(live, "pagefind-entry.json"), "utf8"),
			script: await readFile(path.join(live, "pagefind.js"), "utf8"),
		};
		await writeFile(path.join(folder, "pagefind-entry.json"), '{"v":2}');
	});
	assert.equal(seenDuringWrite, { entry: '{"v":1}', script: "one" });
	assert.is(await readFile(path.join(live, "pagefind-entry.json"), "utf8"), '{"v":2}');
	assert.is(await readFile(path.join(live, "pagefind.js"), "utf8"), "two, half written");
	assert.equal(await files(path.dirname(live)), ["pagefind/pagefind-entry.json", "pagefind/pagefind.js"], "no staging folder is left");
});

test("a failed write leaves the served index as it was", async () => {
	const live = path.join(await tempDir("publish-"), "pagefind");
	await writeSearchIndex(path.dirname(live), [page("/articles/2025/02/a/", "ceasefire talks")]);
	const before = await files(live);
	const failure = await publishSearchIndex(live, async () => {
		throw new Error("indexer died");
	}).catch((error: Error) => error.message);
	assert.is(failure, "indexer died");
	assert.equal(await files(live), before);
	assert.equal(
		await files(path.dirname(live)),
		before.map((file) => path.join("pagefind", file)),
	);
});

test("re-indexing a served folder swaps in the new index and drops the old chunks one rebuild later", async () => {
	const site = await tempDir("publish-");
	const live = path.join(site, "pagefind");
	await writeSearchIndex(site, [page("/articles/2025/02/a/", "ceasefire talks in Riyadh")]);
	const first = await entryMeta(live);
	await writeSearchIndex(site, [page("/articles/2025/02/a/", "ceasefire talks in Riyadh"), page("/articles/2025/03/b/", "grain corridor")]);
	const second = await entryMeta(live);
	assert.is.not(second, first);
	const afterSecond = await files(live);
	assert.ok(afterSecond.includes(second), "the entry file names a metadata file that is there");
	assert.ok(afterSecond.includes(first), "a reader who read the previous entry still finds its metadata");

	await writeSearchIndex(site, [page("/articles/2025/03/b/", "grain corridor")]);
	const third = await entryMeta(live);
	const afterThird = await files(live);
	assert.ok(afterThird.includes(third));
	assert.ok(afterThird.includes(second));
	assert.not.ok(afterThird.includes(first), "chunks two rebuilds old are removed");
});

async function ensure(folder: string): Promise<string> {
	await mkdir(folder, { recursive: true });
	return folder;
}

test.run();
