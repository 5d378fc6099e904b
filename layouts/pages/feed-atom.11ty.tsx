/** `/feed.xml`: the newest articles (site.feedSize) as Atom. */
import { siteFeedView } from "../../src/model/views.ts";
import type { TemplateData } from "../../src/eleventy/data.ts";
import { atomFeed } from "../../src/eleventy/feeds.ts";

export const data = { permalink: "/feed.xml", eleventyExcludeFromCollections: true };

export function render({ digest }: TemplateData) {
	return atomFeed(siteFeedView(digest, "/feed.xml"));
}
