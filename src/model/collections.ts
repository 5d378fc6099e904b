/**
 * The views of the digest that pages are made of, computed once per build in linear time. Templates only
 * read these; none of them loops over every article for every page. Each view is a pure function of the
 * articles, exported on its own so that it can be unit-tested without a build.
 */
import type { Article, Digest } from "../content/load.ts";
import type { SiteSettings } from "../content/site.ts";
import type { Topic } from "../content/topics.ts";
import { sitemapPages } from "./page-kinds.ts";
import { groupStories, type Story } from "./stories.ts";

/**
 * The three ways articles are filed, each with an index, a paginated page per entry, a chart and a feed:
 * topics (`/topics/`), people (`/people/`) and places (`/places/`). One set of functions and components
 * serves all three; an article's `topics`, `people` and `places` hold the slugs.
 */
export type FacetKind = "topics" | "people" | "places";
export const facetKinds: readonly FacetKind[] = ["topics", "people", "places"];

/** Everything the pages of one kind read. */
export interface Facet {
	kind: FacetKind;
	/** Most articles first, then by title. */
	bySize: TopicSummary[];
	/** By title (the index's ordering). */
	byName: TopicSummary[];
	bySlug: Record<string, TopicSummary>;
	/** Each entry's articles, newest first. */
	articles: Record<string, Article[]>;
	/** Every page of every entry, in slug order. */
	pages: TopicPage[];
	/** Months with articles per entry, oldest first (sparse). */
	activity: Record<string, MonthCount[]>;
	/** Per entry, the topics, people and places its articles also carry, most shared first. */
	related: Record<string, Record<FacetKind, RelatedTopic[]>>;
}

export interface TopicSummary extends Topic {
	/** Articles in the topic. */
	count: number;
	/** `YYYY-MM-DD` of its oldest and newest article. */
	first: string;
	last: string;
}

/** Articles in one calendar month of the site's zone. */
export interface MonthCount {
	/** `YYYY-MM`. */
	key: string;
	year: number;
	month: number;
	count: number;
}

/** One page of a topic's (or person's, or place's) article list. */
export interface TopicPage {
	slug: string;
	/** `/topics/<slug>/` for the first page, `/topics/<slug>/page/N/` after it (`/people/…`, `/places/…` alike). */
	url: string;
	/** 1-based. */
	pageNumber: number;
	pageCount: number;
	/** This page's slice of the topic's articles, newest first. */
	articles: Article[];
}

/** Another topic that articles of a topic also carry. */
export interface RelatedTopic {
	slug: string;
	/** Articles that carry both topics. */
	shared: number;
}

export interface DayGroup {
	/** `YYYY-MM-DD`. */
	day: string;
	/** Oldest first. */
	articles: Article[];
}

/** A link to a neighbouring timeline period. */
export interface PeriodLink {
	url: string;
	year: number;
	/** Absent for a year. */
	month?: number;
}

export interface TimelineMonth extends MonthCount {
	/** `/timeline/YYYY/MM/`. */
	url: string;
	/** Oldest day first. */
	days: DayGroup[];
	/** The nearest earlier and later months that have articles. */
	previous?: PeriodLink;
	next?: PeriodLink;
}

export interface TimelineYear {
	year: number;
	/** `/timeline/YYYY/`. */
	url: string;
	count: number;
	/** January to December, including months without articles (for the year's chart). */
	months: MonthCount[];
	/** The months that have articles, oldest first. */
	monthPages: TimelineMonth[];
	previous?: PeriodLink;
	next?: PeriodLink;
}

export interface Timeline {
	/** Every month from the oldest article's to the newest's, empty months included, oldest first. */
	months: MonthCount[];
	/** Years with articles, oldest first. */
	years: TimelineYear[];
	/** Months with articles, oldest first: one page each. */
	monthPages: TimelineMonth[];
}

/** What an article page shows around the article. */
export interface ArticleNeighbours {
	/** The next older and next newer article of the whole digest. */
	older?: Article;
	newer?: Article;
	/** Best first. */
	related: Article[];
}

