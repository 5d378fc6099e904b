/**
 * The timeline: `/timeline/` (a chart of every month and the years), a year (its months, each article
 * grouped by day) and a month (every article, grouped by day), with links to the neighbouring periods.
 */
import type { PeriodLink, SiteModel } from "../../src/model/collections.ts";
import { monthUrl } from "../../src/model/collections.ts";
import type { MonthPageView, YearPageView } from "../../src/model/views.ts";
import { countOf, t, usePageLanguage } from "../i18n.ts";
import { ArticleList } from "./ArticleList.tsx";
import { Breadcrumbs, timelineTrail } from "./Breadcrumbs.tsx";
import { MonthlyBars } from "./Charts.tsx";
import { href, type LinkContext } from "./links.ts";
import { longDay, monthName } from "./periods.ts";

const periodName = (period: PeriodLink, lang: string): string =>
	period.month ? monthName(period.year, period.month, lang) : String(period.year);

/** The whole digest's months as a chart; each bar leads to its month's page. */
export function TimelineChart({ model, id }: { model: SiteModel; id: string }) {
	return (
		<MonthlyBars
			id={id}
			label={t(usePageLanguage(), "articlesPerMonth")}
			months={model.timeline.months}
			link={(month) => href(model, monthUrl(month.year, month.month))}
		/>
	);
}

export function TimelineIndexView({ model }: { model: SiteModel }) {
	const { years } = model.timeline;
	const lang = usePageLanguage();
	return (
		<>
			<h1>{t(lang, "timeline")}</h1>
			<p class="lede">
				{t(lang, "timelineLede", {
					articles: countOf(lang, "article", model.articles.length),
					months: countOf(lang, "month", model.timeline.monthPages.length),
				})}
			</p>
			<TimelineChart model={model} id="timeline-chart" />
			<div class="timeline-years">
				{[...years].reverse().map((year) => (
					<section key={year.year} class="timeline-year" aria-labelledby={`year-${year.year}`}>
						<h2 id={`year-${year.year}`}>
							<a href={href(model, year.url)}>{year.year}</a> <span class="count">{countOf(lang, "article", year.count)}</span>
						</h2>
						<ul class="month-links">
							{year.monthPages.map((month) => (
								<li key={month.key}>
									<a href={href(model, month.url)}>{monthName(month.year, month.month, lang)}</a> <span class="count">{month.count}</span>
								</li>
							))}
						</ul>
					</section>
				))}
			</div>
		</>
	);
}

export function TimelineYearView({ view: year }: { view: YearPageView }) {
	const links = year.shell;
	const lang = usePageLanguage();
	return (
		<>
			<Breadcrumbs links={links} trail={timelineTrail(year, undefined, lang)} />
			<h1>{year.year}</h1>
			<p class="lede">{countOf(lang, "article", year.count)}.</p>
			<PeriodNavigation links={links} period={year} label={t(lang, "otherYears")} />
			<MonthlyBars
				id="year-chart"
				label={t(lang, "articlesPerMonthIn", { year: year.year })}
				months={year.months}
				link={(month) => href(links, monthUrl(month.year, month.month))}
			/>
			{year.monthPages.map((month) => (
				<section key={month.key} class="timeline-month" aria-labelledby={`month-${month.key}`}>
					<h2 id={`month-${month.key}`}>
						<a href={href(links, month.url)}>{monthName(month.year, month.month, lang)}</a>{" "}
						<span class="count">{countOf(lang, "article", month.count)}</span>
					</h2>
					{month.days.map((day) => (
						<div key={day.day} class="timeline-day">
							<h3>{longDay(day.day, lang)}</h3>
							<ul class="day-list">
								{day.articles.map((article) => (
									<li key={article.url}>
										<a href={href(links, article.url)}>{article.title}</a>
										{article.source ? <span class="source"> · {article.source}</span> : null}
									</li>
								))}
							</ul>
						</div>
					))}
				</section>
			))}
			<PeriodNavigation links={links} period={year} label={t(lang, "atTheBottom", { what: t(lang, "otherYears") })} />
		</>
	);
}

export function TimelineMonthView({ view }: { view: MonthPageView }) {
	const { shell: links, month } = view;
	const lang = usePageLanguage();
	const name = monthName(month.year, month.month, lang);
	const shownStories = new Set<string>();
	return (
		<>
			<Breadcrumbs links={links} trail={timelineTrail(month, undefined, lang)} />
			<h1>{name}</h1>
			<p class="lede">{countOf(lang, "article", month.count)}.</p>
			<PeriodNavigation links={links} period={month} label={t(lang, "otherMonths")} />
			{view.days.map((day) => (
				<section key={day.day} class="timeline-day" aria-labelledby={`day-${day.day}`}>
					<h2 id={`day-${day.day}`}>{longDay(day.day, lang)}</h2>
					<ArticleList links={links} articles={day.articles} level={3} summary={false} topics={false} shownStories={shownStories} />
				</section>
			))}
			<PeriodNavigation links={links} period={month} label={t(lang, "atTheBottom", { what: t(lang, "otherMonths") })} />
		</>
	);
}

function PeriodNavigation({
	links,
	period,
	label,
}: {
	links: LinkContext;
	period: { previous?: PeriodLink; next?: PeriodLink };
	label: string;
}) {
	const lang = usePageLanguage();
	if (!period.previous && !period.next) return null;
	return (
		<nav class="period-nav" aria-label={label}>
			{period.previous ? (
				<a href={href(links, period.previous.url)} rel="prev">
					← {periodName(period.previous, lang)}
				</a>
			) : (
				<span />
			)}
			{period.next ? (
				<a href={href(links, period.next.url)} rel="next">
					{periodName(period.next, lang)} →
				</a>
			) : null}
		</nav>
	);
}
