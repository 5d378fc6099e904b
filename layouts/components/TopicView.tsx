/**
 * One page of a topic, person or place: description, count and date range, monthly activity, the topics,
 * people and places found with it, and its slice of articles, newest first.
 */
import { facetFeedUrl, facetKinds, facetLabels, facetPageUrl, monthUrl } from "../../src/model/collections.ts";
import type { FacetPageView } from "../../src/model/views.ts";
import { ArticleList } from "./ArticleList.tsx";
import { Breadcrumbs } from "./Breadcrumbs.tsx";
import { MonthlyBars } from "./Charts.tsx";
import { plural } from "./format.ts";
import { facetUrl, href } from "./links.ts";
import { Pagination } from "./Pagination.tsx";
import { shortDay } from "./periods.ts";

export function FacetView({ view }: { view: FacetPageView }) {
	const { shell: links, kind, entry, pageNumber, pageCount, activity, related } = view;
	const label = facetLabels[kind];
	const heading = pageNumber > 1 ? `${entry.title}, page ${pageNumber}` : entry.title;
	return (
		<>
			<Breadcrumbs
				links={links}
				trail={[
					{ label: "Home", path: "/" },
					{ label: label.plural, path: `/${kind}/` },
					{ label: entry.title, path: pageNumber > 1 ? facetUrl(kind, entry.slug) : undefined },
					...(pageNumber > 1 ? [{ label: `Page ${pageNumber}` }] : []),
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
					<a href={href(links, facetFeedUrl(kind, entry.slug))}>Atom feed</a>
				</p>
			</header>
			{/* What describes the whole topic (its months, its related entries) is on its first page only: a
			    big topic has hundreds of pages, and a ten-year chart is ~30 kB on each. */}
			{activity.length > 0 ? (
				<section class="topic-activity" aria-labelledby="activity-heading">
					<h2 id="activity-heading">Articles per month</h2>
					<MonthlyBars
						id="topic-chart"
						label={`Articles on ${entry.title} per month`}
						months={activity}
						link={(month) => href(links, monthUrl(month.year, month.month))}
					/>
				</section>
			) : null}
			{facetKinds.map((other) =>
				related[other].length > 0 ? (
					<section key={other} class="related-topics" aria-labelledby={`related-${other}-heading`}>
						<h2 id={`related-${other}-heading`}>{other === kind ? `Related ${label.plural.toLowerCase()}` : facetLabels[other].plural}</h2>
						<ul class="topic-links">
							{related[other].map((item) => (
								<li key={item.slug}>
									<a href={href(links, facetUrl(other, item.slug))}>
										{item.title} <span class="count">({item.shared})</span>
									</a>
								</li>
							))}
						</ul>
					</section>
				) : null,
			)}
			<section aria-labelledby="topic-articles-heading">
				<h2 id="topic-articles-heading">Articles{pageCount > 1 ? ` (page ${pageNumber} of ${pageCount})` : ""}</h2>
				<ArticleList links={links} articles={view.articles} level={3} topics={false} />
				<Pagination
					links={links}
					pageNumber={pageNumber}
					pageCount={pageCount}
					urlFor={(n) => facetPageUrl(kind, entry.slug, n)}
					label={`Pages of ${entry.title}`}
				/>
			</section>
		</>
	);
}
