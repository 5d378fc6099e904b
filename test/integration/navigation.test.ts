import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseFeed } from "feedsmith";
import { DOMParser } from "linkedom";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { articleText, buildFixture, listedTitle, readPage, texts } from "../support/fixtures.ts";

const hostileTitle = "Talks </script><script>alert(1)</script> & <b>more</b>";
const files: Record<string, string> = {
	"site.yaml": "title: Test Digest\ndescription: A test digest.\npageSize: 2\nfeedSize: 3\ntopicFeedSize: 3\n",
	"topics.yaml":
		"ukraine-war:\n  title: War in Ukraine\n  description: The war and its consequences.\n  aliases: [Russo-Ukrainian war]\ndiplomacy:\n  title: Diplomacy\ngrain-corridor:\n  title: Grain corridor\n",
	"2024/11/grain-deal.md": articleText({
		title: "Grain deal talks",
		date: "2024-11-20",
		topics: ["grain-corridor", "diplomacy"],
		extra: "source: Reuters",
	}),
	"2025/01/kyiv-strike.md": articleText({
		title: "Strike on Kyiv",
		date: "2025-01-14",
		topics: ["Russo-Ukrainian war"],
		extra: "source: AP",
	}),
	"2025/02/riyadh-a.md": articleText({
		title: hostileTitle,
		date: "2025-02-18 09:30",
		topics: ["ukraine-war", "diplomacy", "grain-corridor"],
		extra: 'source: { name: WN, url: "https://example.com/riyadh" }\nauthors: [Ann One]\nsummary: "Talks began in Riyadh."',
	}),
	"2025/02/riyadh-b.md": articleText({ title: "Second day in Riyadh", date: "2025-02-18 15:00", topics: ["ukraine-war", "diplomacy"] }),
	"2025/02/munich.md": articleText({ title: "Munich conference", date: "2025-02-14", topics: ["diplomacy"] }),
	"2025/03/jeddah.md": articleText({ title: "Jeddah ceasefire proposal", date: "2025-03-11", topics: ["ukraine-war", "diplomacy"] }),
};
const hostileUrl = "/articles/2025/02/18/riyadh-a/";

let site: ReturnType<typeof buildFixture> | undefined;
const built = () => (site ??= buildFixture(files, { pathPrefix: "/repo/" }));
const page = async (sitePath: string) => readPage((await built()).outputDir, sitePath);
const hrefs = (root: ParentNode, selector: string) => [...root.querySelectorAll(selector)].map((a) => a.getAttribute("href") ?? "");
const xmlOf = async (sitePath: string) =>
	new DOMParser().parseFromString(await readFile(path.join((await built()).outputDir, sitePath), "utf8"), "text/xml");

test("/topics/ lists every topic by name with count, date range and a sparkline; /topics/by-size/ orders by size", async () => {
	const index = await page("/topics/");
	assert.equal(texts(index, "h1"), ["Topics"]);
	const rows = [...index.querySelectorAll(".topic-table tbody tr")];
	assert.equal(
		rows.map((row) => [row.querySelector("th a")?.textContent, row.querySelector(".num")?.textContent]),
		[
			["Diplomacy", "5"],
			["Grain corridor", "2"],
			["War in Ukraine", "4"],
		],
	);
	assert.is(rows[1]?.querySelector(".range")?.textContent, "20 Nov 2024 – 18 Feb 2025");
	for (const row of rows) {
		const sparkline = row.querySelector("svg.sparkline");
		assert.ok(sparkline?.querySelector("path")?.getAttribute("d"), "each topic has a drawn sparkline");
		assert.match(sparkline?.getAttribute("aria-label") ?? "", /^Articles per month on .+ \(\d+ in all\)$/);
	}
	assert.equal(hrefs(index, ".topic-table th a"), ["/repo/topics/diplomacy/", "/repo/topics/grain-corridor/", "/repo/topics/ukraine-war/"]);
	const bySize = await page("/topics/by-size/");
	assert.equal(texts(bySize, ".topic-table tbody th a"), ["Diplomacy", "War in Ukraine", "Grain corridor"]);
	assert.is(bySize.querySelector('.topic-order [aria-current="page"]')?.textContent, "Most articles");
});

