import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { renderToString } from "preact-render-to-string";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { SiteModel } from "../../src/model/collections.ts";
import type { Article } from "../../src/content/load.ts";
import { render } from "../../layouts/pages/facet.11ty.tsx";
import { dirtyPages, pageFiles, updateNewest, viewHashes, withNewest } from "../../src/commands/incremental.ts";
import { allPages, type PageLists, pageCount } from "../../src/model/page-kinds.ts";
import { article, model } from "../support/model.ts";

/** Two months, two topics, a handful of articles: every page kind exists. */
const base = (): Article[] => [
	article("a1", "2025-01-05", ["war"]),
	article("a2", "2025-01-12", ["war", "talks"]),
	article("a3", "2025-01-20", ["talks"]),
	article("a4", "2025-02-03", ["war"]),
	article("a5", "2025-02-14", ["energy"]),
	article("a6", "2025-02-25", ["energy", "talks"]),
];

const urls = (pages: PageLists) => ({
	articles: pages.articles.map((a) => a.slug),
	facetPages: pages.facetPages.map(({ page }) => page.url),
	years: pages.years.map((year) => year.year),
	months: pages.months.map((month) => month.key),
	facetFeeds: pages.facetFeeds.map(({ kind, entry }) => `${kind}/${entry.slug}`),
	redirects: pages.redirects.map((redirect) => redirect.from),
});

const dirty = (before: SiteModel, after: SiteModel) => urls(dirtyPages(after, viewHashes(before), viewHashes(after)));

test("without an earlier render, every page is dirty", () => {
	const site = model(base());
	assert.equal(urls(dirtyPages(site, undefined, viewHashes(site))), urls(allPages(site)));
});

test("an unchanged model has no dirty page", () => {
	assert.equal(pageCount(dirtyPages(model(base()), viewHashes(model(base())), viewHashes(model(base())))), 0);
});

test("a retitled article dirties its page, its neighbours', its topics' pages and feeds, its month and year, nothing else", () => {
	const after = base().map((a) => (a.slug === "a5" ? { ...a, title: "New title" } : a));
	assert.equal(dirty(model(base()), model(after)), {
		// a4 and a6 show it as previous/next; a6 lists it as related (shared topic energy).
		articles: ["a6", "a5", "a4"],
		facetPages: ["/topics/energy/"],
		years: [2025],
		months: ["2025-02"],
		facetFeeds: ["topics/energy"],
		redirects: [],
	});
});

test("a body edit dirties only the article's own page", () => {
	const after = base().map((a) => (a.slug === "a1" ? { ...a, html: "<p>Edited</p>" } : a));
	assert.equal(dirty(model(base()), model(after)), {
		articles: ["a1"],
		facetPages: [],
		years: [],
		months: [],
		facetFeeds: [],
		redirects: [],
	});
});

/** The pages of `lists` but the feeds (which show no page shell). */
const htmlPages = ({ facetFeeds, ...pages }: ReturnType<typeof urls>) => pages;

test("an article newer than every other dirties the pages that show it; the others only take the new newest date", () => {
	const before = viewHashes(model(base()));
	const after = model([...base(), article("a7", "2025-03-02", ["war"])]);
	const next = viewHashes(after);
	const pages = urls(dirtyPages(after, before, next));
	// Its page, its older neighbour's, and those of the war articles that now list it as related.
	assert.equal(pages.articles, ["a7", "a6", "a4", "a2", "a1"]);
	assert.ok(pages.facetPages.includes("/topics/war/") && !pages.facetPages.includes("/topics/talks/"));
	assert.equal(pages.facetFeeds, ["topics/war"]);
	assert.equal([before.newest, next.newest], ["2025-02-25T12:00:00.000Z", "2025-03-02T12:00:00.000Z"]);
});

test("a page kept from the last render gets the new newest date in the bytes a render gives it", async () => {
	const dir = await mkdtemp(path.join(tmpdir(), "incremental-"));
	const before = model(base());
	const after = model([...base(), article("a7", "2025-03-02", ["war"])]);
	const talks = (site: SiteModel) => {
		const item = allPages(site).facetPages.find(({ page }) => page.url === "/topics/talks/");
		return `<!doctype html>\n${renderToString(render({ digest: site, item } as Parameters<typeof render>[0]))}`;
	};
	const file = path.join(dir, "index.html");
	await writeFile(file, talks(before));
	assert.is(await updateNewest([file], viewHashes(before), viewHashes(after)), 1);
	assert.is(await readFile(file, "utf8"), talks(after));
});
test("withNewest replaces the page's newest date in its bytes, whatever the text around it, and leaves a page without one alone", () => {
	const page = Buffer.from('<p>Киев · Київ</p><script data-newest="2025-03-01T10:00:00.000Z"></script><p data-newest="x">…</p>');
	const patched = withNewest(Buffer.from(page), "2025-03-01T10:00:00.000Z", "2025-03-02T08:30:00.000Z");
	assert.is(
		patched?.toString("utf8"),
		'<p>Киев · Київ</p><script data-newest="2025-03-02T08:30:00.000Z"></script><p data-newest="x">…</p>',
	);
	const longer = withNewest(Buffer.from(page), "2025-03-01T10:00:00.000Z", "2025-03-02");
	assert.is(longer?.toString("utf8"), '<p>Киев · Київ</p><script data-newest="2025-03-02"></script><p data-newest="x">…</p>');
	assert.is(withNewest(Buffer.from("<feed></feed>"), "2025-03-01T10:00:00.000Z", "2025-03-02T08:30:00.000Z"), undefined);
	assert.is(
		withNewest(Buffer.from(page), "2024-01-01T00:00:00.000Z", "2025-03-02T08:30:00.000Z"),
		undefined,
		"another date is not this page's",
	);
});

