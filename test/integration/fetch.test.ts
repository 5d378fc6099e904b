/**
 * `npm run fetch` against feeds served from 127.0.0.1: every format, a Russian and a Ukrainian item, a
 * feed of hostile HTML, a 304 on the next run, a 500, a 404, an HTML page, a feed that never answers. The
 * articles written are read back with the project's loader, and the folder is built to show what a reader
 * gets.
 */
import { readdir, readFile, rm, stat } from "node:fs/promises";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parse as parseYaml } from "yaml";
import { buildSite } from "../../src/commands/build.ts";
import { type Article, loadDigest } from "../../src/content/load.ts";
import { fetchFeeds } from "../../src/feeds/fetch.ts";
import { projectRoot } from "../../src/paths.ts";
import { readPage, tempDir, texts, writeArticles } from "../support/fixtures.ts";
import { runScript } from "../support/run-script.ts";

const fixtures = path.join(projectRoot, "test", "fixtures", "feeds");

interface Route {
	file?: string;
	type?: string;
	status?: number;
	etag?: string;
	/** Never answer. */
	hang?: boolean;
	/** The body itself, for feeds written by a test. */
	text?: string;
}

const routes: Record<string, Route> = {
	"/harbour.xml": { file: "harbour-rss2.xml", type: "application/rss+xml", etag: '"harbour-v1"' },
	"/ledger.atom": { file: "ledger-atom.xml", type: "application/atom+xml; charset=utf-8" },
	"/valley.rdf": { file: "valley-rdf.xml", type: "application/rdf+xml" },
	"/steppe.json": { file: "steppe.json", type: "application/feed+json" },
	"/kurier.xml": { file: "kurier-ru.xml", type: "text/xml; charset=utf-8" },
	"/loud.xml": { file: "loud-hostile.xml", type: "application/rss+xml" },
	"/broken.xml": { status: 500 },
	"/gone.xml": { status: 404 },
	"/moved.xml": { file: "not-a-feed.html", type: "text/html; charset=utf-8" },
	"/slow.xml": { hang: true },
};

interface NewsServer {
	origin: string;
	server: Server;
	requests: { url: string; headers: IncomingHttpHeaders }[];
}

/** The outlets: feeds gzipped when asked, an ETag answered with 304, failures as listed in `routes`. */
async function startOutlets(extra: Record<string, Route> = {}): Promise<NewsServer> {
	const all = { ...routes, ...extra };
	const requests: NewsServer["requests"] = [];
	const server = createServer(async (request, response) => {
		requests.push({ url: request.url ?? "", headers: request.headers });
		const route = all[request.url ?? ""];
		if (route?.hang) return; // the connection stays open until the client gives up
		if (!route || route.status) {
			response.writeHead(route?.status ?? 404, { "content-type": "text/plain" });
			response.end("no feed here");
			return;
		}
		if (route.etag && request.headers["if-none-match"] === route.etag) {
			response.writeHead(304, { etag: route.etag });
			response.end();
			return;
		}
		const body = Buffer.from(route.text ?? (await readFile(path.join(fixtures, route.file ?? ""), "utf8")));
		const headers: Record<string, string> = { "content-type": route.type ?? "application/xml" };
		if (route.etag) Object.assign(headers, { etag: route.etag, "last-modified": "Wed, 05 Mar 2025 16:00:00 GMT" });
		const gzip = /\bgzip\b/.test(String(request.headers["accept-encoding"] ?? ""));
		if (gzip) headers["content-encoding"] = "gzip";
		response.writeHead(200, headers);
		response.end(gzip ? gzipSync(body) : body);
	});
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, requests };
}

function stop(outlets: NewsServer): Promise<void> {
	outlets.server.closeAllConnections();
	return new Promise((resolve) => outlets.server.close(() => resolve()));
}

const registry = [
	"black-sea-grain:",
	"  title: Black Sea grain",
	"  aliases: [grain corridor]",
	"peace-talks:",
	"  title: Peace talks",
	"  aliases: [Переговоры, Переговори]",
	"ceasefire:",
	"  title: Ceasefire",
	"shipping:",
	"  title: Shipping",
	"",
].join("\n");

