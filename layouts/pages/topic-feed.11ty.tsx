/** `/topics/<slug>/feed.xml`: the newest articles of one topic as Atom. */
import { type TopicSummary, topicFeedUrl } from "../../src/collections.ts";
import type { TemplateData } from "../../src/eleventy/data.ts";
import { onePagePer } from "../../src/eleventy/paginate.ts";
import { atomFeed, topicFeedSpec } from "../../src/eleventy/feeds.ts";

type Data = TemplateData & { topic: TopicSummary };

export const data = onePagePer("pages.topicFeeds", "topic", (topic: TopicSummary) => topicFeedUrl(topic.slug));

export function render({ digest, topic }: Data) {
	return atomFeed(digest, topicFeedSpec(digest, topic));
}
