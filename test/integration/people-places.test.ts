/**
 * People and places pages, stories and the data "new since your last visit" reads, over a real build of a
 * fixture digest: every person and place has a page (paginated) listing every one of its articles, aliases
 * from the registries join spellings, article pages and the home page link there, and a story from several
 * outlets is listed once with its sources.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseHTML } from "linkedom";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { articleText, buildFixture, listedItem, readPage, texts } from "../support/fixtures.ts";

const people = ["Marco Rubio", "Sergey Lavrov", "Steve Witkoff", "Keir Starmer"];
const places = ["Riyadh", "Jeddah", "London", "Moscow"];
const subjects = [
	"Grain exports through the Danube delta",
	"Prisoner exchange arranged overnight",
	"Energy grid repairs after winter storms",
	"Parliament debates wartime budget",
	"Drone factory opens near the border",
	"Refugee returns slow in spring",
	"Shipping insurance premiums fall",
	"Museum collections evacuated westward",
	"Railway timetable restored for summer",
];

/** Twelve articles, each naming some people and places; one story reported by three outlets. */
function files(): Record<string, string> {
	const result: Record<string, string> = {
		"site.yaml": "title: Fixture digest\npageSize: 2\n",
		// The registry joins the two spellings of one name, and names the person its own way.
		"people.yaml": "sergey-lavrov:\n  title: Sergey Lavrov\n  description: Russia's foreign minister.\n  aliases: [Sergei Lavrov]\n",
		"places.yaml": "riyadh:\n  title: Riyadh\n  aliases: [Ar-Riyad]\n",
	};
	for (let index = 0; index < 9; index++) {
		// The first in February, so that Marco Rubio and Sergey Lavrov have two months of articles.
		const day = index === 0 ? "2025-02-28" : `2025-03-${String(index + 1).padStart(2, "0")}`;
		const named = [people[index % 4] as string, people[(index + 1) % 4] as string];
		if (named.includes("Sergey Lavrov") && index % 2 === 1) named[named.indexOf("Sergey Lavrov")] = "Sergei Lavrov";
		result[`2025/03/item-${index}.md`] = articleText({
			// Headlines on nine different matters, so that only the Riyadh articles below make a story.
			title: `${subjects[index]}: ${named.join(" and ")}`,
			body: `${subjects[index]}.`,
			date: day,
			topics: [index % 2 ? "diplomacy" : "ceasefire"],
			extra: `source: Outlet ${index}\npeople: ${JSON.stringify(named)}\nplaces: [${JSON.stringify(places[index % 4])}${index === 4 ? ', "Ar-Riyad"' : ""}]`,
		});
	}
	const story = [
		["AP", "U.S. and Russian officials meet in Riyadh, agree to restore embassies", "2025-03-20T09:00:00Z"],
		["Reuters", "U.S. and Russian officials agree in Riyadh to restore embassies and keep talking", "2025-03-20T12:00:00Z"],
		["DW", "Russian and U.S. officials in Riyadh agree to restore embassies", "2025-03-21T08:00:00Z"],
	];
	for (const [source, title, date] of story)
		result[`2025/03/riyadh-${(source as string).toLowerCase()}.md`] = articleText({
			title,
			date,
			topics: ["diplomacy"],
			body: "Senior officials met in Riyadh and agreed to restore embassies.",
			extra: `source: ${source}\nsummary: "Officials of both countries met in Riyadh and agreed to restore the work of their embassies."\npeople: [Marco Rubio, Sergei Lavrov]\nplaces: [Riyadh]`,
		});
	return result;
}

const built = buildFixture(files());

/** Every article link of a person's or place's pages, following its pagination. */
async function listed(outputDir: string, first: string): Promise<{ urls: Set<string>; pages: string[] }> {
	const urls = new Set<string>();
	const pages: string[] = [];
	let next: string | undefined = first;
	while (next) {
		pages.push(next);
		const page = await readPage(outputDir, next);
		for (const link of page.querySelectorAll(".article-list a[href^='/articles/']")) urls.add(link.getAttribute("href") ?? "");
		next = page.querySelector("a[rel='next']")?.getAttribute("href") ?? undefined;
	}
	return { urls, pages };
}

