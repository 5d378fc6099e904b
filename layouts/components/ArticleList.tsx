/** A list of articles with date, source, summary and topics: home, topic and timeline pages use it. */
import type { SiteModel } from "../../src/collections.ts";
import type { Article } from "../../src/content/load.ts";
import { readableDate, teaser } from "./format.ts";
import { href, topicUrl } from "./links.ts";

export interface ArticleListProps {
	model: SiteModel;
	articles: Article[];
	/** Heading level of each item's title (the page's own `<h1>` sits above). */
	level?: 2 | 3;
	/** Leave out the summary for a compact list. */
	compact?: boolean;
}

export function ArticleList({ model, articles, level = 2, compact = false }: ArticleListProps) {
	const Heading = level === 2 ? "h2" : "h3";
	return (
		<ol class="article-list" role="list">
			{articles.map((article) => (
				<li key={article.url} class="article-item">
					<Heading class="article-item-title">
						<a href={href(model, article.url)}>{article.title}</a>
					</Heading>
					<p class="meta">
						<time datetime={article.date}>{readableDate(article.date)}</time>
						{article.source ? <span class="source"> · {article.source.name}</span> : null}
					</p>
					{compact ? null : <p class="summary">{teaser(article.summary)}</p>}
					{compact ? null : <TopicLinks model={model} slugs={article.topics} />}
				</li>
			))}
		</ol>
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
