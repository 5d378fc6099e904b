/** The home page: the latest articles, the most active topics of the latest month, the timeline chart and the biggest topics. */
import { type FacetKind, facetTitle, type SiteModel } from "../../src/model/collections.ts";
import { sharedViews } from "../../src/model/views.ts";
import { t, usePageLanguage } from "../i18n.ts";
import { ArticleList } from "./ArticleList.tsx";
import { facetUrl, href, topicUrl } from "./links.ts";
import { monthName } from "./periods.ts";
import { TimelineChart } from "./TimelineView.tsx";

export function HomeView({ model }: { model: SiteModel }) {
	const shared = sharedViews(model);
	const latest = model.articles
		.slice(0, model.site.homeSize)
		.map((article) => ({ ...shared.listed(article), topics: article.topics.map((slug) => shared.named("topics", slug)) }));
	const active = model.latestMonth;
	const lang = usePageLanguage();
	return (
		<>
			<div class="intro">
				<h1>{model.site.title}</h1>
				{model.site.description ? <p class="lede">{model.site.description}</p> : null}
			</div>
			{model.timeline.months.length > 0 ? (
				<section class="home-timeline" aria-labelledby="timeline-heading">
					<h2 id="timeline-heading">
						<a href={href(model, "/timeline/")}>{t(lang, "timeline")}</a>
					</h2>
					<TimelineChart model={model} id="home-chart" />
				</section>
			) : null}
			<div class="home-grid">
				<section aria-labelledby="latest-heading">
					<h2 id="latest-heading">{t(lang, "latestArticles")}</h2>
					<ArticleList links={model} articles={latest} level={3} />
				</section>
				<aside aria-label={t(lang, "topics")}>
					{active ? (
						<section aria-labelledby="active-heading">
							<h2 id="active-heading">
								{t(lang, "mostActiveIn")}
								<a href={href(model, active.url)}>{monthName(active.year, active.month, lang)}</a>
							</h2>
							<ul class="active-topics">
								{active.topics.map((topic) => (
									<li key={topic.slug}>
										<a href={href(model, topicUrl(topic.slug))}>{facetTitle(model, "topics", topic.slug)}</a>{" "}
										<span class="count">{topic.count}</span>
									</li>
								))}
							</ul>
							<ActiveNames model={model} kind="people" label={t(lang, "people")} entries={active.people} />
							<ActiveNames model={model} kind="places" label={t(lang, "places")} entries={active.places} />
						</section>
					) : null}
					<section aria-labelledby="topics-heading">
						<h2 id="topics-heading">{t(lang, "topics")}</h2>
						<ul class="topic-counts">
							{model.facets.topics.bySize.slice(0, 30).map((topic) => (
								<li key={topic.slug}>
									<a href={href(model, topicUrl(topic.slug))}>{topic.title}</a> <span class="count">{topic.count}</span>
								</li>
							))}
						</ul>
						<p>
							<a href={href(model, "/topics/")}>{t(lang, "allTopics", { n: model.facets.topics.bySize.length })}</a>
						</p>
					</section>
				</aside>
			</div>
		</>
	);
}

/** The people or places most present in the latest month, with their article counts that month. */
function ActiveNames({
	model,
	kind,
	label,
	entries,
}: {
	model: SiteModel;
	kind: FacetKind;
	label: string;
	entries: { slug: string; count: number }[];
}) {
	if (entries.length === 0) return null;
	return (
		<>
			<h3 id={`active-${kind}-heading`}>
				<a href={href(model, `/${kind}/`)}>{label}</a>
			</h3>
			<ul class="active-topics" aria-labelledby={`active-${kind}-heading`}>
				{entries.map((entry) => (
					<li key={entry.slug}>
						<a href={href(model, facetUrl(kind, entry.slug))}>{facetTitle(model, kind, entry.slug)}</a>{" "}
						<span class="count">{entry.count}</span>
					</li>
				))}
			</ul>
		</>
	);
}