test("a topic page shows its description, a monthly chart linking to month pages, related topics and its articles newest first across pages", async () => {
	const first = await page("/topics/diplomacy/");
	assert.equal(texts(first, "h1"), ["Diplomacy"]);
	assert.equal(texts(first, listedTitle), ["Jeddah ceasefire proposal", "Second day in Riyadh"]);
	const chartLinks = hrefs(first, ".topic-activity svg .chart-bars a");
	assert.equal(
		chartLinks,
		["/repo/timeline/2024/11/", "/repo/timeline/2025/02/", "/repo/timeline/2025/03/"],
		"months with articles are links, empty ones are not",
	);
	assert.is(first.querySelectorAll(".topic-activity svg .chart-bars rect:has(title)").length, 3);
	assert.equal(texts(first, ".topic-activity svg .chart-axis-title"), ["Articles", "Month"]);
	assert.equal(
		texts(first, ".related-topics a").map((text) => text.replace(/\s+/g, " ")),
		["War in Ukraine (3)", "Grain corridor (2)"],
	);
	assert.equal(hrefs(first, '.pagination a[aria-label="Page 3"]'), ["/repo/topics/diplomacy/page/3/"]);

	// Following "Older" links from the first page reaches every article once, newest first.
	const seen: string[] = [];
	let current: Document | undefined = first;
	while (current) {
		seen.push(...texts(current, listedTitle));
		const next: string | null | undefined = current.querySelector('.pagination a[rel="next"]')?.getAttribute("href");
		current = next ? await page(next.replace(/^\/repo/, "")) : undefined;
	}
	assert.equal(seen, ["Jeddah ceasefire proposal", "Second day in Riyadh", hostileTitle, "Munich conference", "Grain deal talks"]);

	const third = await page("/topics/diplomacy/page/3/");
	assert.equal(texts(third, "h1"), ["Diplomacy, page 3"]);
	assert.equal(hrefs(third, '.pagination a[rel="prev"]'), ["/repo/topics/diplomacy/page/2/"]);
	// The chart and related topics describe the topic, not a page of it: on its first page only.
	assert.is(third.querySelector(".topic-activity, .related-topics"), null);
	assert.match(third.querySelector(".topic-header .meta")?.textContent ?? "", /^5 articles, /);
	assert.is(
		third.querySelector('link[rel="alternate"][href="/repo/topics/diplomacy/feed.xml"]')?.getAttribute("type"),
		"application/atom+xml",
	);
});

test("a topic's Atom feed carries its newest articles (up to topicFeedSize) as teasers, with absolute-path links", async () => {
	const feed = await xmlOf("topics/ukraine-war/feed.xml");
	assert.is(feed.querySelector("feed > title")?.textContent, "War in Ukraine · Test Digest");
	const entries = [...feed.querySelectorAll("entry")];
	assert.equal(
		entries.map((entry) => entry.querySelector("title")?.textContent),
		["Jeddah ceasefire proposal", "Second day in Riyadh", hostileTitle],
	);
	assert.is(entries[0]?.querySelector("link")?.getAttribute("href"), "/repo/articles/2025/03/11/jeddah/");
	assert.is(entries[0]?.querySelector("updated")?.textContent, "2025-03-11T00:00:00Z");
	// Its subject is the feed's own: no categories, and no content beyond the summary.
	assert.is(feed.querySelectorAll("entry category, entry content").length, 0);
	// Written without Atom's defaults (text titles, a link's alternate rel) and no media namespace without a
	// picture: a feed parser still reads each entry's title, link and summary.
	const parsed = parseFeed(await readFile(path.join((await built()).outputDir, "topics/ukraine-war/feed.xml"), "utf8"));
	assert.is(parsed.format, "atom");
	const atomEntries = parsed.format === "atom" ? (parsed.feed.entries ?? []) : [];
	assert.equal(
		atomEntries.map((entry) => [entry.title?.value, entry.links?.map((link) => [link.href, link.rel ?? "alternate"])]),
		[
			["Jeddah ceasefire proposal", [["/repo/articles/2025/03/11/jeddah/", "alternate"]]],
			["Second day in Riyadh", [["/repo/articles/2025/02/18/riyadh-b/", "alternate"]]],
			[hostileTitle, [[`/repo${hostileUrl}`, "alternate"]]],
		],
	);
	assert.ok(atomEntries.every((entry) => (entry.summary?.value ?? "").length > 0));
	assert.is(feed.querySelector("feed")?.getAttribute("xmlns:media"), null);
});