test("an article older than every other leaves the pages it is not shown on alone", () => {
	const after = model([...base(), article("a0", "2024-12-30", ["energy"])]);
	const pages = dirty(model(base()), after);
	assert.ok(pages.articles.includes("a0") && pages.articles.includes("a1"), "its page and its newer neighbour's");
	assert.ok(!pages.articles.includes("a4"), "an article it is not shown beside");
	assert.ok(!pages.facetPages.includes("/topics/talks/"), "a topic it is not in");
});

test("an article moved to another month dirties both months and the months linking to them", () => {
	const after = base().map((a) => (a.slug === "a1" ? { ...article("a1", "2025-03-01", ["war"]) } : a));
	const pages = dirty(model(base()), model(after));
	assert.ok(pages.months.includes("2025-01"), "the month it left");
	assert.ok(pages.months.includes("2025-03"), "the new month");
	assert.ok(pages.months.includes("2025-02"), "the month whose next link now leads to it");
});

test("a retitled topic dirties every page that shows its title", () => {
	const renamed = model(base());
	const topics = renamed.facets.topics;
	const bySlug = { ...topics.bySlug, talks: { ...(topics.bySlug.talks as NonNullable<(typeof topics.bySlug)[string]>), title: "TALKS!" } };
	const retitled: SiteModel = { ...renamed, facets: { ...renamed.facets, topics: { ...topics, bySlug } } };
	const pages = dirty(renamed, retitled);
	// Articles carrying "talks" show it in their topic links; the war and energy pages list such articles.
	for (const slug of ["a2", "a3", "a6"]) assert.ok(pages.articles.includes(slug), slug);
	assert.ok(pages.facetPages.includes("/topics/talks/"));
	assert.ok(pages.facetPages.includes("/topics/war/"), "war's page lists talks among its related topics");
});

test("a change of site settings dirties every page", () => {
	const after = model(base(), { title: "Another title" });
	assert.equal(dirty(model(base()), after), urls(allPages(after)));
});

test("the first person named dirties every HTML page (the navigation now links People); a second one does not", () => {
	const withPerson = (slugs: string[]) => base().map((a) => (slugs.includes(a.slug) ? { ...a, people: ["rubio"] } : a));
	const first = model(withPerson(["a3"]));
	assert.equal(htmlPages(dirty(model(base()), first)), htmlPages(urls(allPages(first))));
	const second = model(withPerson(["a3", "a6"]));
	assert.not.equal(dirty(first, second), urls(allPages(second)));
});

test("the files of every page of the page-kind table are listed, index.html for a URL ending in a slash", () => {
	const files = pageFiles("/out", viewHashes(model(base())));
	const first = model(base()).articles.find((article) => article.slug === "a1");
	assert.ok(first && files.has(`/out${first.url}index.html`));
	assert.ok(files.has("/out/topics/war/index.html"));
	assert.ok(files.has("/out/timeline/2025/02/index.html"));
	assert.ok(files.has("/out/topics/war/feed.xml"));
	assert.ok(files.has("/out/timeline/2025/index.html"));
	// Articles, topic pages, months, topic feeds, the year.
	assert.is(files.size, 6 + 3 + 2 + 3 + 1);
});

test("naming a person in an article dirties that person's page and feed, the article's own page and its topics' pages", () => {
	const people = () => base().map((a) => (a.slug === "a3" || a.slug === "a6" ? { ...a, people: ["rubio"] } : a));
	const after = people().map((a) => (a.slug === "a1" ? { ...a, people: ["rubio"] } : a));
	const pages = dirtyPages(model(after), viewHashes(model(people())), viewHashes(model(after)));
	assert.equal(
		pages.facetPages.map(({ page }) => page.url).filter((url) => url.startsWith("/people/")),
		["/people/rubio/"],
	);
	assert.equal(
		pages.facetFeeds.map(({ entry }) => entry.slug),
		["rubio"],
	);
	assert.equal(
		pages.facetPages.map(({ page }) => page.url).filter((url) => url.startsWith("/topics/")),
		["/topics/war/"],
		"the topic page of a1 lists rubio among its people",
	);
	assert.ok(pages.articles.some((a) => a.slug === "a1"));
});

test('an article joining a story dirties the page of the story\'s other article (its "Also covered by")', () => {
	// Apart in the digest's order (an article between them) and with no topic in common, so that only the
	// story links the two pages.
	const s1 = article("s1", "2025-02-20", ["embassies"], {
		title: "Officials meet in Riyadh and agree to restore embassies",
		summary: "Officials met in Riyadh and agreed to restore embassies.",
		source: { name: "AP" },
		places: ["riyadh"],
	});
	const between = article("between", "2025-02-21", ["energy"]);
	const s2 = article("s2", "2025-02-22", ["diplomats"], {
		title: "Another matter",
		summary: "Nothing alike.",
		source: { name: "Reuters" },
	});
	const joined = { ...s2, title: s1.title, summary: s1.summary, places: ["riyadh"] };
	const before = model([...base(), s1, between, s2]);
	const after = model([...base(), s1, between, joined]);
	assert.is(before.stories[s1.url], undefined);
	assert.ok(after.stories[s1.url], "the two are one story");
	const pages = dirtyPages(after, viewHashes(before), viewHashes(after));
	assert.ok(
		pages.articles.some((a) => a.slug === "s1"),
		"s1 now names Reuters",
	);
});

test.run();
