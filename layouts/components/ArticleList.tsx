/**
 * A list of articles with date, source, summary and topics: home, topic, people, places and timeline pages
 * use it. A story (one event from several outlets, src/stories.ts) is listed once, at its first article
 * in the list, with its sources linked. Each item carries its publication time (`data-date`), which
 * src/browser/new-since.ts compares with the reader's previous visit.
 */
import type { SiteModel } from "../../src/collections.ts";
import type { Article } from "../../src/content/load.ts";
import type { Story } from "../../src/stories.ts";
import { plural, readableDate, teaser } from "./format.ts";
import { href, topicUrl } from "./links.ts";

export interface ArticleListProps {
	model: SiteModel;
	articles: Article[];
	/** Heading level of each item's title (the page's own `<h1>` sits above). */
	level?: 2 | 3;
	/** Leave out the summary for a compact list. */
	compact?: boolean;
	/**
	 * Stories already listed on this page (by id), for a page made of several lists (a timeline month's
	 * days): a story shows once per page. Each list has its own by default.
	 */
	shownStories?: Set<string>;
}

export function ArticleList({ model, articles, level = 2, compact = false, shownStories = new Set() }: ArticleListProps) {
	const Heading = level === 2 ? "h2" : "h3";
	const items: { article: Article; story?: Story<Article> }[] = [];
	for (const article of articles) {
		const story = compact ? undefined : model.stories[article.url];
		if (story) {
			if (shownStories.has(story.id)) continue;
			shownStories.add(story.id);
		}
		items.push({ article, story });
	}
	return (
		<ol class="article-list" role="list">
			{items.map(({ article, story }) => (
				<li key={article.url} class="article-item" data-date={article.date}>
					<Heading class="article-item-title">
						<a href={href(model, article.url)}>{article.title}</a>
					</Heading>
					<p class="meta">
						<time datetime={article.date}>{readableDate(article.date)}</time>
						{article.source ? <span class="source"> · {article.source.name}</span> : null}
					</p>
					{compact ? null : <p class="summary">{teaser(article.summary)}</p>}
					{story ? <StorySources model={model} story={story} /> : null}
					{compact ? null : <TopicLinks model={model} slugs={article.topics} />}
				</li>
			))}
		</ol>
	);
}

/** "3 sources: AP, Reuters, DW", each outlet linking to its own article, newest first. */
function StorySources({ model, story }: { model: SiteModel; story: Story<Article> }) {
	return (
		<p class="story-sources">
			<span class="story-count">{plural(story.articles.length, "source")}</span>
			{": "}
			{story.articles.map((member, index) => (
				<span key={member.url}>
					{index > 0 ? ", " : ""}
					<a href={href(model, member.url)} title={member.title}>
						{member.source?.name ?? member.title}
					</a>
				</span>
			))}
		</p>
	);
}

export function TopicLinks({ model, slugs, filter = false }: { model: SiteModel; slugs: string[]; filter?: boolean }) {
	return (
		<ul class="topic-links" aria-label="Topics">
			{slugs.map((slug) => (
				<li key={slug}>
					<a href={href(model, topicUrl(slug))} data-pagefind-filter={filter ? "topic" : undefined}>
						{model.topicsBySlug[slug]?.title ?? slug}
					</a>
				</li>
			))}
		</ul>
	);
}
