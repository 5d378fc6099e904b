/**
 * Existing content builds as it is: whole sites under test/fixtures/migrated/, laid out as Jekyll, Hugo,
 * Zola, wordpress-export-to-markdown (both of its layouts) and a news archive keep them, each built with the real config
 * exactly as it is, at the root and under a GitHub Pages path prefix. Every post reaches its page, the
 * timeline, the sitemap and search; a crawl of the output finds no broken link or image; every old URL
 * redirects; no template wrapper or summary marker is left visible.
 */
import { cp, mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { imageSize } from "image-size";
import { parseHTML } from "linkedom";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { type BuildResult, buildSite } from "../../src/commands/build.ts";
import { type Article, loadDigest } from "../../src/content/load.ts";
import { type ContentWarning, summariseWarnings } from "../../src/content/warnings.ts";
import { projectRoot } from "../../src/paths.ts";
import { searchBuiltSite } from "../../src/search/terminal.ts";
import { crawlSite, fileFor, htmlFiles, visibleTexts } from "../support/crawl.ts";
import { type BuiltFixture, builtFixture, byTitle, readPage, tempDir, texts, writeArticles } from "../support/fixtures.ts";
import { runScript } from "../support/run-script.ts";

const fixtures = path.join(projectRoot, "test", "fixtures", "migrated");
const prefix = "/repo/";
const prefixedSiteUrl = "https://example.github.io/repo";
const rootSiteUrl = "https://digest.example.org";

interface SiteSpec {
	/** The folder under test/fixtures/migrated/ passed as the articles folder. */
	folder: string;
	/** Every post the site holds that is published today, by title. */
	titles: string[];
	/** Old URLs by the title of the article they must redirect to. */
	aliases: Record<string, string[]>;
}

const sites: Record<string, SiteSpec> = {
	jekyll: {
		folder: "jekyll",
		titles: [
			"Riyadh talks: a first meeting",
			"Jeddah: a 30-day ceasefire proposal",
			"Black Sea talks end in Riyadh",
			"Statement on the Black Sea",
			"Reactions from Kyiv",
		],
		aliases: {
			// redirect_from; and the address Jekyll gave each post (its pattern ends in :output_ext).
			"Riyadh talks: a first meeting": [
				"/2025/02/18/riyadh-talks.html",
				"/news/riyadh/",
				"/diplomacy/russia/2025/02/18/riyadh-talks-begin.html",
			],
			"Jeddah: a 30-day ceasefire proposal": ["/ceasefire/2025/03/11/jeddah-ceasefire-proposal.html"],
			"Statement on the Black Sea": ["/2025/03/25/black-sea-statement.html"],
		},
	},
	hugo: {
		folder: "hugo",
		titles: [
			"Rubio and Lavrov meet in Riyadh",
			"Black Sea deal: ships may pass again",
			"Energy pause agreed",
			"Dated by its file name",
			"Geneva statement on prisoners",
			"Saved on Windows",
		],
		aliases: {
			"Rubio and Lavrov meet in Riyadh": ["/2025/02/riyadh-summit/", "/posts/riyadh.html"],
			"Black Sea deal: ships may pass again": ["/2025/03/black-sea/"],
		},
	},
	zola: {
		folder: "zola",
		titles: ["Prisoner exchange agreed in Istanbul", "Embassies to restore their staff", "Weekly notes", "Geneva round ends"],
		aliases: { "Prisoner exchange agreed in Istanbul": ["/blog/2025/istanbul/", "/istanbul.html"] },
	},
	"wordpress-flat": {
		folder: "wordpress-flat/output",
		titles: ["Embassy talks in Istanbul", "Talks in Jeddah"],
		aliases: {},
	},
	wordpress: {
		folder: "wordpress/output",
		titles: [
			"U.S. and Russian delegations meet in Riyadh",
			"Three years on, leaders gather in Kyiv",
			"Putin and Trump speak for two hours",
		],
		aliases: {},
	},
	news: {
		folder: "news",
		titles: [
			"Event 0022: update from Riyadh",
			"Event 0022: update from Jeddah",
			"Event 0023: update from Istanbul",
			"Event 0023: update from Kyiv",
			"Event 0023: update from Geneva",
			"Event 0024: update from Odesa",
			"Event 0024: update from Kharkiv",
			"Event 0025: update from Riyadh",
			"Event 0025: update from Jeddah",
			"Event 0026: update from Istanbul",
			"Event 0026: update from Kyiv",
			"Event 0027: talks move to Jeddah",
			"Event 0027: technical teams meet",
			"Event 0028: Black Sea proposal",
			"Event 0028: statement from Kyiv",
			"Event 0028: follow-up questions",
			...Array.from({ length: 10 }, () => "Weekly roundup"),
			"Prisoner swap after months of talks",
			"Wire copy from Riyadh",
			"Energy strikes to pause after the call",
			"Reactions to the call",
		],
		aliases: {},
	},
	docusaurus: {
		folder: "docusaurus/blog",
		titles: ["Delegations meet in Riyadh", "A ceasefire proposal in Jeddah", "Black Sea talks end"],
		aliases: {},
	},
	"jekyll-html": {
		folder: "jekyll-html",
		titles: ["Episode 1: the road to Riyadh", "The numbers behind the talks", "Reader mail"],
		aliases: {},
	},
};

/** The site built once per process and prefix, from a copy of its fixture folder. */
const built = (name: string, pathPrefix = prefix): Promise<BuiltFixture> =>
	builtFixture(path.join(fixtures, (sites[name] as SiteSpec).folder), pathPrefix, pathPrefix === "/" ? rootSiteUrl : prefixedSiteUrl);

/** A URL as the built page links it: the site path under the prefix. */
const linked = (pathPrefix: string, sitePath: string) => `${pathPrefix}${sitePath.slice(1)}`;

/** `href` as a path on the site, resolved against the page at `pagePath` (both with the prefix). */
const resolvedPath = (href: string, pagePath: string): string => {
	const siteOrigin = new URL(prefixedSiteUrl).origin;
	const url = new URL(href.replace(rootSiteUrl, siteOrigin), `${siteOrigin}${pagePath}`);
	return url.origin === siteOrigin ? decodeURIComponent(url.pathname) : url.href;
};

async function sitemapLocs(outputDir: string): Promise<string[]> {
	const files = ((await readdir(outputDir)) as string[]).filter((file) => /^sitemap.*\.xml$/.test(file));
	const locs: string[] = [];
	for (const file of files)
		for (const [, loc] of (await readFile(path.join(outputDir, file), "utf8")).matchAll(/<loc>([^<]+)<\/loc>/g)) locs.push(loc ?? "");
	return locs;
}

async function feedItemUrls(outputDir: string): Promise<string[]> {
	const feed = JSON.parse(await readFile(path.join(outputDir, "feed.json"), "utf8")) as { items: { url: string }[] };
	const atom = await readFile(path.join(outputDir, "feed.xml"), "utf8");
	return [...feed.items.map((item) => item.url), ...[...atom.matchAll(/<link[^>]*\shref="([^"]+)"/g)].map(([, href]) => href ?? "")];
}

async function allSearchUrls(outputDir: string): Promise<string[]> {
	const all = await searchBuiltSite({ outputDir, query: "", limit: 1000 });
	assert.ok(all.count <= 1000);
	return all.results.map((result) => result.url);
}

const warningsOf = (result: BuildResult): readonly ContentWarning[] => result.digest.warnings;

for (const [name, spec] of Object.entries(sites)) {
	test(`${name}: the site builds as it is with 0 errors, and its articles are exactly the posts it holds`, async () => {
		const { result } = await built(name);
		assert.equal(result.digest.articles.map((article) => article.title).sort(), [...spec.titles].sort());
		const urls = result.digest.articles.map((article) => article.url);
		assert.is(new Set(urls).size, urls.length, "every article has its own URL");
	});

	test(`${name}: every post is on its own page (h1 = title), on the timeline, in the sitemap and in search`, async () => {
		const { outputDir, result, pathPrefix, siteUrl } = await built(name);
		const timelineLinks = new Set<string>();
		for (const sitePath of (await htmlFiles(outputDir)).filter((page) => page.startsWith("/timeline/"))) {
			const page = await readPage(outputDir, sitePath);
			for (const link of page.querySelectorAll("main a[href]"))
				timelineLinks.add(resolvedPath(link.getAttribute("href") ?? "", linked(pathPrefix, sitePath)));
		}
		const locs = new Set(await sitemapLocs(outputDir));
		const searched = new Set(await allSearchUrls(outputDir));
		for (const article of result.digest.articles) {
			const page = await readPage(outputDir, article.url);
			assert.equal(texts(page, "h1"), [article.title], article.url);
			assert.ok(timelineLinks.has(linked(pathPrefix, article.url)), `${article.url} on a timeline page`);
			assert.ok(locs.has(`${siteUrl}${article.url}`), `${article.url} in the sitemap`);
			assert.ok(searched.has(article.url), `${article.url} in the search index`);
		}
		assert.is(searched.size, result.digest.articles.length, "search holds the articles and nothing else");
	});

	for (const pathPrefix of ["/", prefix]) {
		test(`${name}: a crawl of every page, feed and sitemap built under ${pathPrefix} finds no broken link or image and none escaping the prefix`, async () => {
			const { outputDir, siteUrl } = await built(name, pathPrefix);
			const report = await crawlSite({ outputDir, pathPrefix, siteUrl });
			assert.equal(report.broken, [], `${report.broken.length} broken`);
			assert.equal(report.escaping, [], `${report.escaping.length} escaping the prefix`);
			assert.ok(report.checked.size > report.pages.length, `${report.checked.size} URLs checked`);
		});
	}

	test(`${name}: every local image an article shows loads, with the file's own width and height, lazily`, async () => {
		const { outputDir, result, pathPrefix } = await built(name);
		for (const article of result.digest.articles) {
			const page = await readPage(outputDir, article.url);
			for (const img of page.querySelectorAll("article img")) {
				const src = img.getAttribute("src") ?? "";
				const where = resolvedPath(src, linked(pathPrefix, article.url));
				if (/^https?:/.test(where)) continue;
				assert.ok(where.startsWith(pathPrefix), `${src} on ${article.url} is under the prefix`);
				const file = await fileFor(outputDir, `/${where.slice(pathPrefix.length)}`);
				assert.ok(file, `${src} on ${article.url} loads`);
				const size = imageSize(await readFile(file as string));
				assert.is(img.getAttribute("width"), String(size.width), `${src} width`);
				assert.is(img.getAttribute("height"), String(size.height), `${src} height`);
				if (img.closest(".article-body")) assert.is(img.getAttribute("loading"), "lazy", `${src} loading`);
			}
		}
	});

	if (Object.keys(spec.aliases).length > 0)
		test(`${name}: every old URL is a redirect page to the article's new URL, left out of the sitemap, search and feeds`, async () => {
			const { outputDir, result, pathPrefix, siteUrl } = await built(name);
			const locs = await sitemapLocs(outputDir);
			const searched = await allSearchUrls(outputDir);
			const feedUrls = await feedItemUrls(outputDir);
			for (const [title, aliases] of Object.entries(spec.aliases)) {
				const target = linked(pathPrefix, byTitle(result.digest.articles, title).url);
				for (const alias of aliases) {
					const file = await fileFor(outputDir, alias);
					assert.ok(file, `a page at ${alias}`);
					const { document } = parseHTML(await readFile(file as string, "utf8"));
					const aliasPath = linked(pathPrefix, alias);
					const refresh = document.querySelector('meta[http-equiv="refresh" i]')?.getAttribute("content") ?? "";
					const refreshUrl = /url\s*=\s*['"]?([^'"]+)/i.exec(refresh)?.[1] ?? "";
					assert.is(resolvedPath(refreshUrl, aliasPath), target, `${alias} refreshes to ${target}`);
					const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute("href") ?? "";
					assert.is(resolvedPath(canonical, aliasPath), target, `${alias} names ${target} as canonical`);
					const links = [...document.querySelectorAll("a[href]")].map((a) => resolvedPath(a.getAttribute("href") ?? "", aliasPath));
					assert.ok(links.includes(target), `${alias} has a plain link to ${target}`);
					assert.not.ok(locs.includes(`${siteUrl}${alias}`), `${alias} not in the sitemap`);
					assert.not.ok(searched.includes(alias), `${alias} not in search`);
					assert.not.ok(
						feedUrls.some((url) => url.endsWith(alias)),
						`${alias} not in the feeds`,
					);
				}
			}
		});

	test(`${name}: no Liquid wrapper, shortcode delimiter of a converted tag or summary marker is visible on any page`, async () => {
		const { outputDir } = await built(name);
		for (const [sitePath, text] of await visibleTexts(outputDir)) {
			assert.not.match(text, /\{%-?\s*(raw|endraw|post_url|link)\b/, `${sitePath}`);
			assert.not.match(text, /\{\{<\s*\/?(figure|youtube|ref|relref)\b/, `${sitePath}`);
			assert.not.match(text, /<!--\s*(more|truncate)\s*-->/, `${sitePath}`);
		}
	});

	test(`${name}: no MDX, admonition, raw-HTML or comment syntax is visible in any article's text, and each article page has one <h1>`, async () => {
		const { outputDir, result } = await built(name);
		for (const article of result.digest.articles) {
			const page = await readPage(outputDir, article.url);
			assert.is(page.querySelectorAll("h1").length, 1, `${article.url}: one <h1>`);
			const body = page.querySelector(".article-body");
			// Code is shown as written, import lines and tags included; the prose around it is what is checked.
			for (const code of body?.querySelectorAll("pre, code") ?? []) code.remove();
			const text = body?.textContent ?? "";
			assert.not.match(text, /^\s*(import|export)\s/m, article.url);
			assert.not.match(text, /:::/, article.url);
			assert.not.match(text, /<\/?[A-Za-z][\w.]*(\s[^<>]*)?\/?>/, `${article.url}: a tag shown as text`);
			assert.not.match(text, /<!--|-->|\{\/\*/, article.url);
			assert.not.match(body?.innerHTML ?? "", /&lt;(table|audio|iframe|details|img|pre|div)\b/i, article.url);
		}
	});
}

// What each engine's own forms mean, site by site.

test("jekyll: the offset date, space-separated categories, singular category and tags become the date and topics", async () => {
	const { outputDir, result } = await built("jekyll");
	const first = byTitle(result.digest.articles, "Riyadh talks: a first meeting");
	const page = await readPage(outputDir, first.url);
	assert.is(Date.parse(page.querySelector("article time")?.getAttribute("datetime") ?? ""), Date.parse("2025-02-18T10:30:00+03:00"));
	assert.equal([...first.topics].sort(), ["diplomacy", "russia", "ukraine-war", "us-russia-relations"]);
	assert.match(page.querySelector(".authors")?.textContent ?? "", "Ann One");
	const jeddah = byTitle(result.digest.articles, "Jeddah: a 30-day ceasefire proposal");
	assert.equal(jeddah.topics, ["ceasefire"]);
	assert.is(Date.parse(jeddah.date), Date.parse("2025-03-11T18:05:52+03:00"));
	assert.equal(byTitle(result.digest.articles, "Statement on the Black Sea").topics, []);
	assert.equal(byTitle(result.digest.articles, "Reactions from Kyiv").topics, ["ukraine-war"]);
});

test("jekyll: a post with published: false and a dateless draft in _drafts/ are left out everywhere, as Jekyll leaves them out", async () => {
	const { outputDir, result } = await built("jekyll");
	assert.not.ok(result.digest.articles.some((article) => article.title === "Withdrawn note"));
	assert.not.ok(result.digest.articles.some((article) => article.file.startsWith("_drafts/")));
	for (const [sitePath, text] of await visibleTexts(outputDir)) assert.not.match(text, /Withdrawn note|monitoring the ceasefire/, sitePath);
	assert.not.match(await readFile(path.join(outputDir, "feed.xml"), "utf8"), "withdrawn-note");
});

test("jekyll: the text before <!--more--> is the summary, and the marker is not shown", async () => {
	const { outputDir, result } = await built("jekyll");
	const first = byTitle(result.digest.articles, "Riyadh talks: a first meeting");
	assert.is(first.summary, "Senior U.S. and Russian officials met at Diriyah Palace, the first meeting in three years.");
	const page = await readPage(outputDir, first.url);
	assert.is(page.querySelector('meta[name="description"]')?.getAttribute("content"), first.summary);
	const body = page.querySelector(".article-body")?.textContent ?? "";
	assert.match(body, "The delegations agreed to restore embassy staff.");
	assert.not.match(body, "more-->");
});

test("jekyll: raw/endraw is unwrapped, post_url and link point at the targets' new pages, include is shown as text and reported", async () => {
	const { outputDir, result, pathPrefix } = await built("jekyll");
	const first = byTitle(result.digest.articles, "Riyadh talks: a first meeting");
	const jeddah = byTitle(result.digest.articles, "Jeddah: a 30-day ceasefire proposal");
	const page = await readPage(outputDir, first.url);
	const body = page.querySelector(".article-body");
	const text = body?.textContent ?? "";
	assert.match(text, "the post wrote {{ page.title }} between raw tags.");
	assert.not.match(text, /\{%-?\s*(end)?raw/);
	assert.match(text, "Welcome to {{ site.title }}.");
	const jeddahLink = [...(body?.querySelectorAll("a") ?? [])].find((a) => a.textContent === "Jeddah");
	assert.is(resolvedPath(jeddahLink?.getAttribute("href") ?? "", linked(pathPrefix, first.url)), linked(pathPrefix, jeddah.url));
	const back = [...(await readPage(outputDir, jeddah.url)).querySelectorAll(".article-body a")].find(
		(a) => a.textContent === "the first meeting",
	);
	assert.is(resolvedPath(back?.getAttribute("href") ?? "", linked(pathPrefix, jeddah.url)), linked(pathPrefix, first.url));
	assert.match(text, '{% include related.html topic="riyadh" %}');
	// Reported once per file (docs/content.md), naming the first tag it does not run: `{{ site.title }}` or the include.
	const reported = warningsOf(result).filter(
		(warning) => warning.kind === "template-tag" && warning.path?.endsWith("2025-02-18-riyadh-talks-begin.markdown"),
	);
	assert.is(reported.length, 1, JSON.stringify(reported));
	assert.match(reported[0]?.message ?? "", /unsupported template tag .*(site\.title|include related\.html)/);
	assert.not.ok(
		warningsOf(result).some((warning) => /\{%-?\s*(raw|endraw|post_url|link)\b/.test(warning.message)),
		"the tags the build understands are not reported",
	);
});

test("jekyll: raw HTML in a post is sanitised: the note is an element, its script is gone", async () => {
	const { outputDir, result } = await built("jekyll");
	const page = await readPage(outputDir, byTitle(result.digest.articles, "Riyadh talks: a first meeting").url);
	const body = page.querySelector(".article-body");
	const note = [...(body?.querySelectorAll("div") ?? [])].find((div) => div.textContent === "An editor's note in raw HTML.");
	assert.ok(note, body?.innerHTML);
	assert.is(body?.querySelectorAll("script").length, 0);
	assert.not.match(body?.textContent ?? "", /<div|migrated/);
	assert.not.ok([...page.querySelectorAll("script")].some((script) => (script.textContent ?? "").includes("migrated")));
});

test("jekyll: a post's own permalink is its URL; the dateless root pages are not articles and do not stop the build", async () => {
	const { outputDir, result, pathPrefix } = await built("jekyll");
	const blackSea = byTitle(result.digest.articles, "Black Sea talks end in Riyadh");
	assert.is(blackSea.url, "/2025/03/25/black-sea/");
	assert.equal(texts(await readPage(outputDir, "/2025/03/25/black-sea/"), "h1"), ["Black Sea talks end in Riyadh"]);
	assert.not.ok(result.digest.articles.some((article) => /about|index/i.test(article.file)));
	const leftOut = warningsOf(result).filter((warning) => warning.kind === "not-article");
	const leftOutFiles = leftOut.map((warning) => warning.path ?? "");
	for (const page of ["about.md", "index.md"])
		assert.ok(
			leftOutFiles.some((file) => file.endsWith(`/${page}`)),
			JSON.stringify(leftOut),
		);
	assert.not.ok(
		leftOutFiles.some((file) => file.includes("/_posts/")),
		"no post is taken for a page",
	);
	// A root-absolute image into the site's assets/ folder, as Jekyll's docs show it, is published there.
	const first = byTitle(result.digest.articles, "Riyadh talks: a first meeting");
	const img = (await readPage(outputDir, first.url)).querySelector('.article-body img[alt="Diriyah Palace"]');
	assert.is(resolvedPath(img?.getAttribute("src") ?? "", linked(pathPrefix, first.url)), linked(pathPrefix, "/assets/images/diriyah.png"));
	assert.ok(await fileFor(outputDir, "/assets/images/diriyah.png"));
	// Jekyll's docs write site paths through Liquid: `{{ "/x" | relative_url }}` and `{{ site.baseurl }}/x`.
	const jeddah = byTitle(result.digest.articles, "Jeddah: a 30-day ceasefire proposal");
	const jeddahBody = (await readPage(outputDir, jeddah.url)).querySelector(".article-body");
	const venue = jeddahBody?.querySelector('img[alt="The talks venue in Jeddah"]');
	assert.is(
		resolvedPath(venue?.getAttribute("src") ?? "", linked(pathPrefix, jeddah.url)),
		linked(pathPrefix, "/assets/images/jeddah.png"),
	);
	const statement = [...(jeddahBody?.querySelectorAll("a") ?? [])].find((a) => a.textContent === "on this site");
	assert.is(
		resolvedPath(statement?.getAttribute("href") ?? "", linked(pathPrefix, jeddah.url)),
		linked(pathPrefix, "/assets/joint-statement.txt"),
	);
	assert.ok(await fileFor(outputDir, "/assets/joint-statement.txt"));
	assert.not.match(jeddahBody?.textContent ?? "", /relative_url|site\.baseurl/);
	// jekyll-seo-tag's `image`, root-absolute too, is the lead image.
	const lead = [...(await readPage(outputDir, first.url)).querySelectorAll("article img")].filter(
		(element) => !element.closest(".article-body"),
	);
	assert.equal(
		lead.map((element) => resolvedPath(element.getAttribute("src") ?? "", linked(pathPrefix, first.url))),
		[linked(pathPrefix, "/assets/images/diriyah.png")],
	);
});

test("hugo: TOML front matter is read, sections (_index.md) are not articles, a bundle takes its folder's name", async () => {
	const { result } = await built("hugo");
	const summit = byTitle(result.digest.articles, "Rubio and Lavrov meet in Riyadh");
	assert.is(Date.parse(summit.date), Date.parse("2025-02-18T09:00:00Z"));
	assert.equal([...summit.topics].sort(), ["diplomacy", "news", "us-russia-relations"]);
	const deal = byTitle(result.digest.articles, "Black Sea deal: ships may pass again");
	assert.is(deal.slug, "black-sea-deal");
	assert.is(deal.summary, "Both sides agreed to safe navigation in the Black Sea.");
	assert.is(Date.parse(deal.date), Date.parse("2025-03-25T16:00:00+02:00"));
	assert.not.ok(result.digest.articles.some((article) => article.file.endsWith("_index.md")));
	const energy = byTitle(result.digest.articles, "Energy pause agreed");
	assert.equal(energy.topics, ["energy", "ceasefire", "analysis"]);
	assert.equal(energy.authors, ["Bo Two", "Cy Three"]);
	assert.is(energy.summary, "A 30-day halt to strikes on energy infrastructure.");
	assert.is(energy.url, "/analysis/energy-pause/", "Hugo's url field is the page's own URL");
	assert.is(byTitle(result.digest.articles, "Dated by its file name").day, "2025-03-20");
	const json = byTitle(result.digest.articles, "Geneva statement on prisoners");
	assert.is(Date.parse(json.date), Date.parse("2025-03-05T14:30:00+01:00"));
	assert.equal([...json.topics].sort(), ["news", "prisoner-exchange"]);
	const windows = byTitle(result.digest.articles, "Saved on Windows");
	assert.is(Date.parse(windows.date), Date.parse("2025-03-06T08:00:00+02:00"));
	assert.equal(windows.topics, ["diplomacy"]);
	assert.is(windows.html, "<p>TOML front matter with a BOM and CRLF line endings.</p>\n<p>Second paragraph.</p>\n");
});

test("hugo: drafts, a future publishDate and a past expiryDate are not published anywhere", async () => {
	const { outputDir, result } = await built("hugo");
	const titles = result.digest.articles.map((article) => article.title);
	for (const title of ["Briefing scheduled for next year", "Notice: press centre hours", "Unfinished draft"])
		assert.not.ok(titles.includes(title), title);
	for (const [sitePath, text] of await visibleTexts(outputDir)) {
		assert.not.match(text, /Briefing scheduled for next year|press centre hours|Unfinished draft/, sitePath);
	}
	const feed = await readFile(path.join(outputDir, "feed.xml"), "utf8");
	assert.not.match(feed, /scheduled-briefing|expired-notice|unfinished-draft/);
	assert.not.match((await sitemapLocs(outputDir)).join("\n"), /scheduled-briefing|expired-notice|unfinished-draft/);
});

test("hugo: a scheduled post appears with future on or once its moment has come; an expired one stays out", async () => {
	const articlesDir = path.join(await tempDir("hugo-schedule-"), "site");
	await cp(path.join(fixtures, "hugo"), articlesDir, { recursive: true });
	const titles = async (options: Parameters<typeof loadDigest>[1]) =>
		(await loadDigest(articlesDir, { cache: false, ...options })).articles.map((article) => article.title);
	const scheduled = "Briefing scheduled for next year";
	const expired = "Notice: press centre hours";
	assert.not.ok((await titles({ now: "2098-12-31T23:59:00Z" })).includes(scheduled));
	assert.ok((await titles({ now: "2099-01-01T06:00:00Z" })).includes(scheduled), "published at its publishDate");
	assert.ok((await titles({ future: true })).includes(scheduled), "shown with future on");
	assert.ok((await titles({ now: "2025-02-28T23:00:00Z" })).includes(expired), "shown before its expiryDate");
	assert.not.ok((await titles({ future: true, drafts: true })).includes(expired), "gone after its expiryDate, whatever else is shown");
	assert.ok((await titles({ drafts: true })).includes("Unfinished draft"), "drafts only when asked for");
});

test("hugo: a bundle's files are published beside its page; figure becomes a figure, youtube a link, ref/relref the targets' URLs", async () => {
	const { outputDir, result, pathPrefix } = await built("hugo");
	const deal = byTitle(result.digest.articles, "Black Sea deal: ships may pass again");
	const summit = byTitle(result.digest.articles, "Rubio and Lavrov meet in Riyadh");
	const energy = byTitle(result.digest.articles, "Energy pause agreed");
	for (const file of ["harbour.jpg", "corridor.png", "statement.pdf"])
		assert.ok(await fileFor(outputDir, `${deal.url}${file}`), `${file} beside the page`);
	const page = await readPage(outputDir, deal.url);
	const pagePath = linked(pathPrefix, deal.url);
	const body = page.querySelector(".article-body");
	const figure = body?.querySelector("figure");
	assert.is(resolvedPath(figure?.querySelector("img")?.getAttribute("src") ?? "", pagePath), `${pagePath}corridor.png`);
	assert.is(figure?.querySelector("img")?.getAttribute("alt"), "Map of the shipping corridor");
	assert.is(figure?.querySelector("figcaption")?.textContent?.trim(), "The corridor agreed in Riyadh");
	const statement = [...(body?.querySelectorAll("a") ?? [])].find((a) => a.textContent === "the statement");
	assert.is(resolvedPath(statement?.getAttribute("href") ?? "", pagePath), `${pagePath}statement.pdf`);
	assert.is(body?.querySelectorAll("iframe").length, 0);
	assert.ok(
		[...(body?.querySelectorAll("a") ?? [])].some((a) =>
			/^https:\/\/(www\.)?youtube\.com\/watch\?v=0RKpf3rK57I$/.test(a.getAttribute("href") ?? ""),
		),
		"a link to the video",
	);
	const back = [...(body?.querySelectorAll("a") ?? [])].find((a) => a.textContent === "the first meeting");
	assert.is(resolvedPath(back?.getAttribute("href") ?? "", pagePath), linked(pathPrefix, summit.url));
	const summitBody = (await readPage(outputDir, summit.url)).querySelector(".article-body");
	const summitPath = linked(pathPrefix, summit.url);
	const hrefOf = (text: string) =>
		resolvedPath(
			[...(summitBody?.querySelectorAll("a") ?? [])].find((a) => a.textContent === text)?.getAttribute("href") ?? "",
			summitPath,
		);
	assert.is(hrefOf("the pause"), linked(pathPrefix, energy.url));
	assert.is(hrefOf("the Black Sea deal"), linked(pathPrefix, deal.url));
});

test("hugo: an image in static/ referenced from the site root is published at that root path", async () => {
	const { outputDir, result, pathPrefix } = await built("hugo");
	const summit = byTitle(result.digest.articles, "Rubio and Lavrov meet in Riyadh");
	const img = (await readPage(outputDir, summit.url)).querySelector('.article-body img[alt="Kyiv central station"]');
	assert.is(resolvedPath(img?.getAttribute("src") ?? "", linked(pathPrefix, summit.url)), linked(pathPrefix, "/images/kyiv-station.png"));
	assert.ok(await fileFor(outputDir, "/images/kyiv-station.png"));
	assert.not.ok(
		result.digest.warnings.some((warning) => warning.kind === "missing-image"),
		JSON.stringify(result.digest.warnings),
	);
});

test("hugo: the lead image shows atop the article and in og:image, JSON-LD and the feeds, as absolute URLs there", async () => {
	const { outputDir, result, pathPrefix, siteUrl } = await built("hugo");
	const deal = byTitle(result.digest.articles, "Black Sea deal: ships may pass again");
	const page = await readPage(outputDir, deal.url);
	const lead = [...page.querySelectorAll("article img")].filter((img) => !img.closest(".article-body"));
	assert.equal(
		lead.map((img) => resolvedPath(img.getAttribute("src") ?? "", linked(pathPrefix, deal.url))),
		[linked(pathPrefix, `${deal.url}harbour.jpg`)],
	);
	const absolute = `${siteUrl}${deal.url}harbour.jpg`;
	assert.is(page.querySelector('meta[property="og:image"]')?.getAttribute("content"), absolute);
	const jsonLd = [...page.querySelectorAll('script[type="application/ld+json"]')].map((script) => script.textContent ?? "").join("\n");
	assert.match(jsonLd, absolute);
	const feed = JSON.parse(await readFile(path.join(outputDir, "feed.json"), "utf8")) as { items: { url: string; image?: string }[] };
	assert.is(feed.items.find((item) => item.url === `${siteUrl}${deal.url}`)?.image, absolute);
	assert.match(await readFile(path.join(outputDir, "feed.xml"), "utf8"), absolute);
});

test("hugo: unsupported shortcodes are shown as text and reported once per file", async () => {
	const { outputDir, result } = await built("hugo");
	const summit = byTitle(result.digest.articles, "Rubio and Lavrov meet in Riyadh");
	const text = (await readPage(outputDir, summit.url)).querySelector(".article-body")?.textContent ?? "";
	assert.match(text, '{{< tweet user="StateDept" id="1891805471234567890" >}}');
	const energy = (await readPage(outputDir, byTitle(result.digest.articles, "Energy pause agreed").url)).querySelector(".article-body");
	assert.match(energy?.textContent ?? "", "{{% notice info %}}Updated after the call.{{% /notice %}}");
	assert.match(energy?.textContent ?? "", 'Written for {{ .Site.Title }} with {{ partial "byline.html" . }} in the template.');
	assert.is(energy?.querySelectorAll("iframe").length, 0);
	const tagWarnings = warningsOf(result).filter((warning) => warning.kind === "template-tag");
	const files = tagWarnings.map((warning) => path.basename(warning.path ?? ""));
	assert.equal(files.filter((file) => file === "riyadh-summit.md").length, 1, JSON.stringify(tagWarnings));
	assert.match(
		tagWarnings.find((warning) => warning.path?.endsWith("riyadh-summit.md"))?.message ?? "",
		/unsupported template tag .*tweet/,
	);
	assert.equal(files.filter((file) => file === "energy-pause.md").length, 1, JSON.stringify(tagWarnings));
	assert.not.ok(files.includes("index.md"), "figure, youtube and ref are understood, not reported");
});

test("zola: TOML dates, [taxonomies] tags, description, authors, <!-- more --> and an @/ internal link", async () => {
	const { outputDir, result, pathPrefix } = await built("zola");
	const istanbul = byTitle(result.digest.articles, "Prisoner exchange agreed in Istanbul");
	const embassy = byTitle(result.digest.articles, "Embassies to restore their staff");
	assert.is(istanbul.day, "2025-05-16");
	assert.equal(istanbul.topics, ["prisoner-exchange", "diplomacy"]);
	assert.equal(istanbul.authors, ["Eve Five"]);
	assert.is(istanbul.summary, "The largest exchange of the war, agreed after two hours.");
	assert.is(Date.parse(embassy.date), Date.parse("2025-02-27T12:00:00+03:00"));
	assert.is(embassy.slug, "embassy-reopens");
	const page = await readPage(outputDir, istanbul.url);
	const body = page.querySelector(".article-body");
	assert.match(body?.textContent ?? "", "They agreed to exchange a thousand prisoners each.");
	const here = [...(body?.querySelectorAll("a") ?? [])].find((a) => a.textContent === "here");
	assert.is(resolvedPath(here?.getAttribute("href") ?? "", linked(pathPrefix, istanbul.url)), linked(pathPrefix, embassy.url));
	assert.ok(await fileFor(outputDir, `${embassy.url}minutes.txt`), "a colocated file is published beside its page");
	const weekly = byTitle(result.digest.articles, "Weekly notes");
	assert.is(weekly.day, "2025-03-01");
	assert.equal(weekly.topics, []);
	// Zola's marker has spaces: the two paragraphs before it are the summary, the rest is not.
	assert.match(weekly.summary, "Zola takes the date from the file name.");
	assert.match(weekly.summary, "Talks resumed on Monday in Riyadh.");
	assert.not.match(weekly.summary, "The rest of the notes");
	assert.match(
		(await readPage(outputDir, weekly.url)).querySelector(".article-body")?.textContent ?? "",
		"The rest of the notes stays on the page only.",
	);
	assert.not.ok(result.digest.articles.some((article) => /about\.md$|_index\.md$/.test(article.file)));
	// A TOML local date-time (no offset, a space for the T) is read in the site's zone, UTC here.
	assert.is(Date.parse(byTitle(result.digest.articles, "Geneva round ends").date), Date.parse("2025-03-05T14:30:00Z"));
});

test("wordpress: the tool's quoted ISO dates, categories and tags (also empty) are read; coverImage names a file in images/", async () => {
	const { outputDir, result, pathPrefix, siteUrl } = await built("wordpress");
	const riyadh = byTitle(result.digest.articles, "U.S. and Russian delegations meet in Riyadh");
	assert.is(Date.parse(riyadh.date), Date.parse("2025-02-18T10:30:00.000+03:00"));
	assert.equal([...riyadh.topics].sort(), ["diplomacy", "riyadh", "saudi-arabia", "us-russia-relations"]);
	assert.is(riyadh.slug, "us-russia-talks-riyadh");
	assert.is(riyadh.day, "2025-02-18");
	const kyiv = byTitle(result.digest.articles, "Three years on, leaders gather in Kyiv");
	assert.equal(kyiv.topics, ["ukraine-war"]);
	const page = await readPage(outputDir, riyadh.url);
	const lead = [...page.querySelectorAll("article img")].filter((img) => !img.closest(".article-body"));
	assert.equal(
		lead.map((img) => resolvedPath(img.getAttribute("src") ?? "", linked(pathPrefix, riyadh.url))),
		[linked(pathPrefix, `${riyadh.url}images/diriyah-palace-1024x683.jpg`)],
	);
	assert.is(
		page.querySelector('meta[property="og:image"]')?.getAttribute("content"),
		`${siteUrl}${riyadh.url}images/diriyah-palace-1024x683.jpg`,
	);
	const bodyImg = page.querySelector(".article-body img");
	assert.is(
		resolvedPath(bodyImg?.getAttribute("src") ?? "", linked(pathPrefix, riyadh.url)),
		linked(pathPrefix, `${riyadh.url}images/delegations.png`),
	);
});

test("wordpress: a draft the tool exported to posts/_drafts/ with an empty date is left out, not an error", async () => {
	const { outputDir, result } = await built("wordpress");
	assert.not.ok(result.digest.articles.some((article) => article.title === "Who will monitor a ceasefire?"));
	for (const [sitePath, text] of await visibleTexts(outputDir)) assert.not.match(text, "monitor a ceasefire", sitePath);
});

test("wordpress-flat: posts side by side share one images/ folder; each page shows its images and its cover", async () => {
	const { outputDir, result, pathPrefix } = await built("wordpress-flat");
	const istanbul = byTitle(result.digest.articles, "Embassy talks in Istanbul");
	const jeddah = byTitle(result.digest.articles, "Talks in Jeddah");
	assert.is(istanbul.slug, "istanbul-embassy-talks");
	assert.is(istanbul.day, "2025-02-27");
	const loads = async (article: Article) => {
		const page = await readPage(outputDir, article.url);
		const sources = [...page.querySelectorAll("article img")].map((img) =>
			resolvedPath(img.getAttribute("src") ?? "", linked(pathPrefix, article.url)),
		);
		for (const source of sources) assert.ok(await fileFor(outputDir, `/${source.slice(pathPrefix.length)}`), `${source} loads`);
		return sources.map((source) => path.basename(source));
	};
	assert.equal((await loads(istanbul)).sort(), ["consulate.png", "consulate.png"], "cover and body image");
	assert.equal((await loads(jeddah)).sort(), ["consulate.png", "jeddah-hall.jpg"]);
});

test("news: recurring slugs within one month get one URL per day, under /articles/YYYY/MM/DD/slug/", async () => {
	const { result } = await built("news");
	const bySlug = (slug: string) =>
		result.digest.articles
			.filter((article) => article.slug === slug)
			.map((article) => article.url)
			.sort();
	assert.equal(bySlug("event-0022"), ["/articles/2025/01/01/event-0022/", "/articles/2025/01/15/event-0022/"]);
	assert.equal(bySlug("event-0028"), [
		"/articles/2025/03/24/event-0028/",
		"/articles/2025/03/25/event-0028/",
		"/articles/2025/03/26/event-0028/",
	]);
	assert.is(bySlug("weekly-roundup").length, 10);
});

test("news: every date form of the archive is read to its day, also from the folder path and the file name", async () => {
	const { result } = await built("news");
	const dayOf = (file: string) => result.digest.articles.find((article) => article.file === file)?.day;
	assert.is(dayOf("2024/04/prisoner-swap.md"), "2024-04-09");
	assert.is(dayOf("2025/03/2025-03-09-event-0027.md"), "2025-03-09");
	assert.is(dayOf("2025/02/rfc-dated-wire.md"), "2025-02-18");
	assert.is(dayOf("2025/03/2025-03-23-event-0027.md"), "2025-03-23");
	assert.is(dayOf("2025/03/2025-03-25-event-0028.md"), "2025-03-25");
	assert.is(dayOf("2025/03/2025-03-24-event-0028.md"), "2025-03-24");
	assert.is(dayOf("2025/03/18/energy-call.md"), "2025-03-18");
	assert.is(dayOf("2025/03/2025-03-18-energy-call-reaction.md"), "2025-03-18");
	const wire = result.digest.articles.find((article) => article.file === "2025/02/rfc-dated-wire.md");
	assert.is(Date.parse(wire?.date ?? ""), Date.parse("2025-02-18T10:30:00Z"));
});

test("news: untagged items are published everywhere but topic pages, and counted in one warning", async () => {
	const { outputDir, result, pathPrefix } = await built("news");
	const untagged = result.digest.articles.filter((article) => article.topics.length === 0);
	assert.equal(untagged.map((article) => article.file).sort(), [
		"2025/01/2025-01-08-event-0023.md",
		"2025/01/2025-01-17-weekly-roundup.md",
		"2025/01/2025-01-29-event-0023.md",
		"2025/02/2025-02-12-event-0025.md",
		"2025/02/2025-02-14-weekly-roundup.md",
		"2025/03/2025-03-18-energy-call-reaction.md",
		"2025/03/2025-03-19-event-0026.md",
		"2025/03/2025-03-24-event-0028.md",
		"2025/03/2025-03-26-event-0028.md",
	]);
	const feed = JSON.parse(await readFile(path.join(outputDir, "feed.json"), "utf8")) as { items: { url: string }[] };
	for (const article of untagged)
		assert.ok(
			feed.items.some((item) => item.url.endsWith(article.url)),
			`${article.url} in the feed`,
		);
	const home = await readPage(outputDir, "/");
	const homeLinks = [...home.querySelectorAll("main a[href]")].map((a) => resolvedPath(a.getAttribute("href") ?? "", pathPrefix));
	const newestUntagged = untagged.reduce((a, b) => (a.date > b.date ? a : b));
	assert.ok(homeLinks.includes(linked(pathPrefix, newestUntagged.url)), "the newest untagged item is on the home page");
	// The report sums them up: one headline (or one line) for the kind, with the count.
	const headlines = summariseWarnings(result.digest.warnings).filter(
		(line) => !line.startsWith(" ") && /topics/.test(line) && !/topics\.yaml/.test(line),
	);
	assert.is(headlines.length, 1, JSON.stringify(headlines));
	assert.match(headlines[0] ?? "", /\b9\b/);
});

test("news: the build command's report of a 30-file import is a few lines summed up by kind, not a line per file", async () => {
	const work = await tempDir("news-build-");
	const articlesDir = path.join(work, "news");
	await cp(path.join(fixtures, "news"), articlesDir, { recursive: true });
	const run = await runScript("build.ts", ["--articles", articlesDir, "--output", path.join(work, "_site")]);
	assert.is(run.code, 0, run.stderr);
	const warningLines = `${run.stdout}\n${run.stderr}`.split("\n").filter((line) => /warning/i.test(line));
	assert.ok(warningLines.length >= 1 && warningLines.length <= 3, warningLines.join("\n"));
	const all = `${run.stdout}\n${run.stderr}`.split("\n");
	assert.ok(all.length < 30, `${all.length} lines:\n${all.join("\n")}`);
	assert.ok(await fileFor(path.join(work, "_site"), "/articles/2025/01/15/event-0022/"));
});

test("docusaurus: .md, .mdx and a folder post with index.mdx are all published, by their file names' dates and slugs", async () => {
	const { result } = await built("docusaurus");
	const files = Object.fromEntries(result.digest.articles.map((article) => [article.file, article.url]));
	assert.equal(files, {
		"2025-02-18-riyadh-talks.md": "/articles/2025/02/18/riyadh-talks/",
		"2025-03-11-jeddah-proposal.mdx": "/articles/2025/03/11/jeddah-proposal/",
		"2025-03-25-black-sea/index.mdx": "/articles/2025/03/25/black-sea/",
	});
});

test("docusaurus: authors named by key are the names authors.yml gives; an inline author keeps its own name", async () => {
	const { outputDir, result } = await built("docusaurus");
	const riyadh = byTitle(result.digest.articles, "Delegations meet in Riyadh");
	assert.equal(riyadh.authors, ["Maria Kovalenko", "James Reed"]);
	assert.match((await readPage(outputDir, riyadh.url)).querySelector(".authors")?.textContent ?? "", "Maria Kovalenko, James Reed");
	assert.equal(byTitle(result.digest.articles, "A ceasefire proposal in Jeddah").authors, ["James Reed"]);
	assert.equal(byTitle(result.digest.articles, "Black Sea talks end").authors, ["Maria Kovalenko", "Guest Writer"]);
});

test("docusaurus: <!-- truncate --> and {/* truncate */} end the summary and are never shown", async () => {
	const { outputDir, result } = await built("docusaurus");
	const riyadh = byTitle(result.digest.articles, "Delegations meet in Riyadh");
	// Two paragraphs before the marker: the summary is both, not only the first.
	assert.is(
		riyadh.summary,
		"The two delegations sat down at Diriyah Palace for four and a half hours. Both readouts called the meeting useful.",
	);
	const page = await readPage(outputDir, riyadh.url);
	assert.is(page.querySelector('meta[name="description"]')?.getAttribute("content"), riyadh.summary);
	assert.not.match(page.querySelector(".article-body")?.innerHTML ?? "", /truncate/);
	const jeddah = byTitle(result.digest.articles, "A ceasefire proposal in Jeddah");
	assert.is(jeddah.summary, "Negotiators in Jeddah put forward a thirty-day pause in the fighting.");
	const blackSea = byTitle(result.digest.articles, "Black Sea talks end");
	assert.is(blackSea.summary, "Technical teams ended three days of talks on shipping in the Black Sea.");
	const feed = JSON.parse(await readFile(path.join(outputDir, "feed.json"), "utf8")) as {
		items: { summary?: string; content_html: string }[];
	};
	for (const item of feed.items)
		assert.not.match(item.content_html.replace(/<pre>[\s\S]*?<\/pre>|<code>.*?<\/code>/g, ""), /truncate|:::|import /);
});

test("docusaurus: a Markdown table keeps its column alignment as a class, with no inline style the page's policy would refuse", async () => {
	const { outputDir, result } = await built("docusaurus");
	const page = await readPage(outputDir, byTitle(result.digest.articles, "Black Sea talks end").url);
	const rows = [...page.querySelectorAll(".article-body table tr")];
	assert.equal(
		rows.map((row) => [...row.children].map((cell) => cell.className)),
		Array.from({ length: 4 }, () => ["", "align-right", ""]),
	);
	assert.is(page.querySelectorAll(".article-body [style]").length, 0);
});

test("docusaurus: admonitions are asides with a visible label (the kind, or the title given in either syntax)", async () => {
	const { outputDir, result } = await built("docusaurus");
	const asides = async (title: string) =>
		[...(await readPage(outputDir, byTitle(result.digest.articles, title).url)).querySelectorAll(".article-body aside.admonition")].map(
			(aside) => [
				aside.className,
				aside.querySelector(".admonition-label")?.textContent,
				aside.querySelector("p:not(.admonition-label)")?.textContent,
			],
		);
	assert.equal(await asides("Delegations meet in Riyadh"), [
		["admonition admonition-note", "Note", "Both sides said they would name teams for further talks within weeks."],
		["admonition admonition-tip", "Reading the statements", "Compare the two readouts side by side: they stress different points."],
	]);
	assert.equal(await asides("A ceasefire proposal in Jeddah"), [
		["admonition admonition-warning", "Check the dates", "The pause starts only when both sides agree."],
	]);
	assert.equal(await asides("Black Sea talks end"), [
		["admonition admonition-danger", "Danger", "Mines still drift in the western shipping lanes."],
		["admonition admonition-info", "What happens next", "Monitoring teams report back in a month."],
	]);
});

test("docusaurus: Tabs become titled sections, a component keeps its text, style={{…}} is dropped, imports are gone and code keeps its quotes", async () => {
	const { outputDir, result } = await built("docusaurus");
	const page = await readPage(outputDir, byTitle(result.digest.articles, "A ceasefire proposal in Jeddah").url);
	const body = page.querySelector(".article-body");
	const headings = [...(body?.querySelectorAll("h2, h3, h4, h5, h6") ?? [])].map((heading) => [heading.localName, heading.textContent]);
	// The section heading moved under the page's <h1>, and each tab is a heading one level under it.
	assert.equal(headings, [
		["h3", "The two readouts"],
		["h4", "Kyiv’s statement"],
		["h4", "washington"],
	]);
	const kyiv = body?.querySelector("h4")?.nextElementSibling;
	assert.is(kyiv?.textContent, "Kyiv said it was ready to accept the proposal.");
	assert.is(kyiv?.querySelector("strong")?.textContent, "ready to accept");
	assert.match(body?.querySelector("p")?.textContent ?? "", "put forward a thirty-day pause in the fighting.");
	const boxed = [...(body?.querySelectorAll("div") ?? [])].find((div) => div.textContent?.includes("A boxed aside"));
	assert.ok(boxed, "the styled div is kept");
	assert.is(boxed?.getAttribute("style"), null);
	assert.is(body?.querySelector("pre code")?.textContent, "import Tabs from '../theme/Tabs';\n");
	const riyadh = await readPage(outputDir, byTitle(result.digest.articles, "Delegations meet in Riyadh").url);
	assert.is(riyadh.querySelector(".article-body code")?.textContent, "import notes from '../notes'");
	assert.not.match(body?.textContent ?? "", /Highlight|@theme|@site/);
});

test("docusaurus: a component the digest does not run is reported once per file, naming its line; known forms are not reported", async () => {
	const { result } = await built("docusaurus");
	const reported = warningsOf(result).filter((warning) => warning.kind === "mdx-component");
	assert.equal(
		reported.map((warning) => [path.basename(warning.path ?? ""), warning.line, warning.message]),
		[["2025-03-11-jeddah-proposal.mdx", 10, "body: MDX component <Highlight> is not run: its text is shown, the rest left out"]],
	);
});

test("docusaurus: a body # heading equal to the title is dropped, and the page is still found by search", async () => {
	const { outputDir, result } = await built("docusaurus");
	const riyadh = byTitle(result.digest.articles, "Delegations meet in Riyadh");
	const page = await readPage(outputDir, riyadh.url);
	assert.equal(texts(page, "h1"), ["Delegations meet in Riyadh"]);
	assert.not.match(page.querySelector(".article-body")?.textContent ?? "", "Delegations meet in Riyadh");
	assert.equal(texts(page, ".article-body h3"), ["What was agreed"]);
	const found = await searchBuiltSite({ outputDir, query: "Diriyah", limit: 10 });
	assert.equal(
		found.results.map((hit) => hit.url),
		[riyadh.url],
	);
});

test("jekyll-html: a table, audio with its source, details, pre, kbd, sup and a sized image are elements; comments are gone", async () => {
	const { outputDir, result, pathPrefix } = await built("jekyll-html");
	const numbers = byTitle(result.digest.articles, "The numbers behind the talks");
	const page = await readPage(outputDir, numbers.url);
	const body = page.querySelector(".article-body");
	assert.equal(
		[...(body?.querySelectorAll("table tr") ?? [])].map((row) => [...row.children].map((cell) => cell.textContent)),
		[
			["Round", "Hours"],
			["Riyadh", "4.5"],
			["Jeddah", "8"],
		],
	);
	// Alignment as a class: the page's policy refuses inline styles.
	assert.equal(
		[...(body?.querySelectorAll("tr > :last-child") ?? [])].map((cell) => cell.getAttribute("class")),
		["align-right", "align-right", "align-right"],
	);
	assert.is(body?.querySelectorAll("[style]").length, 0);
	assert.match(body?.querySelector("pre")?.textContent ?? "", "riyadh  4.5");
	assert.equal(texts(page, ".article-body kbd"), ["Ctrl", "F"]);
	assert.equal(texts(page, ".article-body sup"), ["nd"]);
	const chart = body?.querySelector('img[alt="Hours of talks per round"]');
	assert.is(
		resolvedPath(chart?.getAttribute("src") ?? "", linked(pathPrefix, numbers.url)),
		linked(pathPrefix, "/assets/images/talks-chart.png"),
	);
	assert.equal([chart?.getAttribute("width"), chart?.getAttribute("height")], ["64", "40"]);
	// The second `# heading` is one level under the title, as every body heading.
	assert.equal(texts(page, ".article-body h2"), ["How we counted"]);
	assert.not.match(page.documentElement.outerHTML, /html_preserve|deps = 18\.5MB/);

	const episode = byTitle(result.digest.articles, "Episode 1: the road to Riyadh");
	const episodePage = await readPage(outputDir, episode.url);
	const audio = episodePage.querySelector(".article-body audio");
	assert.ok(audio?.hasAttribute("controls"), "a player with controls");
	const source = audio?.querySelector("source");
	assert.is(source?.getAttribute("type"), "audio/mpeg");
	assert.is(
		resolvedPath(source?.getAttribute("src") ?? "", linked(pathPrefix, episode.url)),
		linked(pathPrefix, "/assets/audio/episode-1.mp3"),
	);
	assert.ok(await fileFor(outputDir, "/assets/audio/episode-1.mp3"), "the episode is published");
	const details = episodePage.querySelector(".article-body details");
	assert.is(details?.querySelector("summary")?.textContent, "Show notes");
	assert.is(details?.querySelector("p")?.textContent, "Guests, sources and corrections.");
	assert.is(episode.summary, "In the first episode we go through the week before the talks.");
	assert.not.match(episodePage.documentElement.outerHTML, /deps = 18\.5MB/);
});

test("jekyll-html: an iframe from a host site.yaml embeds stays, with frame-src for that host only; any other becomes a link", async () => {
	const { outputDir, result } = await built("jekyll-html");
	const page = await readPage(outputDir, byTitle(result.digest.articles, "Episode 1: the road to Riyadh").url);
	const frames = [...page.querySelectorAll(".article-body iframe")];
	assert.equal(
		frames.map((frame) => frame.getAttribute("src")),
		["https://www.youtube-nocookie.com/embed/aBcD_1234"],
	);
	assert.is(frames[0]?.getAttribute("title"), "The episode on video");
	const map = [...page.querySelectorAll(".article-body a")].find((a) => a.textContent === "Map of the venue");
	assert.is(map?.getAttribute("href"), "https://maps.example.com/embed?q=riyadh");
	const csp = page.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute("content") ?? "";
	assert.match(csp, /(^|; )frame-src https:\/\/www\.youtube-nocookie\.com(;|$)/);
	assert.match(csp, /(^|; )media-src 'self' https:(;|$)/);
	assert.not.match(csp, /maps\.example\.com|unsafe-inline/);
});

test("jekyll-html: a pasted script, handlers, a javascript: link and a harmful style are removed; the text stays", async () => {
	const { outputDir, result } = await built("jekyll-html");
	const page = await readPage(outputDir, byTitle(result.digest.articles, "Reader mail").url);
	const body = page.querySelector(".article-body");
	assert.is(body?.querySelectorAll("script, iframe, [onerror], [onload], [style]").length, 0, body?.innerHTML);
	assert.not.match(body?.innerHTML ?? "", /javascript:|pwned|injected/);
	assert.equal(texts(page, ".article-body a"), ["a letter's link"]);
	assert.match(body?.textContent ?? "", "A letter with a harmful style.");
});

test("a missing local image and a post_url or ref to no post are warnings naming the file and line, not errors", async () => {
	const articlesDir = await writeArticles({
		"hugo.toml": "title = 'Desk'\n",
		"content/posts/gone/index.md":
			"+++\ntitle = 'Gone'\ndate = 2025-02-18\ntags = ['x']\n+++\nFirst line.\n\n![A lost map](lost-map.png)\n\nSee [the other]({{< ref \"no-such-post\" >}}).\n",
	});
	const jekyllDir = await writeArticles({
		"_config.yml": "title: Notes\n",
		"_posts/2025-02-18-orphan.markdown":
			"---\nlayout: post\ntitle: Orphan\ndate: 2025-02-18 10:00:00 +0000\ntags: [x]\n---\nSee [that]({% post_url 2024-01-01-never-written %}).\n",
	});
	const hugo = await loadDigest(articlesDir, { cache: false });
	const jekyll = await loadDigest(jekyllDir, { cache: false });
	const image = hugo.warnings.find((warning) => warning.kind === "missing-image");
	assert.ok(image?.path?.endsWith("content/posts/gone/index.md"), JSON.stringify(hugo.warnings));
	assert.is(image?.line, 8);
	assert.match(image?.message ?? "", "lost-map.png");
	const ref = hugo.warnings.find((warning) => warning.kind === "missing-link-target");
	assert.is(ref?.line, 10, JSON.stringify(hugo.warnings));
	assert.match(ref?.message ?? "", "no-such-post");
	const postUrl = jekyll.warnings.find((warning) => warning.kind === "missing-link-target");
	assert.ok(postUrl?.path?.endsWith("2025-02-18-orphan.markdown"), JSON.stringify(jekyll.warnings));
	assert.is(postUrl?.line, 7);
	assert.match(postUrl?.message ?? "", "2024-01-01-never-written");
});

test("a permalink with .. stays inside the output folder", async () => {
	const work = await tempDir("dotdot-");
	const articlesDir = path.join(work, "articles");
	const outputDir = path.join(work, "deep", "_site");
	await mkdir(path.join(articlesDir, "2025", "02"), { recursive: true });
	await writeFile(
		path.join(articlesDir, "2025", "02", "escape.md"),
		'---\ntitle: "Escape attempt"\ndate: 2025-02-18\npermalink: /../../escaped/\naliases: [/../../../old-escape/]\n---\nA body.\n',
	);
	let refused: unknown;
	const result = await buildSite({ articlesDir, outputDir, cacheDir: false }).catch((error: unknown) => {
		refused = error;
		return undefined;
	});
	// Nothing was written beside or above the output folder, whatever the build decided.
	assert.ok(
		(await readdir(work)).every((entry) => ["articles", "deep"].includes(entry)),
		String(await readdir(work)),
	);
	assert.equal(await readdir(path.join(work, "deep")).catch(() => []), result ? ["_site"] : []);
	for (const outside of [
		path.join(work, "escaped"),
		path.join(work, "deep", "escaped"),
		path.join(work, "old-escape"),
		path.join(work, "deep", "old-escape"),
	])
		assert.not.ok(await stat(outside).catch(() => undefined), `${outside} was not written`);
	if (result) {
		const article = result.digest.articles[0] as Article;
		assert.ok(await fileFor(outputDir, article.url), `the page is inside the output, at ${article.url}`);
		assert.not.match(article.url, /\.\./);
	} else {
		// Refused instead: as a problem of that file and field, not a crash.
		assert.match(String((refused as { message?: string }).message ?? refused), /escape\.md:\d+: permalink: /);
	}
});

test.run();