test("every person and place has a page listing all its articles, across pages, with aliases joined by the registry", async () => {
	const { outputDir, digest } = await built;
	for (const kind of ["people", "places"] as const) {
		const index = await readPage(outputDir, `/${kind}/`);
		for (const slug of new Set(digest.articles.flatMap((article) => article[kind]))) {
			const expected = digest.articles.filter((article) => article[kind].includes(slug)).map((article) => article.url);
			assert.ok(index.querySelector(`a[href='/${kind}/${slug}/']`), `/${kind}/ links ${slug}`);
			const { urls, pages } = await listed(outputDir, `/${kind}/${slug}/`);
			for (const url of expected) assert.ok(urls.has(url), `${url} listed on /${kind}/${slug}/`);
			assert.ok(pages.length >= Math.ceil(new Set(expected).size / 2 / 3), "paginated");
		}
	}
	assert.equal(
		digest.articles.filter((article) => article.people.includes("sergei-lavrov")),
		[],
		"no page of its own for the alias",
	);
	const lavrov = await readPage(outputDir, "/people/sergey-lavrov/");
	assert.is(lavrov.querySelector("h1")?.textContent, "Sergey Lavrov");
	assert.is(lavrov.querySelector(".lede")?.textContent, "Russia's foreign minister.");
	const count = digest.articles.filter((article) => article.people.includes("sergey-lavrov")).length;
	assert.ok(count >= 7, `${count} articles name Lavrov under either spelling`);
	assert.match(lavrov.querySelector(".topic-header .meta")?.textContent ?? "", new RegExp(`^${count} articles, `));
});

test("the fixture's only story is the three reports from Riyadh, so every page below must list each other article itself", async () => {
	const { outputDir, digest } = await built;
	const page = await readPage(outputDir, "/timeline/2025/03/");
	const sources = [...page.querySelectorAll(".story-sources")];
	assert.is(sources.length, 1);
	// Every article but the February one, the story's three as one item.
	assert.is(page.querySelectorAll(listedItem).length, digest.articles.length - 1 - 2);
});

test("a person's page has a monthly chart, the topics, people and places found with them, an Atom feed and pagination", async () => {
	const { outputDir } = await built;
	const page = await readPage(outputDir, "/people/marco-rubio/");
	assert.ok(page.querySelector(".topic-activity svg, .topic-activity [role='img'], .topic-activity table"), "a chart");
	assert.equal(texts(page, ".topic-activity .chart-bars a").length, 2, "a bar for February and for March");
	assert.ok(page.querySelector("#related-topics-heading"), "topics found with the person");
	assert.ok(texts(page, "section[aria-labelledby='related-people-heading'] a").some((name) => name.startsWith("Sergey Lavrov")));
	assert.ok(page.querySelector("a[href='/places/riyadh/']"), "places found with the person");
	assert.ok(page.querySelector("a[href='/people/marco-rubio/page/2/']"), "a link to the second page");
	const feed = parseHTML(await readFile(path.join(outputDir, "people/marco-rubio/feed.xml"), "utf8")).document;
	assert.match(feed.querySelector("title")?.textContent ?? "", /^Marco Rubio · Fixture digest$/);
	assert.ok(feed.querySelectorAll("entry").length >= 5);
});

test("a person whose articles all fall in one month has no chart of one bar: the count and dates say it", async () => {
	const { outputDir } = await built;
	const page = await readPage(outputDir, "/people/keir-starmer/");
	assert.not.ok(page.querySelector(".topic-activity"), "no chart");
	assert.match(page.querySelector(".topic-header .meta")?.textContent ?? "", /^4 articles, 3 Mar 2025 to 8 Mar 2025/);
	assert.ok(page.querySelector("#related-people-heading"), "the rest of a first page stays");
});