/** The digest before any fetch: a zone east of UTC, a registry, and three articles that feed items repeat. */
const existing = {
	"site.yaml": "title: Fixture digest\nzone: Europe/Kyiv\n",
	"topics.yaml": registry,
	"2025/03/port-cranes-hit.md":
		'---\ntitle: "Port cranes hit in overnight drone strike"\ndate: 2025-03-03\ntopics: [shipping]\nsource: { name: Harbour Wire, url: "https://harbour.example/world/drone-strike-port" }\n---\nTwo cranes were hit.\n',
	"2025/03/emergency-budget.md":
		'---\ntitle: "Parliament approves emergency budget"\ndate: 2025-03-05\ntopics: [economy]\nsource: Coastal Times\n---\nThe vote passed.\n',
	"2025/03/grain-talks-coastal.md":
		'---\ntitle: "Grain corridor talks resume in Istanbul, Turkish officials say"\ndate: 2025-03-04T10:00:00+02:00\ntopics: [black-sea-grain]\nsource: { name: Coastal Times, url: "https://coastal.example/grain-talks" }\n---\nDelegations from Ukraine, Russia and Turkey met in Istanbul to restart talks on the grain corridor through the Black Sea.\n',
};

const feedsYaml = (origin: string) =>
	[
		`- url: ${origin}/harbour.xml`,
		"  topics: [shipping]",
		"  exclude: [football]",
		`- url: ${origin}/ledger.atom`,
		"  name: Northern Ledger",
		"  include: [ceasefire, /monitor(s|ing)/i]",
		`- url: ${origin}/valley.rdf`,
		`- url: ${origin}/steppe.json`,
		`- url: ${origin}/kurier.xml`,
		`- url: ${origin}/loud.xml`,
		`- url: ${origin}/broken.xml`,
		`- url: ${origin}/gone.xml`,
		`- url: ${origin}/moved.xml`,
		`- url: ${origin}/slow.xml`,
		"",
	].join("\n");

async function markdownFiles(dir: string): Promise<string[]> {
	return (await readdir(dir, { recursive: true })).filter((file) => file.endsWith(".md")).sort();
}

const byTitle = (articles: Article[], title: string): Article => {
	const found = articles.find((article) => article.title === title);
	assert.ok(found, `an article titled "${title}"`);
	return found as Article;
};

/** A written file's front matter, for the fields the loader does not keep (`lang`). */
async function frontMatter(articlesDir: string, file: string): Promise<Record<string, unknown>> {
	const text = await readFile(path.join(articlesDir, file), "utf8");
	return parseYaml(/^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? "") as Record<string, unknown>;
}

