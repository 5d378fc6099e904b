import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ContentError } from "../../src/content/problems.ts";
import {
	findCustomDomain,
	pagesSiteLimitBytes,
	pagesTarget,
	type SizeCheck,
	siteFiles,
	siteSize,
	sizeWarning,
} from "../../src/commands/github-pages.ts";
import { tempDir } from "../support/fixtures.ts";

/** The build's warning for the site in `dir` as it is on disk. */
const pagesSizeWarning = (dir: string, check?: SizeCheck) => sizeWarning(siteSize(siteFiles(dir)), check);

/** An output folder with `sizes` bytes under each relative path. */
async function site(sizes: Record<string, number>): Promise<string> {
	const dir = await tempDir("pages-size-");
	for (const [file, bytes] of Object.entries(sizes)) {
		await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
		await writeFile(path.join(dir, file), Buffer.alloc(bytes));
	}
	return dir;
}

test("a site within GitHub Pages' size limit gets no warning", async () => {
	const dir = await site({ "index.html": 1000, "articles/2025/02/a/index.html": 3000, "pagefind/file/x.js": 2000 });
	assert.is(pagesSizeWarning(dir, { limitBytes: 6700 }), undefined, "under 90% of the limit");
	assert.is(pagesSizeWarning(dir), undefined, "the real limit is 1 GB");
	assert.is(pagesSiteLimitBytes, 10 ** 9, "1 GB read as 10^9 bytes, the smaller reading");
});

test("a site over the limit is warned about with its size, its largest parts and what to turn off", async () => {
	const kb = 1000;
	const dir = await site({
		"index.html": 4 * kb,
		"articles/2025/02/a/index.html": 600 * kb,
		"articles/2025/02/b/index.html": 500 * kb,
		"topics/x/index.html": 300 * kb,
		"pagefind/fragment/a.pf_fragment": 200 * kb,
		"pagefind/file/fragment/a.pf_fragment.js": 400 * kb,
		"pagefind/offline/fragment-0-1a2b.pack": 50 * kb,
	});
	const warning = pagesSizeWarning(dir, { limitBytes: 1000 * kb }) ?? "";
	assert.match(warning, "the site is 2.1 MB, over GitHub Pages' limit of 1.0 MB");
	assert.match(warning, "Largest parts: articles/ 1.1 MB, pagefind/file/ 0.4 MB, topics/ 0.3 MB, pagefind/ 0.2 MB.");
	assert.match(
		warning,
		"To turn off: `--no-file-search` leaves out the copy of the search index for opening the site from disk (file://) (0.4 MB); `--no-offline` leaves out reading and searching offline (the service worker and its packs) (0.1 MB);",
		"every part that can be turned off, also when it is not among the largest",
	);
});

test("a site past 90% of the limit is told how near it is and about how many more articles fit", async () => {
	const kb = 1000;
	const dir = await site({
		"index.html": 20 * kb,
		"articles/2025/02/a/index.html": 500 * kb,
		"topics/x/index.html": 300 * kb,
		"pagefind/offline/fragment-0-1a2b.pack": 130 * kb,
	});
	const warning = pagesSizeWarning(dir, { limitBytes: 1000 * kb, articles: 95 }) ?? "";
	// 950 kB for 95 articles: 10 kB an article, 50 kB left.
	assert.match(warning, "the site is 0.9 MB, 95% of GitHub Pages' limit of 1.0 MB for a published site, past which Pages refuses it.");
	assert.match(warning, "At 10.0 kB an article, about 5 more fit.");
	assert.match(warning, "What can be turned off: `--no-offline`");
	assert.not.match(warning, "will refuse");
	// 496.6 more at 100.7 bytes an article: an estimate, said to two figures.
	assert.match(pagesSizeWarning(dir, { limitBytes: 1000 * kb, articles: 9437 }) ?? "", "At 0.1 kB an article, about 490 more fit.");
	assert.is(pagesSizeWarning(dir, { limitBytes: 1100 * kb }), undefined, "86% of the limit: nothing to say");
});