test("names on an article page link to their people and places pages, in the registry's spelling", async () => {
	const { outputDir, digest } = await built;
	const article = digest.articles.find((item) => item.file === "2025/03/item-1.md");
	assert.ok(article);
	const page = await readPage(outputDir, article.url);
	const links = [...page.querySelectorAll(".article-facets a")].map((link) => [link.textContent, link.getAttribute("href")]);
	assert.equal(links, [
		["Sergey Lavrov", "/people/sergey-lavrov/"],
		["Steve Witkoff", "/people/steve-witkoff/"],
		["Jeddah", "/places/jeddah/"],
	]);
	const meta = JSON.parse(page.querySelector("[data-pagefind-meta='facets']")?.textContent ?? "{}");
	assert.equal(meta.people, [
		["Sergey Lavrov", "/people/sergey-lavrov/"],
		["Steve Witkoff", "/people/steve-witkoff/"],
	]);
});

test("the home page shows the people and places most present in the latest month", async () => {
	const { outputDir } = await built;
	const home = await readPage(outputDir, "/");
	const active = [...home.querySelectorAll("ul[aria-labelledby='active-people-heading'] li")].map((li) => li.textContent?.trim());
	assert.ok(active[0]?.startsWith("Marco Rubio") || active[0]?.startsWith("Sergey Lavrov"), `first: ${active[0]}`);
	assert.ok(home.querySelector("ul[aria-labelledby='active-places-heading'] a[href='/places/riyadh/']"));
});

test("a story from three outlets is listed once with its sources, and each article names the others", async () => {
	const { outputDir, digest } = await built;
	const story = digest.articles.filter((article) => article.file.includes("riyadh-"));
	assert.is(story.length, 3);
	for (const sitePath of ["/", "/people/sergey-lavrov/", "/places/riyadh/", "/topics/diplomacy/", "/timeline/2025/03/"]) {
		const page = await readPage(outputDir, sitePath);
		const items = [...page.querySelectorAll(listedItem)].filter((item) =>
			story.some((article) => item.querySelector("h2 a, h3 a")?.getAttribute("href") === article.url),
		);
		assert.is(items.length, 1, `${sitePath} lists the story once`);
		assert.match(items[0]?.querySelector(".story-sources")?.textContent ?? "", /^3 sources: /);
		const linked = [...(items[0]?.querySelectorAll(".story-sources a") ?? [])].map((link) => link.getAttribute("href"));
		assert.equal(linked.sort(), story.map((article) => article.url).sort(), `${sitePath} links every source`);
	}
	const ap = story.find((article) => article.source?.name === "AP");
	assert.ok(ap);
	const page = await readPage(outputDir, ap.url);
	assert.is(page.querySelector(".also-covered")?.textContent, "Also covered by DW and Reuters");
});

test("list items carry their publication time and index rows their newest times, for the new-since-last-visit marks", async () => {
	const { outputDir, digest } = await built;
	const home = await readPage(outputDir, "/");
	assert.equal(
		[...home.querySelectorAll(".article-list li")].map((item) => item.querySelector(".meta time")?.getAttribute("datetime")).slice(0, 1),
		[digest.articles[0]?.date],
	);
	const script = home.querySelector("script[src$='site-search.js']");
	assert.is(script?.getAttribute("data-newest"), digest.articles[0]?.date);
	const topics = await readPage(outputDir, "/topics/");
	const row = topics.querySelector("tr[data-dates]:has(a[href='/topics/diplomacy/'])");
	const expected = digest.articles.filter((article) => article.topics.includes("diplomacy")).map((article) => Date.parse(article.date));
	// Seconds since 1970 in base 36, newest first.
	assert.equal(
		row
			?.getAttribute("data-dates")
			?.split(" ")
			.map((time) => parseInt(time, 36) * 1000),
		expected,
	);
});

test("people, places and their index pages are in the sitemap", async () => {
	const { outputDir } = await built;
	const sitemap = await readFile(path.join(outputDir, "sitemap.xml"), "utf8");
	for (const sitePath of ["/people/", "/places/", "/people/sergey-lavrov/", "/people/marco-rubio/page/2/", "/places/riyadh/"])
		assert.ok(sitemap.includes(`<loc>${sitePath}</loc>`) || sitemap.includes(`${sitePath}</loc>`), `${sitePath} in the sitemap`);
});

test.run();
