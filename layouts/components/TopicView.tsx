/**
 * One page of a topic, person or place: description, count and date range, monthly activity, the topics,
 * people and places found with it, and its slice of articles, newest first.
 */
import {
	denseMonths,
	type FacetKind,
	facetFeedUrl,
	facetKinds,
	facetLabels,
	facetPageUrl,
	facetTitle,
	monthUrl,
	type RelatedTopic,
	type SiteModel,
	type TopicPage,
} from "../../src/collections.ts";
import { ArticleList } from "./ArticleList.tsx";
import { Breadcrumbs } from "./Breadcrumbs.tsx";
import { MonthlyBars } from "./Charts.tsx";
import { plural } from "./format.ts";
import { facetUrl, href } from "./links.ts";
import { Pagination } from "./Pagination.tsx";
import { shortDay } from "./periods.ts";

export function TopicView({ model, page }: { model: SiteModel; page: TopicPage }) {
	return <FacetView model={model} kind="topics" page={page} />;
}

export function FacetView({ model, kind, page }: { model: SiteModel; kind: FacetKind; page: TopicPage }) {
	const facet = model.facets[kind];
	const entry = facet.bySlug[page.slug];
	if (!entry) return null;
	const activity = facet.activity[entry.slug] ?? [];
	const first = activity[0];
	const last = activity.at(-1);
	// Topics list their related topics with their own limit (model.relatedTopics); the rest come from the facet.
	const related: Record<FacetKind, RelatedTopic[]> = {
		topics: kind === "topics" ? (model.relatedTopics[entry.slug] ?? []) : (facet.related[entry.slug]?.topics ?? []),
		people: facet.related[entry.slug]?.people ?? [],
		places: facet.related[entry.slug]?.places ?? [],
	};
	const label = facetLabels[kind];
	const heading = page.pageNumber > 1 ? `${entry.title}, page ${page.pageNumber}` : entry.title;
	return (
		<>
			<Breadcrumbs
				model={model}
				trail={[
					{ label: "Home", path: "/" },
					{ label: label.plural, path: `/${kind}/` },
					{ label: entry.title, path: page.pageNumber > 1 ? facetUrl(kind, entry.slug) : undefined },
					...(page.pageNumber > 1 ? [{ label: `Page ${page.pageNumber}` }] : []),
				]}
			/>
			<header class="topic-header">
				<h1>{heading}</h1>
				{entry.description ? <p class="lede">{entry.description}</p> : null}
				<p class="meta">
					{plural(entry.count, "article")}
					{entry.first
						? `, ${entry.first === entry.last ? shortDay(entry.first) : `${shortDay(entry.first)} to ${shortDay(entry.last)}`}`
						: ""}
					{" · "}
					<a href={href(model, facetFeedUrl(kind, entry.slug))}>Atom feed</a>
				</p>
			</header>
			{/* What describes the whole topic (its months, its related entries) is on its first page only: a
			    big topic has hundreds of pages, and a ten-year chart is ~30 kB on each. */}
			{page.pageNumber === 1 && first && last ? (
				<section class="topic-activity" aria-labelledby="activity-heading">
					<h2 id="activity-heading">Articles per month</h2>
					<MonthlyBars
						id="topic-chart"
						label={`Articles on ${entry.title} per month`}
						months={denseMonths(activity, first, last)}
						link={(month) => href(model, monthUrl(month.year, month.month))}
					/>
				</section>
			) : null}
			{facetKinds.map((other) =>
				page.pageNumber === 1 && related[other].length > 0 ? (
					<section key={other} class="related-topics" aria-labelledby={`related-${other}-heading`}>
						<h2 id={`related-${other}-heading`}>{other === kind ? `Related ${label.plural.toLowerCase()}` : facetLabels[other].plural}</h2>
						<ul class="topic-links">
							{related[other].map((item) => (
								<li key={item.slug}>
									<a href={href(model, facetUrl(other, item.slug))}>
										{facetTitle(model, other, item.slug)} <span class="count">({item.shared})</span>
									</a>
								</li>
							))}
						</ul>
					</section>
				) : null,
			)}
			<section aria-labelledby="topic-articles-heading">
				<h2 id="topic-articles-heading">Articles{page.pageCount > 1 ? ` (page ${page.pageNumber} of ${page.pageCount})` : ""}</h2>
				<ArticleList model={model} articles={page.articles} level={3} topics={false} />
				<Pagination
					model={model}
					pageNumber={page.pageNumber}
					pageCount={page.pageCount}
					urlFor={(n) => facetPageUrl(kind, entry.slug, n)}
					label={`Pages of ${entry.title}`}
				/>
			</section>
		</>
	);
}
