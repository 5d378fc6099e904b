import { test } from "uvu";
import * as assert from "uvu/assert";
import type { SiteModel } from "../../src/collections.ts";
import type { Article } from "../../src/content/load.ts";
import { allPages, dirtyPages, fingerprints, type PageLists, pageCount, pageFiles } from "../../src/incremental.ts";
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
	topicPages: pages.topicPages.map((page) => page.url),
	monthPages: pages.monthPages.map((month) => month.key),
	topicFeeds: pages.topicFeeds.map((topic) => topic.slug),
});

const dirty = (before: SiteModel, after: SiteModel) => urls(dirtyPages(after, fingerprints(before), fingerprints(after)));

test("without an earlier render, every page is dirty", () => {
	const site = model(base());
	assert.equal(urls(dirtyPages(site, undefined, fingerprints(site))), urls(allPages(site)));
});

test("an unchanged model has no dirty page", () => {
	assert.equal(pageCount(dirtyPages(model(base()), fingerprints(model(base())), fingerprints(model(base())))), 0);
});

test("a retitled article dirties its page, its neighbours', its topics' pages and feeds and its month, nothing else", () => {
	const after = base().map((a) => (a.slug === "a5" ? { ...a, title: "New title" } : a));
	assert.equal(dirty(model(base()), model(after)), {
		// a4 and a6 show it as previous/next; a6 lists it as related (shared topic energy).
		articles: ["a6", "a5", "a4"],
		topicPages: ["/topics/energy/"],
		monthPages: ["2025-02"],
		topicFeeds: ["energy"],
	});
});

test("a body edit dirties only the article's own page", () => {
	const after = base().map((a) => (a.slug === "a1" ? { ...a, html: "<p>Edited</p>" } : a));
	assert.equal(dirty(model(base()), model(after)), { articles: ["a1"], topicPages: [], monthPages: [], topicFeeds: [] });
});

test("an article moved to another month dirties both months and the months linking to them", () => {
	const after = base().map((a) => (a.slug === "a1" ? { ...article("a1", "2025-03-01", ["war"]) } : a));
	const pages = dirty(model(base()), model(after));
	assert.ok(pages.monthPages.includes("2025-01"), "the month it left");
	assert.ok(pages.monthPages.includes("2025-03"), "the new month");
	assert.ok(pages.monthPages.includes("2025-02"), "the month whose next link now leads to it");
});

test("a retitled topic dirties every page that shows its title", () => {
	const renamed = model(base());
	const retitled: SiteModel = {
		...renamed,
		topicsBySlug: {
			...renamed.topicsBySlug,
			talks: { ...(renamed.topicsBySlug.talks as NonNullable<SiteModel["topicsBySlug"][string]>), title: "TALKS!" },
		},
	};
	const pages = dirty(renamed, retitled);
	// Articles carrying "talks" show it in their topic links; the war and energy pages list such articles.
	for (const slug of ["a2", "a3", "a6"]) assert.ok(pages.articles.includes(slug), slug);
	assert.ok(pages.topicPages.includes("/topics/talks/"));
	assert.ok(pages.topicFeeds.includes("talks"));
});

test("a change of site settings dirties every page", () => {
	const after = model(base(), { title: "Another title" });
	assert.equal(dirty(model(base()), after), urls(allPages(after)));
});

test("the first person named dirties every page (the navigation now links People); a second one does not", () => {
	const withPerson = (slugs: string[]) => base().map((a) => (slugs.includes(a.slug) ? { ...a, people: ["rubio"] } : a));
	const first = model(withPerson(["a3"]));
	assert.equal(dirty(model(base()), first), urls(allPages(first)));
	const second = model(withPerson(["a3", "a6"]));
	assert.not.equal(dirty(first, second), urls(allPages(second)));
});

test("the files of every paginated page are listed, index.html for a URL ending in a slash", () => {
	const files = pageFiles("/out", fingerprints(model(base())));
	const first = model(base()).articles.find((article) => article.slug === "a1");
	assert.ok(first && files.has(`/out${first.url}index.html`));
	assert.ok(files.has("/out/topics/war/index.html"));
	assert.ok(files.has("/out/timeline/2025/02/index.html"));
	assert.ok(files.has("/out/topics/war/feed.xml"));
	assert.is(files.size, 6 + 3 + 2 + 3);
});

test("naming a person in an article dirties that person's page and feed, and the article's own page", () => {
	const people = () => base().map((a) => (a.slug === "a3" || a.slug === "a6" ? { ...a, people: ["rubio"] } : a));
	const after = people().map((a) => (a.slug === "a1" ? { ...a, people: ["rubio"] } : a));
	const pages = dirtyPages(model(after), fingerprints(model(people())), fingerprints(model(after)));
	assert.equal(
		pages.facetPages.map(({ page }) => page.url),
		["/people/rubio/"],
	);
	assert.equal(
		pages.facetFeeds.map(({ entry }) => entry.slug),
		["rubio"],
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
	const pages = dirtyPages(after, fingerprints(before), fingerprints(after));
	assert.ok(
		pages.articles.some((a) => a.slug === "s1"),
		"s1 now names Reuters",
	);
});

test.run();
