/** `/feed.json`: the newest articles (site.feedSize) as JSON Feed 1.1. */
import { siteFeedView } from "../../src/model/views.ts";
import type { TemplateData } from "../../src/eleventy/data.ts";
import { jsonFeed } from "../../src/eleventy/feeds.ts";

export const data = { permalink: "/feed.json", eleventyExcludeFromCollections: true };

export function render({ digest }: TemplateData) {
	return jsonFeed(siteFeedView(digest, "/feed.json"));
}