test("the timeline shows a chart of every month with labelled axes, each bar a link, and the years with their months", async () => {
	const timeline = await page("/timeline/");
	assert.equal(texts(timeline, "h1"), ["Timeline"]);
	const svg = timeline.querySelector("svg.chart-svg");
	assert.ok(svg);
	// November 2024 to March 2025: December, empty, is a gap between the bars, not an element.
	assert.is(svg?.querySelectorAll(".chart-bars > *").length, 4);
	const barX = [...(svg?.querySelectorAll(".chart-bars rect:has(title)") ?? [])].map((bar) => Number(bar.getAttribute("x")));
	const step = (barX[3] ?? 0) - (barX[2] ?? 0);
	assert.is(Math.round((barX[1] ?? 0) - (barX[0] ?? 0)), Math.round(2 * step), "January's bar stands two months from November's");
	assert.equal(hrefs(timeline, "svg .chart-bars a"), [
		"/repo/timeline/2024/11/",
		"/repo/timeline/2025/01/",
		"/repo/timeline/2025/02/",
		"/repo/timeline/2025/03/",
	]);
	assert.equal(
		[...timeline.querySelectorAll("svg .chart-bars a")].map((a) => a.getAttribute("aria-label")),
		["November 2024: 1 article", "January 2025: 1 article", "February 2025: 3 articles", "March 2025: 1 article"],
	);
	assert.ok(texts(timeline, "svg .chart-axis-x text").includes("Dec"), "months are named on the x axis");
	assert.equal(texts(timeline, ".timeline-year h2 a"), ["2025", "2024"]);
	assert.equal(hrefs(timeline, ".month-links a"), [
		"/repo/timeline/2025/01/",
		"/repo/timeline/2025/02/",
		"/repo/timeline/2025/03/",
		"/repo/timeline/2024/11/",
	]);
	for (const element of timeline.querySelectorAll("svg, svg *"))
		assert.is(element.getAttribute("style"), null, "no inline styles under the CSP");
});

test("a month page lists its articles grouped by day with links to the neighbouring months", async () => {
	const february = await page("/timeline/2025/02/");
	assert.equal(texts(february, "h1"), ["February 2025"]);
	assert.equal(texts(february, ".timeline-day h2"), ["Friday 14 February 2025", "Tuesday 18 February 2025"]);
	const days = [...february.querySelectorAll(".timeline-day")].map((day) => texts(day, listedTitle));
	assert.equal(days, [["Munich conference"], [hostileTitle, "Second day in Riyadh"]]);
	assert.equal(hrefs(february, '.period-nav a[rel="prev"]').slice(0, 1), ["/repo/timeline/2025/01/"]);
	assert.equal(hrefs(february, '.period-nav a[rel="next"]').slice(0, 1), ["/repo/timeline/2025/03/"]);
	const november = await page("/timeline/2024/11/");
	assert.equal(hrefs(november, '.period-nav a[rel="prev"]'), []);
	assert.equal(hrefs(november, '.period-nav a[rel="next"]').slice(0, 1), ["/repo/timeline/2025/01/"], "the empty December is skipped");
	const year = await page("/timeline/2025/");
	assert.equal(texts(year, "h1"), ["2025"]);
	assert.equal(texts(year, ".timeline-month h2 a"), ["January 2025", "February 2025", "March 2025"]);
	assert.equal(hrefs(year, '.period-nav a[rel="prev"]').slice(0, 1), ["/repo/timeline/2024/"]);
	assert.is(year.querySelectorAll(".day-list a").length, 5);
});

