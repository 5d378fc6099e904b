/** `/topics/<slug>/feed.xml`, `/people/<slug>/feed.xml`, `/places/<slug>/feed.xml`: the newest articles of one entry as Atom. */
import type { TemplateData } from "../../src/eleventy/data.ts";
import { atomFeed } from "../../src/eleventy/feeds.ts";
import { pageKindData, viewOf } from "../../src/model/page-kinds.ts";

export const data = pageKindData("facetFeeds");

export function render(data: TemplateData & { item: unknown }) {
	return atomFeed(viewOf("facetFeeds", data));
}
