/** `/feed.json`: the newest articles (site.feedSize) as JSON Feed 1.1. */
import type { TemplateData } from "../../src/eleventy/data.ts";
import { jsonFeed, siteFeedSpec } from "../../src/eleventy/feeds.ts";

export const data = { permalink: "/feed.json", eleventyExcludeFromCollections: true };

export function render({ digest }: TemplateData) {
	return jsonFeed(digest, siteFeedSpec(digest, "/feed.json"));
}
