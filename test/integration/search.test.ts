/**
 * The search index and everything built around it, from real builds of fixture digests: what the index
 * holds (searched with the same bundle through the terminal search), the file:// bundle, the service
 * worker's content-hash version, the server, and the command-line tools.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rm, stat } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { gunzipSync } from "node:zlib";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { OfflineManifest, WorkerConfig } from "../../src/browser/offline-protocol.ts";
import { packContent, unpack } from "../../src/browser/packs.ts";
import { articlePages, indexSite, writeSearchIndex, SearchIndexError } from "../../src/search/indexer.ts";
import { defaultPermalinkPattern } from "../../src/content/urls.ts";
import { matchFacetValue, plainExcerpt, searchBuiltSite, UnknownFacetValue } from "../../src/search/terminal.ts";
import { startServer } from "../../src/commands/serve.ts";
import { projectRoot } from "../../src/paths.ts";
import { articleText, buildFixture, readPage, readSearchPageConfig, tempDir } from "../support/fixtures.ts";

const run = promisify(execFile);

const registry =
	"ukraine-war:\n  title: War in Ukraine\ndiplomacy:\n  title: Diplomacy\nus-russia-relations:\n  title: U.S.–Russia relations\n";
const files = {
	"topics.yaml": registry,
	"2025/02/riyadh-talks.md": articleText({
		title: "Talks in Riyadh",
		date: "2025-02-18",
		topics: ["us-russia-relations", "diplomacy"],
		extra: "source: WN\nsummary: Officials met in Saudi Arabia.\npeople: [Marco Rubio]\nplaces: [Riyadh]",
		body: "Senior officials met in Riyadh for talks.\n\nThe delegations agreed to meet again.",
	}),
	"2025/03/london-summit.md": articleText({
		title: "London summit",
		date: "2025-03-02",
		topics: ["diplomacy", "ukraine-war"],
		extra: "source: BBC News\npeople: [Keir Starmer]\nplaces: [London]",
		body: "European leaders met in London after the talks in Riyadh.",
	}),
	"2024/12/winter-front.md": articleText({
		title: "Winter on the front",
		date: "2024-12-20",
		topics: ["ukraine-war"],
		extra: "source: AP",
		body: "Snow fell on the trenches.",
	}),
};

let site: Awaited<ReturnType<typeof buildFixture>>;

test.before(async () => {
	site = await buildFixture(files, { pathPrefix: "/repo/" });
});

test("the index holds every article page and nothing else, with the contract's filters, sort and meta", async () => {
	const all = await searchBuiltSite({ outputDir: site.outputDir, query: "", limit: 10 });
	assert.is(all.count, 3, "a filter-free listing is every article");
	assert.equal(
		all.results.map((result) => result.url),
		["/articles/2025/03/02/london-summit/", "/articles/2025/02/18/riyadh-talks/", "/articles/2024/12/20/winter-front/"],
		"sorted by date, newest first",
	);
	assert.equal(all.facets.topic, { Diplomacy: 2, "U.S.–Russia relations": 1, "War in Ukraine": 2 }, "topics by title");
	assert.equal(all.facets.source, { AP: 1, "BBC News": 1, WN: 1 });
	assert.equal(all.facets.year, { "2024": 1, "2025": 2 });
	assert.equal(all.facets.people, { "Keir Starmer": 1, "Marco Rubio": 1 });
	assert.equal(all.facets.places, { London: 1, Riyadh: 1 });
	const riyadh = all.results.find((result) => result.url === "/articles/2025/02/18/riyadh-talks/");
	assert.equal(riyadh && { title: riyadh.title, date: riyadh.date, source: riyadh.source, excerpt: riyadh.excerpt }, {
		title: "Talks in Riyadh",
		date: "2025-02-18",
		source: "WN",
		excerpt: "Officials met in Saudi Arabia.",
	});
	// The site's title and the home page's text are not articles: a word only they have finds nothing.
	const home = await readPage(site.outputDir, "/");
	assert.ok(home.querySelector("title")?.textContent?.includes("Topic Digest"));
	assert.is((await searchBuiltSite({ outputDir: site.outputDir, query: "Digest" })).count, 0);
});

test("words are found with the match marked, and reading time and topic links are not indexed as text", async () => {
	const found = await searchBuiltSite({ outputDir: site.outputDir, query: "Riyadh" });
	assert.equal(found.results.map((result) => result.title).sort(), ["London summit", "Talks in Riyadh"]);
	assert.ok(found.results.every((result) => result.excerpt.includes("«Riyadh")));
	assert.is((await searchBuiltSite({ outputDir: site.outputDir, query: "read" })).count, 0, "“1 min read” is not text");
	assert.is((await searchBuiltSite({ outputDir: site.outputDir, query: "Diplomacy" })).count, 0, "topic links are filters, not text");
});

test("filters narrow by topic title or slug, several values of one filter meaning any", async () => {
	const diplomacy = await searchBuiltSite({ outputDir: site.outputDir, query: "", filters: { topic: ["diplomacy"] } });
	assert.is(diplomacy.count, 2);
	const bySlug = await searchBuiltSite({ outputDir: site.outputDir, query: "talks", filters: { topic: ["us-russia-relations"] } });
	assert.equal(
		bySlug.results.map((result) => result.title),
		["Talks in Riyadh"],
	);
	const either = await searchBuiltSite({ outputDir: site.outputDir, query: "", filters: { source: ["AP", "WN"] } });
	assert.is(either.count, 2);
	const andYear = await searchBuiltSite({ outputDir: site.outputDir, query: "", filters: { topic: ["War in Ukraine"], year: ["2024"] } });
	assert.equal(
		andYear.results.map((result) => result.title),
		["Winter on the front"],
	);
});

test("an unknown filter value is named with close matches", () => {
	assert.throws(
		() => matchFacetValue("topic", "diplo", { Diplomacy: 2, NATO: 1 }),
		(error: Error) => error instanceof UnknownFacetValue && /did you mean "Diplomacy"/.test(error.message),
	);
	assert.is(matchFacetValue("topic", "u-s-russia relations", { "U.S.–Russia relations": 1 }), "U.S.–Russia relations");
});

test("Pagefind's excerpt becomes plain text with the match in «»", () => {
	assert.is(plainExcerpt("talks in <mark>Riyadh</mark> &amp; &lt;b&gt;  beyond"), "talks in «Riyadh» & <b> beyond");
});

test("the indexer says once that it has read the article pages, before it writes the index", async () => {
	const pages = articlePages(
		defaultPermalinkPattern,
		site.digest.articles.map((article) => article.url),
		[],
	);
	assert.ok(pages.glob !== undefined && pages.extra.length === 0, "the folder is read by the Pagefind CLI");
	const folder = "pagefind-read-test";
	const entry = path.join(site.outputDir, folder, "pagefind-entry.json");
	const told: boolean[] = [];
	const indexed = await indexSite(site.outputDir, {
		pages,
		folder,
		expected: site.digest.articles.length,
		onPagesRead: () => told.push(existsSync(entry)),
	});
	assert.is(indexed, 3);
	assert.equal(told, [false], "told once, while the index was still to be written");
	assert.ok(existsSync(entry), "then written");
	await rm(path.join(site.outputDir, folder), { recursive: true });
});

test("an error Pagefind reports fails the index with its text", async () => {
	const outputDir = await tempDir("search-error-");
	// A page without a URL (a caller's bug that the types cannot stop at run time): Pagefind refuses it.
	const page = { url: undefined as unknown as string, content: "<html><body><article data-pagefind-body>Text</article></body></html>" };
	const error = await writeSearchIndex(outputDir, [page]).then(
		() => undefined,
		(caught: unknown) => caught,
	);
	assert.instance(error, SearchIndexError);
	assert.match((error as SearchIndexError).message, /Either source_path or url must be provided/);
	assert.is(
		await stat(path.join(outputDir, "pagefind")).then(
			() => true,
			() => false,
		),
		false,
		"nothing was written",
	);
});

test("an article with no letter or digit builds with a warning; the index lists the others, by word and by filter", async () => {
	// Found by the fuzz test: a title of punctuation only and no text gave Pagefind no word, so it left the
	// page out, and the count check (or, with no other article, the CLI) failed the whole build.
	const wordless = { "2025/02/ampersand.md": articleText({ title: "&", date: "2025-02-10", topics: ["diplomacy"], body: "" }) };
	const alone = await buildFixture({ "topics.yaml": registry, ...wordless });
	assert.equal(
		alone.digest.warnings.filter((warning) => warning.kind === "no-words").map((warning) => [warning.path, warning.line]),
		[[path.join(alone.articlesDir, "2025/02/ampersand.md"), 2]],
		"the article and the line of its title are named",
	);
	assert.is((await readPage(alone.outputDir, "/articles/2025/02/10/ampersand/")).querySelector("h1")?.textContent, "&");
	assert.is((await searchBuiltSite({ outputDir: alone.outputDir, query: "" })).count, 0, "an empty index, not a failed build");

	const mixed = await buildFixture({ ...files, ...wordless });
	assert.is(mixed.digest.articles.length, 4);
	assert.is((await searchBuiltSite({ outputDir: mixed.outputDir, query: "" })).count, 3);
	assert.is((await searchBuiltSite({ outputDir: mixed.outputDir, query: "Riyadh" })).count, 2);
});

test("the file:// bundle carries every file search needs, byte for byte, and no UI kits", async () => {
	const pagefind = path.join(site.outputDir, "pagefind");
	const script = await readFile(path.join(pagefind, "file", "pagefind.js.js"), "utf8");
	const match = /^topicDigestPagefindFile\("pagefind\.js","([A-Za-z0-9+/=]+)"\);\n$/.exec(script);
	assert.ok(match, "one call with the name and base64 bytes");
	assert.ok(Buffer.from(match[1] ?? "", "base64").equals(await readFile(path.join(pagefind, "pagefind.js"))));
	const entry = JSON.parse(await readFile(path.join(pagefind, "pagefind-entry.json"), "utf8")) as {
		languages: Record<string, { hash: string }>;
	};
	for (const { hash } of Object.values(entry.languages))
		assert.ok((await stat(path.join(pagefind, "file", `pagefind.${hash}.pf_meta.js`))).isFile());
	for (const absent of ["pagefind-ui.js.js", "pagefind-component-ui.js.js", "pagefind-worker.js.js", "wasm.unknown.pagefind.js"]) {
		assert.is(
			await stat(path.join(pagefind, "file", absent)).then(
				() => true,
				() => false,
			),
			false,
			`${absent} is not needed`,
		);
	}
});

test("the file:// bundle is left out with fileSearch off, and above the size limit with a warning", async () => {
	const off = await buildFixture(files, { fileSearch: false });
	assert.is(
		await stat(path.join(off.outputDir, "pagefind", "file")).then(
			() => true,
			() => false,
		),
		false,
	);
	const warnings: string[] = [];
	const warn = console.warn;
	console.warn = (message: string) => warnings.push(message);
	try {
		const small = await buildFixture(files, { fileSearchMaxBytes: 1000 });
		assert.is(
			await stat(path.join(small.outputDir, "pagefind", "file")).then(
				() => true,
				() => false,
			),
			false,
		);
	} finally {
		console.warn = warn;
	}
	assert.equal(warnings.length, 1);
	assert.match(warnings[0] ?? "", /over the 0\.0 MB limit for searching from disk/);
});

test("the service worker is scoped to the prefix; the search page and the offline manifest share the build's content hash", async () => {
	const worker = await readFile(path.join(site.outputDir, "sw.js"), "utf8");
	const config = JSON.parse(/^const config = (.*);$/m.exec(worker)?.[1] ?? "{}") as WorkerConfig;
	assert.equal(config, { scope: "/repo/" });
	const { indexVersion } = await readSearchPageConfig(site.outputDir);
	assert.match(indexVersion, /^[0-9a-f]{16}$/);
	const manifest = JSON.parse(await readFile(path.join(site.outputDir, "pagefind", "offline.json"), "utf8")) as OfflineManifest;
	assert.is(manifest.version, indexVersion);
	assert.is(manifest.updated, "2025-03-02", "the copy's date is the newest article's");
	assert.is(manifest.automatic, true, "a three-article index is saved without asking");
	// Every page registers it at the prefix.
	const article = await readPage(site.outputDir, "/articles/2025/02/18/riyadh-talks/");
	const script = article.querySelector("script[data-service-worker]");
	assert.is(script?.getAttribute("data-service-worker"), "/repo/sw.js");
	assert.is(script?.getAttribute("data-scope"), "/repo/");
});

test("the offline packs hold every file search needs, byte for byte, each file once", () =>
	packsHoldEverySearchFile(path.join(site.outputDir, "pagefind")));

/** Every file a search reads (of each index of a split one) is in exactly one offline pack, as built. */
async function packsHoldEverySearchFile(pagefind: string): Promise<void> {
	const manifest = JSON.parse(await readFile(path.join(pagefind, "offline.json"), "utf8")) as OfflineManifest;
	const packed = new Map<string, Buffer>();
	for (const pack of manifest.packs) {
		const bytes = await readFile(path.join(pagefind, pack.url));
		assert.is(bytes.length, pack.bytes, `${pack.url}: the size the manifest says`);
		const files = unpack(await packContent(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer));
		assert.is(files.length, pack.files);
		for (const file of files) {
			assert.not.ok(packed.has(file.path), `${file.path} is in one pack only`);
			packed.set(file.path, Buffer.from(file.bytes));
		}
	}
	const needed = (await readdir(pagefind, { recursive: true }))
		.map((file) => file.split(path.sep).join("/"))
		.filter((file) =>
			/^(shards\/\d+\/)?((index|fragment|filter)\/|[^/]+\.pf_meta$|pagefind(-worker)?\.js$|pagefind-entry\.json$)/.test(file),
		);
	assert.ok(needed.some((file) => file.startsWith("fragment/")) && needed.some((file) => file.startsWith("index/")));
	// As Pagefind reads them: a fragment is packed decompressed, in a pack gzipped whole.
	const asRead = (bytes: Buffer | undefined) => (bytes && bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes);
	for (const file of needed) assert.equal(asRead(packed.get(file)), asRead(await readFile(path.join(pagefind, file))), file);
	const fragmentPacks = manifest.packs.filter((pack) => pack.url.includes("/fragment-"));
	assert.ok(fragmentPacks.length > 0);
	for (const pack of fragmentPacks) {
		const bytes = await readFile(path.join(pagefind, pack.url));
		assert.equal([bytes[0], bytes[1]], [0x1f, 0x8b], `${pack.url} is gzipped whole`);
	}
	assert.ok(
		[...packed.keys()].some((file) => /^wasm\.[a-z]+\.pagefind$/.test(file)),
		"and the WebAssembly of the index's language",
	);
	assert.is(manifest.files, packed.size);
}