test("an article page has breadcrumbs, related articles (rarer shared topics first) and the previous and next article", async () => {
	const article = await page(hostileUrl);
	assert.equal(texts(article, "h1"), [hostileTitle]);
	assert.equal(texts(article, ".breadcrumbs li"), ["Home", "Timeline", "2025", "February 2025", hostileTitle]);
	assert.equal(hrefs(article, ".breadcrumbs a"), ["/repo/", "/repo/timeline/", "/repo/timeline/2025/", "/repo/timeline/2025/02/"]);
	const related = texts(article, ".related-articles li > a");
	assert.is(related[0], "Grain deal talks", "sharing the rare grain-corridor topic outweighs sharing the common ones");
	assert.not.ok(related.includes(hostileTitle));
	assert.equal(hrefs(article, '.article-sequence a[rel="prev"]'), ["/repo/articles/2025/02/14/munich/"]);
	assert.equal(hrefs(article, '.article-sequence a[rel="next"]'), ["/repo/articles/2025/02/18/riyadh-b/"]);
	assert.is(article.querySelector("[data-pagefind-body] .related-articles"), null, "related articles stay out of the search index");
});

test("an article page carries OpenGraph tags and NewsArticle JSON-LD that a hostile title cannot break out of", async () => {
	const html = await readFile(path.join((await built()).outputDir, hostileUrl, "index.html"), "utf8");
	assert.not.ok(html.includes("<script>alert(1)"), "the title's markup never reaches the page as markup");
	const article = await page(hostileUrl);
	const meta = (property: string) => article.querySelector(`meta[property="${property}"]`)?.getAttribute("content");
	assert.is(meta("og:type"), "article");
	assert.is(meta("og:title"), hostileTitle);
	// The summary is said once, as the description that link previews and search engines read.
	assert.is(article.querySelector('meta[name="description"]')?.getAttribute("content"), "Talks began in Riyadh.");
	assert.is(meta("og:description"), undefined);
	assert.is(meta("og:url"), undefined, "OpenGraph URLs are absolute: without --site-url there is none");
	assert.is(meta("article:published_time"), "2025-02-18T09:30:00.000Z");
	const scripts = [...article.querySelectorAll("script")];
	assert.ok(
		scripts.every((script) => script.getAttribute("src") || script.getAttribute("type") === "application/ld+json"),
		"no inline executable script",
	);
	const jsonLd = scripts.filter((script) => script.getAttribute("type") === "application/ld+json");
	assert.is(jsonLd.length, 1);
	const raw = jsonLd[0]?.textContent ?? "";
	assert.not.ok(raw.includes("<"), "every < is escaped as \\u003c");
	const data = JSON.parse(raw);
	assert.is(data["@type"], "NewsArticle");
	assert.is(data.headline, hostileTitle);
	assert.is(data.datePublished, "2025-02-18T09:30:00.000Z");
	assert.equal(data.author, [{ "@type": "Person", name: "Ann One" }]);
	assert.equal(data.keywords, ["War in Ukraine", "Diplomacy", "Grain corridor"]);
});

test("the home page shows the timeline chart, the latest articles and the busiest topics of the latest month", async () => {
	const home = await page("/");
	assert.equal(texts(home, "h1"), ["Test Digest"]);
	assert.is(home.querySelectorAll(".home-timeline svg .chart-bars a").length, 4);
	assert.equal(texts(home, "#active-heading"), ["Most active in March 2025"]);
	assert.equal(
		[...home.querySelectorAll(".active-topics li")].map((li) => [
			li.querySelector("a")?.textContent,
			li.querySelector(".count")?.textContent,
		]),
		[
			["Diplomacy", "1"],
			["War in Ukraine", "1"],
		],
	);
	assert.equal(texts(home, listedTitle).slice(0, 2), ["Jeddah ceasefire proposal", "Second day in Riyadh"]);
	assert.equal(hrefs(home, 'link[rel="alternate"]'), ["/repo/feed.xml", "/repo/feed.json"]);
});

