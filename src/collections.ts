/**
 * The views of the digest that pages are made of, computed once per build in linear time. Templates only
 * read these; none of them loops over every article for every page.
 */
import type { Article, Digest } from "./content/load.ts";
import type { SiteSettings } from "./content/site.ts";
import type { Topic } from "./content/topics.ts";

export interface TopicSummary extends Topic {
	/** Articles in the topic. */
	count: number;
	/** `YYYY-MM-DD` of its oldest and newest article. */
	first: string;
	last: string;
}

export interface SiteModel {
	site: SiteSettings;
	/** `/` or `/repo/`: every internal link starts with it. */
	pathPrefix: string;
	/** Public URL of the site root (no trailing slash), or "" when unknown. */
	siteUrl: string;
	/** Newest first. */
	articles: Article[];
	/** Every topic, most articles first, then by title. */
	topics: TopicSummary[];
	topicsBySlug: Record<string, TopicSummary>;
}

export function buildSiteModel(digest: Digest, build: { pathPrefix: string; siteUrl: string }): SiteModel {
	const topicsBySlug: Record<string, TopicSummary> = {};
	for (const topic of digest.topics.values()) topicsBySlug[topic.slug] = { ...topic, count: 0, first: "", last: "" };
	for (const article of digest.articles) {
		for (const slug of article.topics) {
			const topic = topicsBySlug[slug];
			if (!topic) continue;
			topic.count++;
			if (!topic.first || article.day < topic.first) topic.first = article.day;
			if (article.day > topic.last) topic.last = article.day;
		}
	}
	const topics = Object.values(topicsBySlug).sort((a, b) => b.count - a.count || a.title.localeCompare(b.title, "en") || (a.slug < b.slug ? -1 : 1));
	return {
		site: digest.site,
		pathPrefix: build.pathPrefix,
		siteUrl: build.siteUrl.replace(/\/+$/, ""),
		articles: digest.articles,
		topics,
		topicsBySlug,
	};
}