test("fetch writes one article per new matching item of every format, skips and reports the rest, and exits 1 when feeds fail", async () => {
	const outlets = await startOutlets();
	try {
		const articles = await writeArticles({ ...existing, "feeds.yaml": feedsYaml(outlets.origin) });
		// Run from an empty folder: a file written anywhere but the articles folder would show up here.
		const workDir = await tempDir("fetch-cwd-");
		const first = await runScript("fetch.ts", ["--articles", articles, "--timeout", "1"], { cwd: workDir });
		assert.is(first.code, 1, first.stderr);
		assert.not.match(first.stderr, /\n\s+at /);

		// Every failure names its feed and why; the other feeds were read all the same.
		const failures = first.stderr.trim().split("\n").sort();
		assert.equal(failures, [
			`failed: ${outlets.origin}/broken.xml (127.0.0.1): HTTP 500 Internal Server Error`,
			`failed: ${outlets.origin}/gone.xml (127.0.0.1): HTTP 404 Not Found`,
			`failed: ${outlets.origin}/moved.xml (127.0.0.1): not a feed: the address serves an HTML page`,
			`failed: ${outlets.origin}/slow.xml (127.0.0.1): no answer within 1 s (timed out)`,
		]);
		const out = first.stdout;
		assert.match(out, `${outlets.origin}/harbour.xml (Harbour Wire): 1 added, 1 duplicate, 0 seen before, 1 filtered out, 1 skipped`);
		assert.match(out, /duplicate: "Drone strike damages port cranes" is \S+port-cranes-hit\.md \(same source url\)/);
		assert.match(out, /filtered out: "Football: Shakhtar win their cup tie in Kraków" has "football" \(exclude\)/);
		assert.match(out, /skipped: "Ferry timetable changes for the spring" date "sometime last week" is not a date/);
		assert.match(out, `${outlets.origin}/ledger.atom (Northern Ledger): 2 added, 0 duplicates, 0 seen before, 1 filtered out, 0 skipped`);
		assert.match(out, /filtered out: "Orchestra tours Scandinavia" has none of include: ceasefire, \/monitor\(s\|ing\)\/i/);
		assert.match(out, /skipped: "item 2" has no title/);
		assert.match(out, /duplicate: "Parliament approves emergency budget" is \S+emergency-budget\.md \(same title and date\)/);
		assert.match(out, /skipped: "An item that only links to script" has no link/);
		assert.match(out, /10 feeds, 4 failed; 10 articles added, 2 duplicates and 0 seen before skipped, 2 filtered out, 3 malformed\./);

		const written = (await markdownFiles(articles)).filter((file) => !Object.hasOwn(existing, file));
		assert.is(written.length, 10, written.join(", "));
		assert.equal(await readdir(workDir), []);
		// A headline shaped like a path stays a file name inside the month's folder.
		assert.ok(written.includes("2025/03/outside-escape.md"), written.join(", "));
		const digest = await loadDigest(articles, { drafts: true });
		const fetched = digest.articles.filter((article) => written.includes(article.file));
		assert.is(fetched.length, 10);

		// RSS 2.0: content:encoded is the body, the description the summary, dates read in the site's zone.
		const grain = byTitle(fetched, "Grain corridor talks resume in Istanbul");
		assert.is(grain.date, "2025-03-04T11:15:00.000+02:00");
		assert.equal(grain.source, {
			name: "Harbour Wire",
			url: "https://www.harbour.example/world/grain-corridor-talks-istanbul?utm_source=rss&utm_medium=feed",
		});
		assert.equal(grain.authors, ["Mira Kohl"]);
		assert.equal(grain.topics, ["shipping", "black-sea-grain"]);
		assert.is(grain.image, "https://cdn.harbour.example/img/istanbul-talks.jpg");
		assert.match(grain.summary, /^Delegations from Ukraine, Russia and Turkey met in Istanbul/);
		assert.match(grain.html, "<strong>four hours</strong>");
		assert.match(grain.html, 'href="https://www.harbour.example/world/grain-corridor-explainer"');
		assert.match(grain.html, "<li>Inspections at sea</li>");
		assert.is((await frontMatter(articles, grain.file)).lang, "en");

		// Atom: xml:base on the feed and the entry resolves the link, the body's links and images, the enclosure.
		const monitors = byTitle(fetched, "Ceasefire monitors reach the front line");
		assert.is(monitors.source?.url, "https://ledger.example/news/2025/03/ceasefire-monitors");
		assert.equal(monitors.authors, ["Jon Ekberg", "Alma Ruud"]);
		assert.equal(monitors.topics, ["ceasefire"]);
		assert.match(monitors.html, 'href="https://ledger.example/news/about/monitors.html"');
		assert.match(monitors.html, 'href="https://ledger.example/news/2025/03/maps/route"');
		assert.match(monitors.html, 'src="https://ledger.example/news/2025/03/img/convoy.jpg"');
		assert.is(monitors.image, "https://ledger.example/news/2025/03/img/convoy.jpg");
		assert.is(monitors.summary, "An observer mission arrived to check that both sides keep to the ceasefire & the agreed lines.");
		const south = byTitle(fetched, "Monitoring teams double in the south");
		assert.is(south.source?.url, "https://ledger.example/news/monitoring-south");
		assert.match(south.html, 'href="https://ledger.example/news/south/map"');
		assert.is(south.date, "2025-03-05T12:00:00.000+02:00");

		// RSS 1.0 (RDF) with no declared language: detected.
		const rail = byTitle(fetched, "Rail link to Odesa reopens after repairs");
		assert.equal(rail.authors, ["Petra Lind"]);
		assert.is((await frontMatter(articles, rail.file)).lang, "en");

		// JSON Feed: content_html and content_text, authors, image.
		const grid = byTitle(fetched, "Power grid survives the winter with spare capacity");
		assert.equal(grid.authors, ["Dana Orlova", "Ivo Mesk"]);
		assert.is(grid.image, "https://steppe.example/img/substation.jpg");
		assert.match(grid.html, "<p>Imports from the west covered the coldest week.</p>");
		assert.match(byTitle(fetched, "Field hospitals move closer to the front").html, "<p>Staff rotate every ten days.</p>");

		// A Cyrillic feed that declares no language: Russian and Ukrainian told apart; topics from registry aliases.
		const ru = byTitle(fetched, "Переговоры о зерновом коридоре продолжатся в Стамбуле");
		const uk = byTitle(fetched, "Переговори щодо обміну полоненими відновилися");
		assert.is((await frontMatter(articles, ru.file)).lang, "ru");
		assert.is((await frontMatter(articles, uk.file)).lang, "uk");
		assert.equal(ru.topics, ["peace-talks"]);
		assert.equal(uk.topics, ["peace-talks"]);
		assert.is(ru.source?.name, "Вечерний курьер");
		// "MSK", a zone name RFC 822 never had, as Russian outlets write it.
		assert.is(ru.date, "2025-03-05T10:00:00.000+02:00");

		// Hostile markup is gone from the file itself, before any build.
		const bridge = byTitle(fetched, "Mayor opens the new bridge");
		const bridgeText = await readFile(path.join(articles, bridge.file), "utf8");
		for (const hostile of ["alert", "javascript:", "data:", "onclick", "onerror", "<iframe", "<svg", "<form", "<style"])
			assert.not.match(bridgeText, hostile, hostile);
		assert.is(bridge.source?.url, `${outlets.origin}/loud/bridge-opening`);
		assert.is(bridge.image, undefined);
		assert.match(bridge.html, `href="${outlets.origin}/loud/roads"`);

		// Polite requests: a User-Agent naming the digest, gzip accepted.
		const harbourAsked = outlets.requests.find((request) => request.url === "/harbour.xml");
		assert.match(String(harbourAsked?.headers["user-agent"]), /^topic-digest-fetch\//);
		assert.match(String(harbourAsked?.headers["accept-encoding"]), /gzip/);

		// The next run: a 304 for the feed with an ETag, nothing new from the others, and an article the
		// editor deleted stays deleted.
		await rm(path.join(articles, grid.file));
		const second = await runScript("fetch.ts", ["--articles", articles, "--timeout", "1"]);
		assert.is(second.code, 1, second.stderr);
		assert.match(second.stdout, `${outlets.origin}/harbour.xml (Harbour Wire): not modified since the last run`);
		assert.match(
			second.stdout,
			`${outlets.origin}/steppe.json (Steppe Notes): 0 added, 0 duplicates, 3 seen before, 0 filtered out, 0 skipped`,
		);
		assert.match(second.stdout, /10 feeds, 4 failed; 0 articles added/);
		const conditional = outlets.requests.filter((request) => request.url === "/harbour.xml").at(-1);
		assert.is(conditional?.headers["if-none-match"], '"harbour-v1"');
		assert.is(conditional?.headers["if-modified-since"], "Wed, 05 Mar 2025 16:00:00 GMT");
		assert.is((await markdownFiles(articles)).length, Object.keys(existing).length - 2 + 10 - 1);
		const state = JSON.parse(await readFile(path.join(articles, ".feeds-state.json"), "utf8"));
		assert.is(state.feeds[`${outlets.origin}/harbour.xml`].etag, '"harbour-v1"');

		// The built site: the fetched item joins the story an existing article began, and no hostile markup
		// reaches a page.
		const output = path.join(await tempDir("site-"), "_site");
		await buildSite({ articlesDir: articles, outputDir: output });
		const grainPage = await readPage(output, grain.url);
		assert.equal(texts(grainPage, ".also-covered a"), ["Coastal Times"]);
		const bridgePage = await readPage(output, bridge.url);
		const bridgeHtml = await readFile(path.join(output, bridge.url, "index.html"), "utf8");
		assert.equal(texts(bridgePage, "h1"), ["Mayor opens the new bridge"]);
		assert.not.match(bridgeHtml, "alert(");
		const body = bridgePage.querySelector(".article-body");
		assert.match(body?.textContent ?? "", "The mayor cut the ribbon.");
		assert.is(body?.querySelectorAll("script, iframe, style, svg, form, input").length, 0);
		for (const element of bridgePage.querySelectorAll("*")) {
			for (const name of element.getAttributeNames()) assert.not.match(name, /^on/i, `${element.tagName} ${name}`);
			for (const attribute of ["href", "src"]) assert.not.match(element.getAttribute(attribute) ?? "", /^\s*(javascript|data):/i);
		}
	} finally {
		await stop(outlets);
	}
});

test("a dry run prints what would be added and writes nothing, not even the state file", async () => {
	const outlets = await startOutlets();
	try {
		const articles = await writeArticles({ ...existing, "feeds.yaml": `- url: ${outlets.origin}/harbour.xml\n` });
		const before = await markdownFiles(articles);
		const result = await runScript("fetch.ts", ["--articles", articles, "--dry-run"]);
		assert.is(result.code, 0, result.stderr);
		assert.match(
			result.stdout,
			/would add: \S+2025\/03\/grain-corridor-talks-resume-in-istanbul\.md {2}"Grain corridor talks resume in Istanbul"/,
		);
		assert.match(
			result.stdout,
			`${outlets.origin}/harbour.xml (Harbour Wire): 2 to add, 1 duplicate, 0 seen before, 0 filtered out, 1 skipped`,
		);
		assert.match(result.stdout, /Dry run: 1 feed, 0 failed; 2 articles would be added/);
		assert.equal(await markdownFiles(articles), before);
		assert.is(await stat(path.join(articles, ".feeds-state.json")).catch(() => undefined), undefined);
	} finally {
		await stop(outlets);
	}
});

test("a broken feeds.yaml lists every problem as path:line: field: what, exits non-zero and fetches nothing", async () => {
	const outlets = await startOutlets();
	try {
		const articles = await writeArticles({
			"feeds.yaml": [
				`- url: ${outlets.origin}/harbour.xml`,
				"  exlude: [football]",
				"- url: ftp://files.example/feed.xml",
				"- name: No address",
				`- url: ${outlets.origin}/ledger.atom`,
				"  include: [/unclosed(/]",
				"  lang: not a language",
				`- url: ${outlets.origin}/harbour.xml`,
				"",
			].join("\n"),
		});
		const result = await runScript("fetch.ts", ["--articles", articles]);
		assert.is(result.code, 1);
		const lines = result.stderr.trim().split("\n");
		const feedsFile = path.join(articles, "feeds.yaml");
		assert.equal(lines.slice(0, -2), [
			`${feedsFile}:2: 0.exlude: is not a field of a feed (url, name, lang, topics, include, exclude, draft)`,
			`${feedsFile}:3: 1.url: must be an http(s) URL`,
			`${feedsFile}:4: 2.url: is required`,
			`${feedsFile}:7: 3.lang: must be a language code such as en, uk or pt-BR`,
			`${feedsFile}:6: 3.include.0: is not a valid pattern: Invalid regular expression: /unclosed(/: Unterminated group`,
			`${feedsFile}:8: 4.url: repeats item 0's url; list each feed once`,
		]);
		assert.is(lines.at(-1), "6 problems found; nothing was written.");
		assert.is(outlets.requests.length, 0);
		assert.equal(await readdir(articles), ["feeds.yaml"]);

		// `check` reports the same problems, beside the articles'.
		const checked = await runScript("check.ts", ["--articles", articles]);
		assert.is(checked.code, 1);
		assert.equal(checked.stderr.trim().split("\n"), lines);
	} finally {
		await stop(outlets);
	}
});

/** Cyrillic text in windows-1251, the single-byte encoding some Russian and Ukrainian outlets still serve. */
function windows1251(text: string): Buffer {
	const extra: Record<string, number> = {
		Ё: 0xa8,
		ё: 0xb8,
		І: 0xb2,
		і: 0xb3,
		Ї: 0xaf,
		ї: 0xbf,
		Є: 0xaa,
		є: 0xba,
		Ґ: 0xa5,
		ґ: 0xb4,
		"«": 0xab,
		"»": 0xbb,
	};
	return Buffer.from(
		[...text].map((char) => {
			const code = char.codePointAt(0) ?? 0x3f;
			if (code < 0x80) return code;
			if (code >= 0x410 && code <= 0x44f) return 0xc0 + code - 0x410;
			return extra[char] ?? 0x3f;
		}),
	);
}

test("a feed in windows-1251 that says so only in its XML declaration is read as Cyrillic", async () => {
	const utf8 = await readFile(path.join(fixtures, "kurier-ru.xml"), "utf8");
	const bytes = windows1251(utf8.replace('encoding="UTF-8"', 'encoding="windows-1251"'));
	const outlets = await startOutlets();
	outlets.server.removeAllListeners("request");
	outlets.server.on("request", (_request, response) => {
		response.writeHead(200, { "content-type": "application/rss+xml" });
		response.end(bytes);
	});
	try {
		const articles = await writeArticles({ "feeds.yaml": `- url: ${outlets.origin}/kurier.xml\n` });
		const report = await fetchFeeds({ articlesDir: articles, dryRun: true });
		assert.is(report.feeds[0]?.name, "Вечерний курьер");
		assert.equal(
			report.feeds[0]?.added.map((added) => added.title),
			["Переговоры о зерновом коридоре продолжатся в Стамбуле", "Переговори щодо обміну полоненими відновилися"],
		);
	} finally {
		await stop(outlets);
	}
});

test("--full keeps the page's readable text, and a feed marked draft writes drafts the published build leaves out", async () => {
	const page = [
		"<!doctype html><html><head><title>Bridge reopens | Harbour Wire</title></head><body>",
		"<nav><a href='/'>Home</a> <a href='/sport'>Sport</a></nav>",
		"<article><h1>Bridge reopens to lorries</h1>",
		"<p>The river bridge reopened to lorries on Wednesday morning after engineers finished strengthening its central span.</p>",
		"<p>Hauliers had used a ferry crossing for five weeks, adding a day to each round trip to the port.</p>",
		"<p>The regional council said weight checks would continue at both ends of the bridge until the summer.</p>",
		"</article><footer>Subscribe to our newsletter</footer></body></html>",
	].join("\n");
	const feed = `<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Wire</title><link>https://harbour.example/</link><item><title>Bridge reopens to lorries</title><link>/stories/bridge</link><pubDate>Wed, 05 Mar 2025 07:00:00 +0000</pubDate><description>Short teaser only.</description></item></channel></rss>`;
	const outlets = await startOutlets({
		"/full.xml": { text: feed, type: "application/rss+xml" },
		"/stories/bridge": { text: page, type: "text/html; charset=utf-8" },
	});
	try {
		const articles = await writeArticles({
			"site.yaml": "zone: Europe/Kyiv\n",
			"feeds.yaml": `- url: ${outlets.origin}/full.xml\n  draft: true\n  topics: [transport]\n`,
		});
		const report = await fetchFeeds({ articlesDir: articles, full: true, timeoutMs: 2000 });
		assert.is(report.feeds[0]?.added.length, 1);
		const [article] = (await loadDigest(articles, { drafts: true })).articles;
		assert.is(article?.draft, true);
		assert.match(article?.html ?? "", "Hauliers had used a ferry crossing for five weeks");
		assert.not.match(article?.html ?? "", "Short teaser only");
		assert.not.match(article?.html ?? "", "Subscribe");
		assert.ok(outlets.requests.some((request) => request.url === "/stories/bridge"));
		assert.equal((await loadDigest(articles)).articles, []);
	} finally {
		await stop(outlets);
	}
});

test.run();
