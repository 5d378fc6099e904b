/**
 * One page of a topic, person or place: description, count and date range, monthly activity, the topics,
 * people and places found with it, and its slice of articles, newest first.
 */
import { type FacetKind, facetFeedUrl, facetKinds, facetPageUrl, monthUrl } from "../../src/model/collections.ts";
import type { FacetPageView } from "../../src/model/views.ts";
import { countOf, t, type UiKey, usePageLanguage } from "../i18n.ts";
import { ArticleList } from "./ArticleList.tsx";
import { Breadcrumbs } from "./Breadcrumbs.tsx";
import { MonthlyBars } from "./Charts.tsx";
import { facetUrl, href } from "./links.ts";
import { Pagination } from "./Pagination.tsx";
import { shortDay } from "./periods.ts";

/** The heading over the entries of `other` found with an entry of `kind`. */
const relatedHeading: Record<FacetKind, UiKey> = { topics: "relatedTopics", people: "relatedPeople", places: "relatedPlaces" };

export function FacetView({ view }: { view: FacetPageView }) {
	const { shell: links, kind, entry, pageNumber, pageCount, activity, related } = view;
	const lang = usePageLanguage();
	const heading = pageNumber > 1 ? t(lang, "titleOnPage", { title: entry.title, n: pageNumber }) : entry.title;
	return (
		<>
			<Breadcrumbs
				links={links}
				trail={[
					{ label: t(lang, "home"), path: "/" },
					{ label: t(lang, kind), path: `/${kind}/` },
					{ label: entry.title, path: pageNumber > 1 ? facetUrl(kind, entry.slug) : undefined },
					...(pageNumber > 1 ? [{ label: t(lang, "page", { n: pageNumber }) }] : []),
				]}
			/>
			<header class="topic-header">
				<h1>{heading}</h1>
				{entry.description ? <p class="lede">{entry.description}</p> : null}
				<p class="meta">
					{countOf(lang, "article", entry.count)}
					{entry.first
						? `, ${entry.first === entry.last ? shortDay(entry.first, lang) : t(lang, "dateRange", { from: shortDay(entry.first, lang), to: shortDay(entry.last, lang) })}`
						: ""}
					{" · "}
					<a href={href(links, facetFeedUrl(kind, entry.slug))}>{t(lang, "atomFeed")}</a>
				</p>
			</header>
			{/* What describes the whole topic (its months, its related entries) is on its first page only: a
			    big topic has hundreds of pages, and a ten-year chart is ~30 kB on each. */}
			{activity.length > 0 ? (
				<section class="topic-activity" aria-labelledby="activity-heading">
					<h2 id="activity-heading">{t(lang, "articlesPerMonth")}</h2>
					<MonthlyBars
						id="topic-chart"
						label={t(lang, "articlesOnPerMonth", { title: entry.title })}
						months={activity}
						link={(month) => href(links, monthUrl(month.year, month.month))}
					/>
				</section>
			) : null}
			{facetKinds.map((other) =>
				related[other].length > 0 ? (
					<section key={other} class="related-topics" aria-labelledby={`related-${other}-heading`}>
						<h2 id={`related-${other}-heading`}>{other === kind ? t(lang, relatedHeading[other]) : t(lang, other)}</h2>
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
				<h2 id="topic-articles-heading">
					{pageCount > 1 ? t(lang, "pageOf", { what: t(lang, "articles"), n: pageNumber, of: pageCount }) : t(lang, "articles")}
				</h2>
				<ArticleList links={links} articles={view.articles} level={3} topics={false} />
				<Pagination
					links={links}
					pageNumber={pageNumber}
					pageCount={pageCount}
					urlFor={(n) => facetPageUrl(kind, entry.slug, n)}
					label={t(lang, "pagesOf", { title: entry.title })}
				/>
			</section>
		</>
	);
}
