/**
 * `/topics/` (by name, with a jump list of initials) and `/topics/by-size/`: every topic with its count,
 * its date range and (by name) an activity sparkline on one shared time axis; `/people/` and `/places/` (and their
 * `by-size/`) alike. A table, so that thousands of rows stay scannable; both orderings are static pages.
 * Each row carries the times of the entry's newest articles (`data-dates`, see `compactTime`), from which
 * src/browser/new-since.ts counts those new since the reader's previous visit.
 */
import { type FacetKind, facetKinds, type SiteModel, type TopicSummary } from "../../src/model/collections.ts";
import { countOf, t, type UiKey, usePageLanguage } from "../i18n.ts";
import { Sparkline } from "./Charts.tsx";
import { facetUrl, href } from "./links.ts";
import { monthName, shortDay } from "./periods.ts";

/**
 * A time as seconds since 1970 in base 36 (`2025-02-18T09:30:00.000Z` is `ss0z2q`): 20 of them on each of
 * tens of thousands of rows, twice (by name and by size), are 6 characters each instead of 24.
 */
export const compactTime = (iso: string): string => Math.floor(Date.parse(iso) / 1000).toString(36);

export type TopicOrder = "name" | "size";

/** How many of an entry's newest article times its index row carries: "20+ new" beyond that. */
export const newCountLimit = 20;

export interface IndexPage {
	kind: FacetKind;
	order: TopicOrder;
	path: string;
	label: UiKey;
}

export const topicIndexPages: IndexPage[] = facetKinds.flatMap((kind) => [
	{ kind, order: "name" as const, path: `/${kind}/`, label: "byName" as const },
	{ kind, order: "size" as const, path: `/${kind}/by-size/`, label: "bySize" as const },
]);

/** What an index counts (and, in English, describes) and names its first column by, per kind. */
export const entryNoun = { topics: "topic", people: "person", places: "place" } as const;
const entryColumn: Record<FacetKind, UiKey> = { topics: "columnTopic", people: "columnPerson", places: "columnPlace" };

/**
 * The letter a topic is filed under: its first letter, a Latin one without accents (`É` under `E`), a
 * letter of another script as it is (`Й` has its own place in Russian and Ukrainian), else `#`.
 */
export function initialOf(title: string): string {
	const first = title
		.replace(/[^\p{L}\p{N}]/gu, "")
		.charAt(0)
		.toLocaleUpperCase();
	const latin = first.normalize("NFD").charAt(0);
	if (/^[A-Z]$/.test(latin)) return latin;
	return /^\p{L}$/u.test(first) ? first : "#";
}

export function TopicsIndexView({ model, order, kind = "topics" }: { model: SiteModel; order: TopicOrder; kind?: FacetKind }) {
	const facet = model.facets[kind];
	const topics = order === "name" ? facet.byName : facet.bySize;
	const lang = usePageLanguage();
	const what = t(lang, kind);
	const months = model.timeline.months;
	const from = months[0];
	const to = months.at(-1);
	const groups = order === "name" ? groupByInitial(topics, lang) : [{ initial: "", topics }];
	// The sparklines are on the page by name; by size, each row is its rank, count and dates (tens of
	// thousands of sparklines twice would be ~10 MB of the 1 GB a site may publish).
	const activity = order === "name" && from && to;
	return (
		<>
			<h1>{what}</h1>
			<p class="lede">
				{t(lang, from && to ? "indexLedeRange" : "indexLede", {
					count: countOf(lang, entryNoun[kind], topics.length),
					articles: countOf(lang, "article", model.articles.length),
					from: from ? monthName(from.year, from.month, lang) : "",
					to: to ? monthName(to.year, to.month, lang) : "",
				})}
			</p>
			<nav class="topic-order" aria-label={t(lang, "orderOf", { what: what.toLocaleLowerCase(lang) })}>
				{t(lang, "orderBy")}{" "}
				{topicIndexPages
					.filter((page) => page.kind === kind)
					.map((page, index) => (
						<span key={page.order}>
							{index > 0 ? " · " : ""}
							<a href={href(model, page.path)} aria-current={page.order === order ? "page" : undefined}>
								{t(lang, page.label)}
							</a>
						</span>
					))}
			</nav>
			{order === "name" && groups.length > 1 ? (
				<nav class="initials" aria-label={t(lang, "byFirstLetter", { what })}>
					<ul>
						{groups.map((group) => (
							<li key={group.initial}>
								<a href={`#${anchorFor(group.initial)}`}>{group.initial}</a>
							</li>
						))}
					</ul>
				</nav>
			) : null}
			{groups.map((group) => (
				<section key={group.initial} class="topic-group" aria-labelledby={group.initial ? anchorFor(group.initial) : undefined}>
					{group.initial ? <h2 id={anchorFor(group.initial)}>{group.initial}</h2> : null}
					<table class="topic-table">
						<thead>
							<tr>
								<th scope="col">{t(lang, entryColumn[kind])}</th>
								<th scope="col" class="num">
									{t(lang, "articles")}
								</th>
								<th scope="col" class="range">
									{t(lang, "columnRange")}
								</th>
								{activity ? <th scope="col">{t(lang, "columnActivity")}</th> : null}
							</tr>
						</thead>
						<tbody>
							{group.topics.map((topic) => (
								<tr
									key={topic.slug}
									data-dates={(facet.articles[topic.slug] ?? [])
										.slice(0, newCountLimit)
										.map((article) => compactTime(article.date))
										.join(" ")}
								>
									<th scope="row">
										<a href={href(model, facetUrl(kind, topic.slug))}>{topic.title}</a> <span class="new-count" data-new-count="" />
									</th>
									<td class="num">{topic.count}</td>
									<td class="range">
										{topic.first === topic.last
											? shortDay(topic.first, lang)
											: `${shortDay(topic.first, lang)} – ${shortDay(topic.last, lang)}`}
									</td>
									{activity ? (
										<td class="activity">
											<Sparkline
												activity={facet.activity[topic.slug] ?? []}
												from={from}
												to={to}
												label={t(lang, "articlesOnPerMonthInAll", { title: topic.title, n: topic.count })}
											/>
										</td>
									) : null}
								</tr>
							))}
						</tbody>
					</table>
				</section>
			))}
		</>
	);
}

const anchorFor = (initial: string): string => `initial-${initial === "#" ? "other" : initial}`;

function groupByInitial(topics: TopicSummary[], lang: string): { initial: string; topics: TopicSummary[] }[] {
	const groups = new Map<string, TopicSummary[]>();
	for (const topic of topics) {
		const initial = initialOf(topic.title);
		const list = groups.get(initial);
		if (list) list.push(topic);
		else groups.set(initial, [topic]);
	}
	// In the page language's alphabetical order (a Russian index puts Cyrillic before Latin), `#` (digits
	// and signs) last, as in a printed index.
	return [...groups.entries()]
		.sort(([a], [b]) => (a === "#" ? 1 : b === "#" ? -1 : a.localeCompare(b, lang)))
		.map(([initial, list]) => ({ initial, topics: list }));
}
