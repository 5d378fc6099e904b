/** `/topics/<slug>/feed.xml`: the newest articles of one topic as Atom. */
import type { TopicSummary } from "../../src/collections.ts";
import type { TemplateData } from "../../src/eleventy/data.ts";
import { atomFeed, topicFeedSpec } from "../../src/eleventy/feeds.ts";

type Data = TemplateData & { topic: TopicSummary };

export const data = {
	pagination: { data: "digest.topicsByName", size: 1, alias: "topic", addAllPagesToCollections: false },
	permalink: (data: Data) => `/topics/${data.topic.slug}/feed.xml`,
	eleventyExcludeFromCollections: true,
};

export function render({ digest, topic }: Data) {
	return atomFeed(digest, topicFeedSpec(digest, topic));
}
