/**
 * `/topics/` (by name, with a jump list of initials) and `/topics/by-size/`: every topic with its count,
 * its date range and (by name) an activity sparkline on one shared time axis; `/people/` and `/places/` (and their
 * `by-size/`) alike. A table, so that thousands of rows stay scannable; both orderings are static pages.
 * Each row carries the times of the entry's newest articles (`data-dates`, see `compactTime`), from which
 * src/browser/new-since.ts counts those new since the reader's previous visit.
 */
import { type FacetKind, facetKinds, facetLabels, type SiteModel, type TopicSummary } from "../../src/model/collections.ts";
import { Sparkline } from "./Charts.tsx";
import { plural } from "./format.ts";
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
	label: string;
}

export const topicIndexPages: IndexPage[] = facetKinds.flatMap((kind) => [
	{ kind, order: "name" as const, path: `/${kind}/`, label: "Name" },
	{ kind, order: "size" as const, path: `/${kind}/by-size/`, label: "Most articles" },
]);

/** The letter a topic is filed under: its first letter without accents, or `#`. */
export function initialOf(title: string): string {
	const letter = title
		.normalize("NFD")
		.replace(/[^\p{L}\p{N}]/gu, "")
		.charAt(0)
		.toUpperCase();
	return /^[A-Z]$/.test(letter) ? letter : "#";
}

export function TopicsIndexView({ model, order, kind = "topics" }: { model: SiteModel; order: TopicOrder; kind?: FacetKind }) {
	const facet = model.facets[kind];
	const topics = order === "name" ? facet.byName : facet.bySize;
	const label = facetLabels[kind];
	const months = model.timeline.months;
	const from = months[0];
	const to = months.at(-1);
	const groups = order === "name" ? groupByInitial(topics) : [{ initial: "", topics }];
	// The sparklines are on the page by name; by size, each row is its rank, count and dates (tens of
	// thousands of sparklines twice would be ~10 MB of the 1 GB a site may publish).
	const activity = order === "name" && from && to;
	return (
		<>
			<h1>{label.plural}</h1>
			<p class="lede">
				{kind === "people" ? plural(topics.length, "person", "people") : plural(topics.length, label.singular)} across{" "}
				{plural(model.articles.length, "article")}
				{from && to ? `, ${monthName(from.year, from.month)} to ${monthName(to.year, to.month)}` : ""}.
			</p>
			<nav class="topic-order" aria-label={`Order of ${label.plural.toLowerCase()}`}>
				Order by:{" "}
				{topicIndexPages
					.filter((page) => page.kind === kind)
					.map((page, index) => (
						<span key={page.order}>
							{index > 0 ? " · " : ""}
							<a href={href(model, page.path)} aria-current={page.order === order ? "page" : undefined}>
								{page.label}
							</a>
						</span>
					))}
			</nav>
			{order === "name" && groups.length > 1 ? (
				<nav class="initials" aria-label={`${label.plural} by first letter`}>
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
								<th scope="col">{kind === "people" ? "Person" : kind === "places" ? "Place" : "Topic"}</th>
								<th scope="col" class="num">
									Articles
								</th>
								<th scope="col" class="range">
									From – to
								</th>
								{activity ? <th scope="col">Activity</th> : null}
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
										{topic.first === topic.last ? shortDay(topic.first) : `${shortDay(topic.first)} – ${shortDay(topic.last)}`}
									</td>
									{activity ? (
										<td class="activity">
											<Sparkline
												activity={facet.activity[topic.slug] ?? []}
												from={from}
												to={to}
												label={`Articles per month on ${topic.title} (${topic.count} in all)`}
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

function groupByInitial(topics: TopicSummary[]): { initial: string; topics: TopicSummary[] }[] {
	const groups = new Map<string, TopicSummary[]>();
	for (const topic of topics) {
		const initial = initialOf(topic.title);
		const list = groups.get(initial);
		if (list) list.push(topic);
		else groups.set(initial, [topic]);
	}
	// `#` (digits, other scripts) after Z, as in a printed index.
	return [...groups.entries()]
		.sort(([a], [b]) => (a === "#" ? 1 : b === "#" ? -1 : a < b ? -1 : a > b ? 1 : 0))
		.map(([initial, list]) => ({ initial, topics: list }));
}