test("past pagesPerIndex articles the index is split by period, and searched as one: counts, facets, date order, words", async () => {
	const split = await buildFixture(files, { pathPrefix: "/repo/", pagesPerIndex: 1 });
	const pagefind = path.join(split.outputDir, "pagefind");
	// One month per index here, newest in the site's own: March, then February, then December.
	assert.equal((await readdir(path.join(pagefind, "shards"))).sort(), ["1", "2"]);
	assert.equal((await readSearchPageConfig(split.outputDir)).indexParts, ["shards/1/", "shards/2/"]);
	const whole = await searchBuiltSite({ outputDir: site.outputDir, query: "", limit: 10 });
	const all = await searchBuiltSite({ outputDir: split.outputDir, query: "", limit: 10 });
	assert.is(all.count, 3);
	assert.equal(all.facets, whole.facets, "facet counts add up to those of one index");
	assert.equal(
		all.results.map((result) => result.url),
		whole.results.map((result) => result.url),
		"newest first across the indexes",
	);
	const riyadh = await searchBuiltSite({ outputDir: split.outputDir, query: "Riyadh" });
	assert.equal(riyadh.results.map((result) => result.title).sort(), ["London summit", "Talks in Riyadh"], "words in two indexes");
	const ukraine = await searchBuiltSite({ outputDir: split.outputDir, query: "", filters: { topic: ["War in Ukraine"] } });
	assert.equal(
		ukraine.results.map((result) => result.date),
		["2025-03-02", "2024-12-20"],
	);
	assert.is.not(
		(await readSearchPageConfig(split.outputDir)).indexVersion,
		(await readSearchPageConfig(site.outputDir)).indexVersion,
		"the version covers every index",
	);
	await packsHoldEverySearchFile(pagefind);
	// The file:// bundle carries every index, by its path inside pagefind/ (in Chromium: test/browser/search-shards.test.ts).
	for (const part of ["", "shards/1/", "shards/2/"])
		for (const file of ["pagefind.js", "pagefind-entry.json", "wasm.en.pagefind"])
			assert.ok((await stat(path.join(pagefind, "file", `${part}${file}.js`))).isFile(), `${part}${file} in the file:// bundle`);
});

