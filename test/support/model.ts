/** Site models made from a few articles, for unit tests of the views over them. */
import { buildSiteModel, type SiteModel } from "../../src/model/collections.ts";
import { type Article, newestFirst } from "../../src/content/load.ts";
import { siteSettingsSchema } from "../../src/content/site.ts";
import type { Topic } from "../../src/content/topics.ts";

/** An article as the loader makes it, from the few fields these views read. */
export function article(slug: string, day: string, topics: string[], extra: Partial<Article> = {}): Article {
	const [year, month] = day.split("-").map(Number) as [number, number];
	return {
		file: `${day.slice(0, 4)}/${day.slice(5, 7)}/${slug}.md`,
		title: `Title of ${slug}`,
		lang: "en",
		translations: [],
		slug,
		url: `/articles/${day.slice(0, 4)}/${day.slice(5, 7)}/${day.slice(8, 10)}/${slug}/`,
		aliases: [],
		date: `${day}T12:00:00.000Z`,
		day,
		year,
		month,
		topics,
		authors: [],
		people: [],
		places: [],
		summary: `Summary of ${slug}`,
		html: "<p>Body</p>",
		words: 1,
		readingMinutes: 1,
		draft: false,
		lines: { body: 1 },
		...extra,
	};
}

export function model(articles: Article[], settings: Record<string, unknown> = {}): SiteModel {
	const sorted = [...articles].sort(newestFirst);
	const topics = new Map<string, Topic>();
	for (const slug of [...new Set(sorted.flatMap((a) => a.topics))].sort())
		topics.set(slug, { slug, title: slug.toUpperCase(), registered: false });
	return buildSiteModel(
		{
			site: siteSettingsSchema.parse(settings),
			articles: sorted,
			topics,
			people: entries(sorted, "people"),
			places: entries(sorted, "places"),
			warnings: [],
			media: [],
		},
		{ pathPrefix: "/", siteUrl: "" },
	);
}

/** People or places named by their slugs, as an unregistered entry is named by its spelling. */
function entries(articles: Article[], kind: "people" | "places"): Map<string, Topic> {
	const map = new Map<string, Topic>();
	for (const slug of [...new Set(articles.flatMap((a) => a[kind]))].sort()) map.set(slug, { slug, title: slug, registered: false });
	return map;
}