test("/feed.xml is Atom with the newest articles up to the feed size, their bodies escaped as text", async () => {
	const raw = await readFile(path.join((await built()).outputDir, "feed.xml"), "utf8");
	assert.not.ok(raw.includes("<script>"));
	const feed = await xmlOf("feed.xml");
	assert.is(feed.querySelector("feed")?.getAttribute("xmlns"), "http://www.w3.org/2005/Atom");
	assert.equal(
		[...feed.querySelectorAll("entry > title")].map((title) => title.textContent),
		["Jeddah ceasefire proposal", "Second day in Riyadh", hostileTitle],
	);
	const hostile = [...feed.querySelectorAll("entry")].find((entry) => entry.querySelector("title")?.textContent === hostileTitle);
	assert.is(hostile?.querySelector("content")?.getAttribute("type"), "html");
	assert.match(hostile?.querySelector("content")?.textContent ?? "", "<p>A first paragraph.</p>");
	assert.is(hostile?.querySelector("published")?.textContent, "2025-02-18T09:30:00Z");
	assert.equal(
		[...(hostile?.querySelectorAll("category") ?? [])].map((category) => category.getAttribute("term")),
		["ukraine-war", "diplomacy", "grain-corridor"],
	);
});

test("/feed.json is JSON Feed 1.1 with the same newest articles", async () => {
	const feed = JSON.parse(await readFile(path.join((await built()).outputDir, "feed.json"), "utf8"));
	assert.is(feed.version, "https://jsonfeed.org/version/1.1");
	assert.is(feed.title, "Test Digest");
	assert.is(feed.feed_url, "/repo/feed.json");
	assert.equal(
		feed.items.map((item: { title: string }) => item.title),
		["Jeddah ceasefire proposal", "Second day in Riyadh", hostileTitle],
	);
	assert.is(feed.items[2].url, "/repo/articles/2025/02/18/riyadh-a/");
	assert.equal(feed.items[2].authors, [{ name: "Ann One" }]);
	assert.is(feed.items[2].date_published, "2025-02-18T09:30:00.000Z");
});

test("the sitemap lists every page (prefixed paths without a site URL) and robots.txt names it; 404 links carry the prefix", async () => {
	const { outputDir, digest } = await built();
	const sitemap = await xmlOf("sitemap.xml");
	const locations = [...sitemap.querySelectorAll("url > loc")].map((loc) => loc.textContent ?? "");
	for (const article of digest.articles) assert.ok(locations.includes(`/repo${article.url}`), article.url);
	for (const expected of ["/repo/", "/repo/topics/", "/repo/topics/diplomacy/page/3/", "/repo/timeline/2024/11/", "/repo/timeline/2025/"])
		assert.ok(locations.includes(expected), expected);
	assert.is(new Set(locations).size, locations.length);
	assert.is(await readFile(path.join(outputDir, "robots.txt"), "utf8"), "User-agent: *\nAllow: /\n\nSitemap: /repo/sitemap.xml\n");
	const notFound = await page("/404.html");
	assert.equal(texts(notFound, "h1"), ["Page not found"]);
	for (const href of hrefs(notFound, "a[href], link[href]")) assert.ok(href.startsWith("/repo/") || href.startsWith("#"), href);
});

test("with --site-url the feeds, sitemap, robots.txt and OpenGraph URLs are absolute", async () => {
	const { outputDir } = await buildFixture(files, { pathPrefix: "/repo/", siteUrl: "https://example.org/repo/" });
	const sitemap = await readFile(path.join(outputDir, "sitemap.xml"), "utf8");
	assert.match(sitemap, "<loc>https://example.org/repo/articles/2025/02/18/riyadh-a/</loc>");
	assert.not.match(sitemap, "<loc>/");
	assert.match(await readFile(path.join(outputDir, "robots.txt"), "utf8"), "Sitemap: https://example.org/repo/sitemap.xml\n");
	const feed = JSON.parse(await readFile(path.join(outputDir, "feed.json"), "utf8"));
	assert.is(feed.items[0].url, "https://example.org/repo/articles/2025/03/11/jeddah/");
	const atom = new DOMParser().parseFromString(await readFile(path.join(outputDir, "feed.xml"), "utf8"), "text/xml");
	assert.is(atom.querySelector("feed > id")?.textContent, "https://example.org/repo/feed.xml");
	const article = await readPage(outputDir, hostileUrl);
	assert.is(
		article.querySelector('meta[property="og:url"]')?.getAttribute("content"),
		"https://example.org/repo/articles/2025/02/18/riyadh-a/",
	);
});

test.run();