export interface LatestMonth extends MonthCount {
	url: string;
	/** The topics with most articles that month, most first. */
	topics: { slug: string; count: number }[];
	/** The people and places most present that month, most first. */
	people: { slug: string; count: number }[];
	places: { slug: string; count: number }[];
}

export interface SitemapEntry {
	/** Site path without the prefix. */
	path: string;
	/** `YYYY-MM-DD` of the last change, when the page has one. */
	lastmod?: string;
}

export interface SiteModel {
	site: SiteSettings;
	/** `/` or `/repo/`: every internal link starts with it. */
	pathPrefix: string;
	/** Public URL of the site root (no trailing slash), or "" when unknown. */
	siteUrl: string;
	/** Pages register the offline service worker; false in the dev server, whose pages remove one instead. */
	serviceWorker: boolean;
	/** Newest first. */
	articles: Article[];
	timeline: Timeline;
	/** By article URL. */
	neighbours: Record<string, ArticleNeighbours>;
	/** The newest month with articles and its busiest topics; absent for an empty digest. */
	latestMonth?: LatestMonth;
	/** Topics, people and places, each as a whole. */
	facets: Record<FacetKind, Facet>;
	/**
	 * By article URL, the story (one event covered by several outlets, src/model/stories.ts) the article is part
	 * of; articles in no story are absent.
	 */
	stories: Record<string, Story<Article>>;
	/** Every HTML page of the site. */
	sitemap: SitemapEntry[];
	/**
	 * When the sitemap holds more URLs than one sitemap file may (`modelLimits.sitemapUrls`), the files it
	 * is split into, in order, and `/sitemap.xml` becomes their index; otherwise empty.
	 */
	sitemapParts: SitemapPart[];
	/** Every old URL of every article, by old URL; never in the sitemap, the feeds or search. */
	redirects: Redirect[];
}

/** An old URL of an article, written as a small page that sends the reader on. */
export interface Redirect {
	/** The old URL without the prefix: `/old/` (written as `old/index.html`) or `/old.html` (that file). */
	from: string;
	/** The article's URL without the prefix. */
	to: string;
	title: string;
}

/** One file of a sitemap split in parts. */
export interface SitemapPart {
	/** `/sitemap-1.xml`, `/sitemap-2.xml`, … */
	path: string;
	entries: SitemapEntry[];
}

/**
 * How many related topics a topic page lists, related articles an article page lists, busy topics the home
 * page lists; and the URLs one sitemap file may hold (the sitemaps.org protocol's limit: 100,000 articles
 * make ~130,000 pages).
 */
export const modelLimits = {
	relatedTopics: 8,
	// On every one of up to 100,000 article pages: three lines, ~0.2 kB each.
	relatedArticles: 3,
	latestMonthTopics: 10,
	relatedWindow: 12,
	relatedFacets: 8,
	latestMonthFacets: 8,
	sitemapUrls: 50_000,
} as const;

export const topicPageUrl = (slug: string, pageNumber: number): string => facetPageUrl("topics", slug, pageNumber);
/** `/people/<slug>/`, `/places/<slug>/page/2/`, … */
export const facetPageUrl = (kind: FacetKind, slug: string, pageNumber: number): string =>
	pageNumber <= 1 ? `/${kind}/${slug}/` : `/${kind}/${slug}/page/${pageNumber}/`;
export const facetFeedUrl = (kind: FacetKind, slug: string): string => `/${kind}/${slug}/feed.xml`;
export const facetIndexUrl = (kind: FacetKind): string => `/${kind}/`;
/** The display name of a topic, person or place. */
export const facetTitle = (model: Pick<SiteModel, "facets">, kind: FacetKind, slug: string): string =>
	model.facets[kind].bySlug[slug]?.title ?? slug;
/** The slugs an article carries of one kind. */
export const slugsOf = (article: Article, kind: FacetKind): string[] => article[kind];
export const yearUrl = (year: number): string => `/timeline/${year}/`;
export const monthUrl = (year: number, month: number): string => `/timeline/${year}/${String(month).padStart(2, "0")}/`;
export const monthKey = (year: number, month: number): string => `${year}-${String(month).padStart(2, "0")}`;