test("a site is walked whole, each file once, or in the two parts a build lists", async () => {
	const dir = await site({
		"index.html": 10,
		"sw.js": 20,
		"articles/a/index.html": 30,
		"pagefind/file/x.js": 40,
		"pagefind/offline/p.pack": 50,
	});
	const whole = siteFiles(dir);
	assert.equal(
		[...whole.keys()].sort(),
		["articles/a/index.html", "index.html", "pagefind/file/x.js", "pagefind/offline/p.pack", "sw.js"],
		"paths with /, as a page's file is named",
	);
	assert.equal(siteSize(whole), {
		total: 150,
		parts: new Map([
			["(top-level files)", 30],
			["articles", 30],
			["pagefind/file", 40],
			["pagefind/offline", 50],
		]),
	});
	// In two parts, as a build lists its site: all but what the search step writes, then that part.
	const before = siteFiles(dir, { skip: (file) => file === "pagefind" || file === "sw.js" });
	assert.equal([...before.keys()].sort(), ["articles/a/index.html", "index.html"]);
	const index = siteFiles(dir, { under: "pagefind" });
	assert.equal([...index.keys()].sort(), ["pagefind/file/x.js", "pagefind/offline/p.pack"]);
	assert.equal(new Map([...before, ...index, ["sw.js", whole.get("sw.js")]]), whole, "the two parts and sw.js are the whole");
	assert.equal(siteFiles(dir, { under: "absent" }), new Map(), "a part that is not there has no files");
});

test("a project site is served under /<repository name>/ on <owner>.github.io", () => {
	assert.equal(pagesTarget("Alice/topic-digest"), { pathPrefix: "/topic-digest/", siteUrl: "https://alice.github.io/topic-digest" });
});

test("a user or organisation site (<owner>.github.io) is served at the root", () => {
	assert.equal(pagesTarget("alice/Alice.github.io"), { pathPrefix: "/", siteUrl: "https://alice.github.io" });
});

test("a CNAME custom domain puts the site at the root of that domain", () => {
	assert.equal(pagesTarget("alice/topic-digest", "news.example.org", "https://alice.github.io/topic-digest/"), {
		pathPrefix: "/",
		siteUrl: "https://news.example.org",
	});
});

test("the URL from the Pages settings wins, also for a custom domain set there rather than in a file", () => {
	assert.equal(pagesTarget("alice/topic-digest", undefined, "https://alice.github.io/topic-digest/"), {
		pathPrefix: "/topic-digest/",
		siteUrl: "https://alice.github.io/topic-digest",
	});
	assert.equal(pagesTarget("alice/topic-digest", undefined, "https://news.example.org"), {
		pathPrefix: "/",
		siteUrl: "https://news.example.org",
	});
});

test("a repository that is not owner/name is refused", () => {
	assert.throws(() => pagesTarget("topic-digest"), /owner\/name/);
	assert.throws(() => pagesTarget("a/b/c"), /owner\/name/);
});

test("the articles folder's CNAME wins over the project's, and its first line is the domain", async () => {
	const articles = await tempDir();
	const root = await tempDir();
	await writeFile(path.join(root, "CNAME"), "root.example.org\n");
	assert.equal(await findCustomDomain(articles, root), { domain: "root.example.org", file: path.join(root, "CNAME") });
	await writeFile(path.join(articles, "CNAME"), "\n  News.Example.org  \r\nignored\n");
	assert.equal(await findCustomDomain(articles, root), { domain: "news.example.org", file: path.join(articles, "CNAME") });
	assert.is(await findCustomDomain(await tempDir(), await tempDir()), undefined);
});

test("a CNAME that is not a domain name is reported as path:1: CNAME: what is wrong", async () => {
	for (const text of ["https://news.example.org/", "news example.org", "", "localhost"]) {
		const articles = await tempDir();
		await writeFile(path.join(articles, "CNAME"), text);
		const error = await findCustomDomain(articles, await tempDir()).catch((caught: unknown) => caught);
		assert.instance(error, ContentError, text);
		const [problem] = (error as ContentError).problems;
		assert.equal([problem?.path, problem?.line, problem?.field], [path.join(articles, "CNAME"), 1, "CNAME"]);
		assert.match(problem?.message ?? "", "is not a domain name");
	}
});

test.run();