test("a deploy of changed articles leaves sw.js byte for byte (readers install no new worker) and changes the build's version", async () => {
	const worker = (dir: string) => readFile(path.join(dir, "sw.js"), "utf8");
	const version = async (dir: string) => (await readSearchPageConfig(dir)).indexVersion;
	const again = await buildFixture(files, { pathPrefix: "/repo/" });
	assert.is(await version(again.outputDir), await version(site.outputDir), "the same articles, the same version");
	const changed = await buildFixture(
		{
			...files,
			"2024/12/winter-front.md": articleText({
				title: "Winter on the front",
				date: "2024-12-20",
				topics: ["ukraine-war"],
				body: "Rain fell.",
			}),
		},
		{ pathPrefix: "/repo/" },
	);
	assert.is.not(await version(changed.outputDir), await version(site.outputDir));
	assert.is(await worker(changed.outputDir), await worker(site.outputDir));
	const elsewhere = await buildFixture(files, { pathPrefix: "/other/" });
	assert.is.not(await worker(elsewhere.outputDir), await worker(site.outputDir), "another prefix is another scope");
});

test("the server answers a folder with its index.html, not a .html file of its name (a .html pattern's redirect), as GitHub Pages does", async () => {
	const built = await buildFixture(
		{
			"site.yaml": "permalink: /:year/:month/:day/:slug.html\n",
			"2025/02/riyadh-talks.md": articleText({ title: "Talks in Riyadh", date: "2025-02-18", topics: ["diplomacy"] }),
		},
		{ pathPrefix: "/repo/" },
	);
	const server = await startServer({ outputDir: built.outputDir, port: 0 });
	try {
		const page = await fetch(`${server.url}2025/02/18/riyadh-talks/?from=feed`);
		assert.is(page.status, 200);
		assert.match(await page.text(), /<h1[^>]*>Talks in Riyadh<\/h1>/, "the article, not the redirect to it");
		const old = await (await fetch(`${server.url}2025/02/18/riyadh-talks.html`)).text();
		assert.match(old, /http-equiv="refresh"[^>]*2025\/02\/18\/riyadh-talks\//, "the old address redirects to the article");
	} finally {
		await server.close();
	}
});

test("the server serves the build under its own prefix, sends / there, and answers unknown paths with 404.html", async () => {
	const server = await startServer({ outputDir: site.outputDir, port: 0 });
	try {
		assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/repo\/$/);
		const origin = new URL(server.url).origin;
		const root = await fetch(`${origin}/`, { redirect: "manual" });
		assert.is(root.status, 302);
		assert.is(root.headers.get("location"), "/repo/");
		const entry = await fetch(`${server.url}pagefind/pagefind-entry.json`);
		assert.is(entry.status, 200);
		assert.is(entry.headers.get("cache-control"), "no-cache", "unhashed files are revalidated");
		const missing = await fetch(`${server.url}no/such/page/`);
		assert.is(missing.status, 404);
		const notFoundPage = await readFile(path.join(site.outputDir, "404.html"), "utf8").catch(() => undefined);
		if (notFoundPage !== undefined) assert.is(await missing.text(), notFoundPage);
		assert.is((await fetch(`${origin}/elsewhere/`)).status, 404, "nothing outside the prefix");
	} finally {
		await server.close();
	}
});