/** The index pages that always exist, in sitemap order. */
export const fixedPages = [
	"/",
	"/topics/",
	"/topics/by-size/",
	"/people/",
	"/people/by-size/",
	"/places/",
	"/places/by-size/",
	"/timeline/",
	"/search/",
] as const;

/** `limits.sitemapUrls` can be lowered for tests (a sitemap in parts needs over 50,000 pages otherwise). */
export function buildSiteModel(
	digest: Digest,
	build: { pathPrefix: string; siteUrl: string; serviceWorker?: boolean },
	limits: { sitemapUrls: number } = modelLimits,
): SiteModel {
	const { articles, site } = digest;
	const facets = {
		topics: buildFacet("topics", articles, digest.topics.values(), site.pageSize),
		people: buildFacet("people", articles, digest.people.values(), site.pageSize),
		places: buildFacet("places", articles, digest.places.values(), site.pageSize),
	};
	const topics = facets.topics;
	const timeline = buildTimeline(articles);
	const pages = {
		site,
		pathPrefix: build.pathPrefix,
		siteUrl: build.siteUrl.replace(/\/+$/, ""),
		serviceWorker: build.serviceWorker ?? true,
		articles,
		timeline,
		neighbours: articleNeighbours(articles, topics.articles, { related: modelLimits.relatedArticles, window: modelLimits.relatedWindow }),
		latestMonth: latestMonth(timeline, modelLimits.latestMonthTopics, modelLimits.latestMonthFacets),
		facets,
		stories: storiesByUrl(articles),
		redirects: redirectsOf(articles),
	};
	const sitemap = sitemapEntries(articles, sitemapPages(pages));
	// Frozen because Eleventy deep-copies plain-object data once per paginated template (copying every
	// article held in `neighbours` and the other lookups each time) but passes a frozen object through as it is.
	return Object.freeze({ ...pages, sitemap, sitemapParts: splitSitemap(sitemap, limits.sitemapUrls) });
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
/** One collator for every title comparison: `localeCompare` per call rebuilds one each time (slow on thousands). */
const titleOrder = new Intl.Collator("en", { sensitivity: "base", numeric: true }).compare;
const bySize = (a: TopicSummary, b: TopicSummary): number =>
	b.count - a.count || titleOrder(a.title, b.title) || compareText(a.slug, b.slug);
const byName = (a: TopicSummary, b: TopicSummary): number => titleOrder(a.title, b.title) || compareText(a.slug, b.slug);

/** One kind's index, pages, activity and co-occurrences, all in one pass per view. */
export function buildFacet(kind: FacetKind, articles: readonly Article[], entries: Iterable<Topic>, pageSize: number): Facet {
	const bySlug = summariseTopics(articles, entries, kind);
	const bySizeList = Object.values(bySlug).sort(bySize);
	const byNameList = [...bySizeList].sort(byName);
	const lists = groupByTopic(articles, kind);
	const related: Facet["related"] = {};
	for (const other of facetKinds) {
		// A topic's related topics are ordered by title on a tie, and have their own limit.
		const rows =
			kind === "topics" && other === "topics"
				? relatedTopics(articles, bySlug, modelLimits.relatedTopics)
				: coOccurring(articles, kind, other, modelLimits.relatedFacets);
		for (const [slug, list] of Object.entries(rows)) (related[slug] ??= { topics: [], people: [], places: [] })[other] = list;
	}
	return {
		kind,
		bySize: bySizeList,
		byName: byNameList,
		bySlug,
		articles: lists,
		pages: paginateTopics(
			byNameList.map((entry) => entry.slug),
			lists,
			pageSize,
			(slug, n) => facetPageUrl(kind, slug, n),
		),
		activity: topicActivity(articles, kind),
		related,
	};
}

/** Each story of two or more articles, by the URL of each of its articles. */
export function storiesByUrl(articles: readonly Article[]): Record<string, Story<Article>> {
	const result: Record<string, Story<Article>> = {};
	for (const story of groupStories(articles)) for (const article of story.articles) result[article.url] = story;
	return result;
}

/** Count and date range of every topic (or person, or place). */
export function summariseTopics(
	articles: readonly Article[],
	topics: Iterable<Topic>,
	kind: FacetKind = "topics",
): Record<string, TopicSummary> {
	const bySlug: Record<string, TopicSummary> = {};
	for (const topic of topics) bySlug[topic.slug] = { ...topic, count: 0, first: "", last: "" };
	for (const article of articles) {
		for (const slug of article[kind]) {
			const topic = bySlug[slug];
			if (!topic) continue;
			topic.count++;
			if (!topic.first || article.day < topic.first) topic.first = article.day;
			if (article.day > topic.last) topic.last = article.day;
		}
	}
	return bySlug;
}

/** Each topic's articles in the order given (newest first for the digest's order). */
export function groupByTopic(articles: readonly Article[], kind: FacetKind = "topics"): Record<string, Article[]> {
	const groups: Record<string, Article[]> = {};
	for (const article of articles) {
		for (const slug of article[kind]) (groups[slug] ??= []).push(article);
	}
	return groups;
}

/** Cuts each topic's list into pages of `pageSize`; a topic always has at least its first page. */
export function paginateTopics(
	slugs: readonly string[],
	articlesByTopic: Record<string, Article[]>,
	pageSize: number,
	urlFor: (slug: string, pageNumber: number) => string = topicPageUrl,
): TopicPage[] {
	const pages: TopicPage[] = [];
	for (const slug of slugs) {
		const list = articlesByTopic[slug] ?? [];
		const pageCount = Math.max(1, Math.ceil(list.length / pageSize));
		for (let index = 0; index < pageCount; index++) {
			pages.push({
				slug,
				url: urlFor(slug, index + 1),
				pageNumber: index + 1,
				pageCount,
				articles: list.slice(index * pageSize, (index + 1) * pageSize),
			});
		}
	}
	return pages;
}

/** Months in which each topic has articles, with counts, oldest first. */
export function topicActivity(articles: readonly Article[], kind: FacetKind = "topics"): Record<string, MonthCount[]> {
	const counts: Record<string, Map<string, MonthCount>> = {};
	for (const article of articles) {
		const key = monthKey(article.year, article.month);
		for (const slug of article[kind]) {
			const months = (counts[slug] ??= new Map());
			const entry = months.get(key);
			if (entry) entry.count++;
			else months.set(key, { key, year: article.year, month: article.month, count: 1 });
		}
	}
	const result: Record<string, MonthCount[]> = {};
	for (const [slug, months] of Object.entries(counts)) result[slug] = [...months.values()].sort((a, b) => compareText(a.key, b.key));
	return result;
}

/**
 * Every month from `from` to `to` (inclusive, both `MonthCount`-like), with the counts of `sparse` and
 * zero elsewhere: what a chart needs to show gaps as gaps.
 */
export function denseMonths(
	sparse: readonly MonthCount[],
	from: { year: number; month: number },
	to: { year: number; month: number },
): MonthCount[] {
	const byKey = new Map(sparse.map((entry) => [entry.key, entry.count]));
	const months: MonthCount[] = [];
	let { year, month } = from;
	while (year < to.year || (year === to.year && month <= to.month)) {
		const key = monthKey(year, month);
		months.push({ key, year, month, count: byKey.get(key) ?? 0 });
		if (month === 12) {
			month = 1;
			year++;
		} else month++;
	}
	return months;
}

/** For each topic, the other topics its articles carry, by how many articles share both. */
export function relatedTopics(
	articles: readonly Article[],
	topicsBySlug: Record<string, TopicSummary>,
	limit: number,
): Record<string, RelatedTopic[]> {
	// Cost is the sum over articles of (topics per article)^2: linear in articles for any real digest.
	const pairs: Record<string, Map<string, number>> = {};
	for (const article of articles) {
		for (const slug of article.topics) {
			const row = (pairs[slug] ??= new Map());
			for (const other of article.topics) if (other !== slug) row.set(other, (row.get(other) ?? 0) + 1);
		}
	}
	const result: Record<string, RelatedTopic[]> = {};
	const title = (slug: string) => topicsBySlug[slug]?.title ?? slug;
	for (const [slug, row] of Object.entries(pairs)) {
		result[slug] = [...row.entries()]
			.map(([other, shared]) => ({ slug: other, shared }))
			.sort((a, b) => b.shared - a.shared || titleOrder(title(a.slug), title(b.slug)) || compareText(a.slug, b.slug))
			.slice(0, limit);
	}
	return result;
}

/**
 * For each entry of kind `from`, the entries of kind `to` its articles also carry, by how many articles
 * share both (ties by slug). Cost: the sum over articles of |from| × |to|, linear for any real digest.
 */
export function coOccurring(articles: readonly Article[], from: FacetKind, to: FacetKind, limit: number): Record<string, RelatedTopic[]> {
	const pairs: Record<string, Map<string, number>> = {};
	for (const article of articles) {
		for (const slug of article[from]) {
			const row = (pairs[slug] ??= new Map());
			for (const other of article[to]) if (from !== to || other !== slug) row.set(other, (row.get(other) ?? 0) + 1);
		}
	}
	const result: Record<string, RelatedTopic[]> = {};
	for (const [slug, row] of Object.entries(pairs)) {
		result[slug] = [...row.entries()]
			.map(([other, shared]) => ({ slug: other, shared }))
			.sort((a, b) => b.shared - a.shared || compareText(a.slug, b.slug))
			.slice(0, limit);
	}
	return result;
}

/** Months and years with their articles grouped by day, oldest first, each linked to its neighbours. */
export function buildTimeline(articles: readonly Article[]): Timeline {
	// `articles` is newest first, so walking it backwards visits days and months in ascending order.
	const monthPages: TimelineMonth[] = [];
	for (let index = articles.length - 1; index >= 0; index--) {
		const article = articles[index] as Article;
		const key = monthKey(article.year, article.month);
		let month = monthPages.at(-1);
		if (!month || month.key !== key) {
			month = { key, year: article.year, month: article.month, count: 0, url: monthUrl(article.year, article.month), days: [] };
			monthPages.push(month);
		}
		month.count++;
		let day = month.days.at(-1);
		if (!day || day.day !== article.day) month.days.push((day = { day: article.day, articles: [] }));
		day.articles.push(article);
	}
	// Walking backwards also reversed the URL order of articles published at the same moment; restore it.
	const oldestFirst = (a: Article, b: Article) => compareText(a.date, b.date) || compareText(a.url, b.url);
	for (const month of monthPages) for (const day of month.days) day.articles.sort(oldestFirst);
	const years: TimelineYear[] = [];
	for (const month of monthPages) {
		let year = years.at(-1);
		if (!year || year.year !== month.year) {
			year = {
				year: month.year,
				url: yearUrl(month.year),
				count: 0,
				months: denseMonths([], { year: month.year, month: 1 }, { year: month.year, month: 12 }),
				monthPages: [],
			};
			years.push(year);
		}
		year.count += month.count;
		year.monthPages.push(month);
		const slot = year.months[month.month - 1];
		if (slot) slot.count = month.count;
	}
	linkNeighbours(monthPages, (month) => ({ url: month.url, year: month.year, month: month.month }));
	linkNeighbours(years, (year) => ({ url: year.url, year: year.year }));
	const first = monthPages[0];
	const last = monthPages.at(-1);
	return { months: first && last ? denseMonths(monthPages, first, last) : [], years, monthPages };
}

function linkNeighbours<T extends { previous?: PeriodLink; next?: PeriodLink }>(periods: T[], link: (period: T) => PeriodLink): void {
	periods.forEach((period, index) => {
		const previous = periods[index - 1];
		const next = periods[index + 1];
		if (previous) period.previous = link(previous);
		if (next) period.next = link(next);
	});
}

/**
 * Older/newer neighbours and related articles of every article. Related articles share topics; each shared
 * topic adds its weight, log(1 + articles / articles in the topic), so a rare shared topic counts for far
 * more than a huge one. Candidates are the `window` articles nearest in time within each shared topic,
 * which keeps the cost linear even when a topic holds thousands of articles (and favours articles close in
 * time, which is what a reader of news wants next). Ties go to the nearer date, then the URL.
 */
export function articleNeighbours(
	articles: readonly Article[],
	articlesByTopic: Record<string, Article[]>,
	limits: { related: number; window: number },
): Record<string, ArticleNeighbours> {
	// Work on article indexes (the digest's order) and reuse one score array, resetting only what was touched.
	const indexOf = new Map<Article, number>();
	for (const [index, article] of articles.entries()) indexOf.set(article, index);
	const members: number[][] = [];
	const weights: number[] = [];
	/** For each article, per topic it carries: [topic number, its position in that topic's list]. */
	const memberships: [number, number][][] = articles.map(() => []);
	for (const list of Object.values(articlesByTopic)) {
		const topic = members.length;
		const indexes = list.map((article) => indexOf.get(article) ?? 0);
		members.push(indexes);
		weights.push(Math.log(1 + articles.length / list.length));
		for (const [position, index] of indexes.entries()) memberships[index]?.push([topic, position]);
	}

	const half = Math.ceil(limits.window / 2);
	const scores = new Float64Array(articles.length);
	const result: Record<string, ArticleNeighbours> = {};
	for (const [index, article] of articles.entries()) {
		const touched: number[] = [];
		for (const [topic, position] of memberships[index] ?? []) {
			const list = members[topic] ?? [];
			const weight = weights[topic] ?? 0;
			const end = Math.min(list.length, position + half + 1);
			for (let at = Math.max(0, position - half); at < end; at++) {
				const other = list[at] ?? index;
				if (other === index) continue;
				if (scores[other] === 0) touched.push(other);
				scores[other] = (scores[other] ?? 0) + weight;
			}
		}
		touched.sort(
			(a, b) =>
				(scores[b] ?? 0) - (scores[a] ?? 0) ||
				Math.abs(a - index) - Math.abs(b - index) ||
				compareText(articles[a]?.url ?? "", articles[b]?.url ?? ""),
		);
		const related = touched.slice(0, limits.related).map((other) => articles[other] as Article);
		for (const other of touched) scores[other] = 0;
		result[article.url] = { older: articles[index + 1], newer: articles[index - 1], related };
	}
	return result;
}

/** The newest month with articles and the topics, people and places most present in it. */
export function latestMonth(timeline: Timeline, limit: number, facetLimit = limit): LatestMonth | undefined {
	const month = timeline.monthPages.at(-1);
	if (!month) return undefined;
	const busiest = (kind: FacetKind, most: number) => {
		const counts = new Map<string, number>();
		for (const day of month.days)
			for (const article of day.articles) for (const slug of article[kind]) counts.set(slug, (counts.get(slug) ?? 0) + 1);
		return [...counts.entries()]
			.map(([slug, count]) => ({ slug, count }))
			.sort((a, b) => b.count - a.count || compareText(a.slug, b.slug))
			.slice(0, most);
	};
	return {
		key: month.key,
		year: month.year,
		month: month.month,
		count: month.count,
		url: month.url,
		topics: busiest("topics", limit),
		people: busiest("people", facetLimit),
		places: busiest("places", facetLimit),
	};
}

/** The redirect pages of the articles' old URLs, in URL order (the loader refused any shared one). */
export function redirectsOf(articles: readonly Article[]): Redirect[] {
	const redirects: Redirect[] = [];
	for (const article of articles) for (const from of article.aliases) redirects.push({ from, to: article.url, title: article.title });
	return redirects.sort((a, b) => compareText(a.from, b.from));
}

/** The sitemap's files when it is over `limit` URLs, none when it fits in one. */
export function splitSitemap(entries: readonly SitemapEntry[], limit: number): SitemapPart[] {
	if (entries.length <= limit) return [];
	const parts: SitemapPart[] = [];
	for (let start = 0; start < entries.length; start += limit)
		parts.push({ path: `/sitemap-${parts.length + 1}.xml`, entries: entries.slice(start, start + limit) });
	return parts;
}

/**
 * Every HTML page, in a stable order: the fixed pages (changed with the newest article), then the pages of
 * the page-kind table's kinds that have a `lastmod` (articles newest first, topic, people and places pages,
 * timeline years and months: src/model/page-kinds.ts).
 */
export function sitemapEntries(articles: readonly Article[], kindPages: readonly SitemapEntry[]): SitemapEntry[] {
	const newest = articles[0]?.day;
	return [...fixedPages.map((path) => ({ path, lastmod: newest })), ...kindPages];
}
