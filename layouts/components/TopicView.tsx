/** One page of a topic: description, monthly activity, related topics, and its slice of articles, newest first. */
import { denseMonths, monthUrl, type SiteModel, type TopicPage, topicFeedUrl, topicPageUrl } from "../../src/collections.ts";
import { ArticleList } from "./ArticleList.tsx";
import { Breadcrumbs } from "./Breadcrumbs.tsx";
import { MonthlyBars } from "./Charts.tsx";
import { plural } from "./format.ts";
import { href, topicUrl } from "./links.ts";
import { Pagination } from "./Pagination.tsx";
import { shortDay } from "./periods.ts";

export function TopicView({ model, page }: { model: SiteModel; page: TopicPage }) {
	const topic = model.topicsBySlug[page.slug];
	if (!topic) return null;
	const activity = model.topicActivity[topic.slug] ?? [];
	const first = activity[0];
	const last = activity.at(-1);
	const related = model.relatedTopics[topic.slug] ?? [];
	const heading = page.pageNumber > 1 ? `${topic.title}, page ${page.pageNumber}` : topic.title;
	return (
		<>
			<Breadcrumbs
				model={model}
				trail={[
					{ label: "Home", path: "/" },
					{ label: "Topics", path: "/topics/" },
					{ label: topic.title, path: page.pageNumber > 1 ? topicUrl(topic.slug) : undefined },
					...(page.pageNumber > 1 ? [{ label: `Page ${page.pageNumber}` }] : []),
				]}
			/>
			<header class="topic-header">
				<h1>{heading}</h1>
				{topic.description ? <p class="lede">{topic.description}</p> : null}
				<p class="meta">
					{plural(topic.count, "article")}
					{topic.first
						? `, ${topic.first === topic.last ? shortDay(topic.first) : `${shortDay(topic.first)} to ${shortDay(topic.last)}`}`
						: ""}
					{" · "}
					<a href={href(model, topicFeedUrl(topic.slug))}>Atom feed</a>
				</p>
			</header>
			{first && last ? (
				<section class="topic-activity" aria-labelledby="activity-heading">
					<h2 id="activity-heading">Articles per month</h2>
					<MonthlyBars
						id="topic-chart"
						label={`Articles on ${topic.title} per month`}
						months={denseMonths(activity, first, last)}
						link={(month) => href(model, monthUrl(month.year, month.month))}
					/>
				</section>
			) : null}
			{related.length > 0 ? (
				<section class="related-topics" aria-labelledby="related-topics-heading">
					<h2 id="related-topics-heading">Related topics</h2>
					<ul class="topic-links">
						{related.map((other) => (
							<li key={other.slug}>
								<a href={href(model, topicUrl(other.slug))}>
									{model.topicsBySlug[other.slug]?.title ?? other.slug} <span class="count">({other.shared})</span>
								</a>
							</li>
						))}
					</ul>
				</section>
			) : null}
			<section aria-labelledby="topic-articles-heading">
				<h2 id="topic-articles-heading">Articles{page.pageCount > 1 ? ` (page ${page.pageNumber} of ${page.pageCount})` : ""}</h2>
				<ArticleList model={model} articles={page.articles} level={3} />
				<Pagination
					model={model}
					pageNumber={page.pageNumber}
					pageCount={page.pageCount}
					urlFor={(n) => topicPageUrl(topic.slug, n)}
					label={`Pages of ${topic.title}`}
				/>
			</section>
		</>
	);
}
