/** `/feed.xml`: the newest articles (site.feedSize) as Atom. */
import type { TemplateData } from "../../src/eleventy/data.ts";
import { atomFeed, siteFeedSpec } from "../../src/eleventy/feeds.ts";

export const data = { permalink: "/feed.xml", eleventyExcludeFromCollections: true };

export function render({ digest }: TemplateData) {
	return atomFeed(digest, siteFeedSpec(digest, "/feed.xml"));
}
