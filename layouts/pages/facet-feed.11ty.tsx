/** `/people/<slug>/feed.xml`, `/places/<slug>/feed.xml`: the newest articles of one person or place as Atom. */
import { facetFeedUrl } from "../../src/collections.ts";
import type { TemplateData } from "../../src/eleventy/data.ts";
import { atomFeed, facetFeedSpec } from "../../src/eleventy/feeds.ts";
import { onePagePer } from "../../src/eleventy/paginate.ts";
import type { FacetFeed } from "../../src/incremental.ts";

type Data = TemplateData & { facetFeed: FacetFeed };

export const data = onePagePer("pages.facetFeeds", "facetFeed", (feed: FacetFeed) => facetFeedUrl(feed.kind, feed.entry.slug));

export function render({ digest, facetFeed }: Data) {
	return atomFeed(digest, facetFeedSpec(digest, facetFeed.kind, facetFeed.entry));
}