test("npm run search prints the matches and exits 0; no match exits 1; an unknown topic is a usage error", async () => {
	const script = path.join(projectRoot, "scripts", "search.ts");
	const tsx = path.join(projectRoot, "node_modules", ".bin", "tsx");
	const found = await run(tsx, [script, "Riyadh", "--topic", "diplomacy", "--output", site.outputDir], { cwd: projectRoot });
	assert.match(found.stdout, /^2 articles for "Riyadh"/);
	assert.match(found.stdout, /1\. (Talks in Riyadh|London summit)\n {3}20\d\d-\d\d-\d\d · /);
	assert.match(found.stdout, /\/articles\/2025\/02\/18\/riyadh-talks\//);
	const none = await run(tsx, [script, "zebra", "--output", site.outputDir], { cwd: projectRoot }).then(
		() => undefined,
		(error: { code: number; stdout: string }) => error,
	);
	assert.is(none?.code, 1);
	assert.match(none?.stdout ?? "", /No articles match "zebra"/);
	const unknown = await run(tsx, [script, "talks", "--topic", "nonexistent", "--output", site.outputDir], { cwd: projectRoot }).then(
		() => undefined,
		(error: { code: number; stderr: string }) => error,
	);
	assert.is(unknown?.code, 2);
	assert.match(unknown?.stderr ?? "", /^error: no topic "nonexistent" in the index/);
	assert.not.match(unknown?.stderr ?? "", /\n\s+at /, "no stack trace");
});

test("searching a folder with no build says to build first", async () => {
	const empty = await tempDir("search-empty-");
	await mkdir(path.join(empty, "x"), { recursive: true });
	const error = await searchBuiltSite({ outputDir: empty, query: "x" }).then(
		() => undefined,
		(caught: Error) => caught,
	);
	assert.match(error?.message ?? "", /no search index in .*: build the site first/);
	await rm(empty, { recursive: true, force: true });
});

test.run();
