/**
 * What each page shows, as plain serialisable data computed from the site model: a page's template hands
 * its view to the components, which read nothing else. The dev server hashes every page's view and
 * re-renders exactly the pages whose hash changed (src/commands/incremental.ts), so a field a component starts
 * reading is in the view, and so in the hash, by construction.
 *
 * Parts that many pages show (the shell around every page, an article as a list item) are built once per
 * model and shared, so that a full build allocates each once and the dev server hashes each once.
 */
import {
	denseMonths,
	type FacetKind,
	facetFeedUrl,
	facetKinds,
	facetPageUrl,
	type MonthCount,
	type PeriodLink,
	type Redirect,
	type SiteModel,
	type TimelineMonth,
	type TimelineYear,
	type TopicPage,
	type TopicSummary,
} from "./collections.ts";
import type { Article } from "../content/load.ts";
import type { LeadImage } from "../content/media.ts";

/** What every page shows around its content (layouts/components/Page.tsx), and what its links need. */
export interface ShellView {
	title: string;
	description: string;
	language: string;
	/** `/` or `/repo/`. */
	pathPrefix: string;
	/** Public URL of the site root, or "". */
	siteUrl: string;
	serviceWorker: boolean;
	/** The newest article's date, against which readers' browsers mark what is new since their last visit. */
	newest?: string;
	/** People and places are in the navigation once the digest names any. */
	navigation: { people: boolean; places: boolean };
	/** Hosts whose iframes articles may embed (site.yaml `embeds`), allowed by the page's policy. */
	embeds: readonly string[];
}

/** A topic, person or place as a link. */
export interface Named {
	slug: string;
	title: string;
}

/** An article as a link with its date and source: related articles, the previous/next links, a year's days. */
export interface LinkedArticle {
	url: string;
	title: string;
	date: string;
	source?: string;
	/** The article's language; a list marks it where it is not the page's. */
	lang: string;
}

/** The story an article is listed with: its members as "3 sources: AP, Reuters, DW". */
export interface StoryView {
	id: string;
	members: { url: string; title: string; source?: string }[];
}

/** An article in a list (layouts/components/ArticleList.tsx): a link, its summary and its story. */
export interface ListedArticle extends LinkedArticle {
	summary: string;
	story?: StoryView;
}

/** A listed article with its topic links (the home page's list). */
export interface TopicListedArticle extends ListedArticle {
	topics: Named[];
}

/** The fields of an article its page shows (body, meta, search filters, JSON-LD, OpenGraph). */
export type ShownArticle = Pick<
	Article,
	| "url"
	| "title"
	| "date"
	| "day"
	| "year"
	| "month"
	| "updated"
	| "source"
	| "authors"
	| "summary"
	| "leadImage"
	| "html"
	| "words"
	| "readingMinutes"
	| "lang"
	| "translations"
>;

export interface ArticlePageView {
	shell: ShellView;
	article: ShownArticle;
	topics: Named[];
	people: Named[];
	places: Named[];
	/** The story's other articles ("Also covered by"). */
	alsoCovered: LinkedArticle[];
	related: LinkedArticle[];
	older?: LinkedArticle;
	newer?: LinkedArticle;
	/** Every spelling of its people and places that have several (Kyiv, Kiev, Київ, Киев), for search. */
	nameSpellings: string[];
}

export interface RelatedEntry extends Named {
	/** Articles carrying both. */
	shared: number;
}

export interface FacetPageView {
	shell: ShellView;
	kind: FacetKind;
	entry: Pick<TopicSummary, "slug" | "title" | "description" | "count" | "first" | "last">;
	url: string;
	pageNumber: number;
	pageCount: number;
	/**
	 * What describes the whole entry is on its first page only: its months (oldest first, dense) and related
	 * entries. No months when its articles all fall in one: a chart of one bar says no more than the count
	 * and dates beside it, and such entries are most of a news archive's (~1 kB a page; 100,000 items).
	 */
	activity: MonthCount[];
	related: Record<FacetKind, RelatedEntry[]>;
	articles: ListedArticle[];
}

export interface MonthPageView {
	shell: ShellView;
	month: Pick<TimelineMonth, "key" | "year" | "month" | "count" | "url" | "previous" | "next">;
	days: { day: string; articles: ListedArticle[] }[];
}

export interface YearPageView {
	shell: ShellView;
	year: number;
	url: string;
	count: number;
	/** January to December (the year's chart). */
	months: MonthCount[];
	monthPages: {
		key: string;
		year: number;
		month: number;
		count: number;
		url: string;
		days: { day: string; articles: LinkedArticle[] }[];
	}[];
	previous?: PeriodLink;
	next?: PeriodLink;
}

export interface RedirectPageView {
	shell: ShellView;
	redirect: Redirect;
}

/** An entry of an Atom or JSON feed. */
export interface FeedEntry {
	url: string;
	title: string;
	date: string;
	updated?: string;
	authors: string[];
	summary: string;
	source?: { name: string; url?: string };
	leadImage?: LeadImage;
	/** The site feeds' categories and tags; empty in topic, people and places feeds, whose subject is their own. */
	topics: Named[];
	/** The body, in the site feeds only. */
	html?: string;
	/** The article's language, when it is not the site's (the feed's own). */
	lang?: string;
}

export interface FeedView {
	language: string;
	siteTitle: string;
	pathPrefix: string;
	siteUrl: string;
	title: string;
	subtitle?: string;
	/** The feed's own path, e.g. `/feed.xml`. */
	path: string;
	/** The HTML page the feed mirrors, e.g. `/` or `/topics/x/`. */
	homePath: string;
	/** Carry each article's whole body, summary and topics (the site feeds), or only its teaser. */
	fullContent: boolean;
	/** Newest first, already cut to the feed's size. */
	entries: FeedEntry[];
}

/** The parts of views that many pages share, built once per model. */
export interface SharedViews {
	shell: ShellView;
	linked(article: Article): LinkedArticle;
	listed(article: Article): ListedArticle;
	feedEntry(article: Article, fullContent: boolean): FeedEntry;
	named(kind: FacetKind, slug: string): Named;
}

const sharedByModel = new WeakMap<SiteModel, SharedViews>();
/** Every part made by `sharedViews`: hashing them once each pays (src/commands/incremental.ts). */
const sharedParts = new WeakSet<object>();
export const isSharedView = (value: object): boolean => sharedParts.has(value);

/** The shared parts of `model`'s views (kept as long as the model is). */
export function sharedViews(model: SiteModel): SharedViews {
	let shared = sharedByModel.get(model);
	if (!shared) {
		shared = makeSharedViews(model);
		sharedByModel.set(model, shared);
	}
	return shared;
}

function makeSharedViews(model: SiteModel): SharedViews {
	const shell: ShellView = {
		title: model.site.title,
		description: model.site.description,
		language: model.site.language,
		pathPrefix: model.pathPrefix,
		siteUrl: model.siteUrl,
		serviceWorker: model.serviceWorker,
		newest: model.articles[0]?.date,
		navigation: { people: model.facets.people.byName.length > 0, places: model.facets.places.byName.length > 0 },
		embeds: model.site.embeds,
	};
	sharedParts.add(shell);
	const names = { topics: new Map<string, Named>(), people: new Map<string, Named>(), places: new Map<string, Named>() };
	const named = (kind: FacetKind, slug: string): Named => {
		let entry = names[kind].get(slug);
		if (!entry) {
			entry = { slug, title: model.facets[kind].bySlug[slug]?.title ?? slug };
			names[kind].set(slug, entry);
			sharedParts.add(entry);
		}
		return entry;
	};
	const memo = <T extends object>(make: (article: Article) => T) => {
		const made = new Map<Article, T>();
		return (article: Article): T => {
			let view = made.get(article);
			if (view === undefined) {
				view = make(article);
				made.set(article, view);
				sharedParts.add(view);
			}
			return view;
		};
	};
	const linked = memo(
		(article): LinkedArticle => ({
			url: article.url,
			title: article.title,
			date: article.date,
			source: article.source?.name,
			lang: article.lang,
		}),
	);
	const stories = new Map<string, StoryView>();
	const storyOf = (article: Article): StoryView | undefined => {
		const story = model.stories[article.url];
		if (!story) return undefined;
		let view = stories.get(story.id);
		if (!view) {
			view = {
				id: story.id,
				members: story.articles.map((member) => ({ url: member.url, title: member.title, source: member.source?.name })),
			};
			stories.set(story.id, view);
			sharedParts.add(view);
		}
		return view;
	};
	const listed = memo((article): ListedArticle => ({ ...linked(article), summary: article.summary, story: storyOf(article) }));
	const entry = (article: Article, fullContent: boolean): FeedEntry => ({
		url: article.url,
		title: article.title,
		date: article.date,
		updated: article.updated,
		authors: article.authors,
		summary: article.summary,
		source: article.source,
		leadImage: article.leadImage,
		topics: fullContent ? article.topics.map((slug) => named("topics", slug)) : [],
		html: fullContent ? article.html : undefined,
		lang: article.lang === model.site.language ? undefined : article.lang,
	});
	const teaserEntry = memo((article) => entry(article, false));
	const fullEntry = memo((article) => entry(article, true));
	return {
		shell,
		linked,
		listed,
		feedEntry: (article, fullContent) => (fullContent ? fullEntry(article) : teaserEntry(article)),
		named,
	};
}

export function articlePageView(model: SiteModel, article: Article): ArticlePageView {
	const shared = sharedViews(model);
	const neighbours = model.neighbours[article.url] ?? { related: [] };
	return {
		shell: shared.shell,
		article: {
			url: article.url,
			title: article.title,
			date: article.date,
			day: article.day,
			year: article.year,
			month: article.month,
			updated: article.updated,
			source: article.source,
			authors: article.authors,
			summary: article.summary,
			leadImage: article.leadImage,
			html: article.html,
			words: article.words,
			readingMinutes: article.readingMinutes,
			lang: article.lang,
			translations: article.translations,
		},
		topics: article.topics.map((slug) => shared.named("topics", slug)),
		people: article.people.map((slug) => shared.named("people", slug)),
		places: article.places.map((slug) => shared.named("places", slug)),
		alsoCovered: (model.stories[article.url]?.articles ?? []).filter((other) => other.url !== article.url).map(shared.linked),
		related: neighbours.related.map(shared.linked),
		older: neighbours.older && shared.linked(neighbours.older),
		newer: neighbours.newer && shared.linked(neighbours.newer),
		nameSpellings: (["people", "places"] as const).flatMap((kind) =>
			article[kind].flatMap((slug) => {
				// Only names spelled several ways: a name with one spelling is found by it already.
				const entry = model.facets[kind].bySlug[slug];
				return entry?.aliases?.length ? [entry.title, ...entry.aliases] : [];
			}),
		),
	};
}

/** A topic's, person's or place's page. */
export interface FacetPageItem {
	kind: FacetKind;
	page: TopicPage;
}

export function facetPageView(model: SiteModel, { kind, page }: FacetPageItem): FacetPageView {
	const shared = sharedViews(model);
	const facet = model.facets[kind];
	const summary = facet.bySlug[page.slug];
	const first = page.pageNumber === 1;
	const activity = first ? (facet.activity[page.slug] ?? []) : [];
	const from = activity[0];
	const to = activity.at(-1);
	const relatedOf = (other: FacetKind): RelatedEntry[] =>
		first ? (facet.related[page.slug]?.[other] ?? []).map((item) => ({ ...shared.named(other, item.slug), shared: item.shared })) : [];
	return {
		shell: shared.shell,
		kind,
		entry: {
			slug: page.slug,
			title: summary?.title ?? page.slug,
			description: summary?.description,
			count: summary?.count ?? 0,
			first: summary?.first ?? "",
			last: summary?.last ?? "",
		},
		url: page.url,
		pageNumber: page.pageNumber,
		pageCount: page.pageCount,
		activity: from && to && activity.length > 1 ? denseMonths(activity, from, to) : [],
		related: Object.fromEntries(facetKinds.map((other) => [other, relatedOf(other)])) as Record<FacetKind, RelatedEntry[]>,
		articles: page.articles.map(shared.listed),
	};
}

export function monthPageView(model: SiteModel, month: TimelineMonth): MonthPageView {
	const shared = sharedViews(model);
	const { key, year, month: number, count, url, previous, next } = month;
	return {
		shell: shared.shell,
		month: { key, year, month: number, count, url, previous, next },
		days: month.days.map((day) => ({ day: day.day, articles: day.articles.map(shared.listed) })),
	};
}

export function yearPageView(model: SiteModel, year: TimelineYear): YearPageView {
	const shared = sharedViews(model);
	return {
		shell: shared.shell,
		year: year.year,
		url: year.url,
		count: year.count,
		months: year.months,
		monthPages: year.monthPages.map((month) => ({
			key: month.key,
			year: month.year,
			month: month.month,
			count: month.count,
			url: month.url,
			days: month.days.map((day) => ({ day: day.day, articles: day.articles.map(shared.linked) })),
		})),
		previous: year.previous,
		next: year.next,
	};
}

export const redirectPageView = (model: SiteModel, redirect: Redirect): RedirectPageView => ({ shell: sharedViews(model).shell, redirect });

/** A topic's, person's or place's Atom feed. */
export interface FacetFeedItem {
	kind: FacetKind;
	entry: TopicSummary;
}

/** The newest articles of one topic, person or place, summaries only. */
export function facetFeedView(model: SiteModel, { kind, entry }: FacetFeedItem): FeedView {
	const shared = sharedViews(model);
	return {
		...feedFrame(model),
		title: `${entry.title} · ${model.site.title}`,
		subtitle: entry.description,
		path: facetFeedUrl(kind, entry.slug),
		homePath: facetPageUrl(kind, entry.slug, 1),
		fullContent: false,
		entries: (model.facets[kind].articles[entry.slug] ?? [])
			.slice(0, model.site.topicFeedSize)
			.map((article) => shared.feedEntry(article, false)),
	};
}

/** The site's newest articles (site.feedSize) in full, as `/feed.xml` or `/feed.json`. */
export function siteFeedView(model: SiteModel, path: string): FeedView {
	const shared = sharedViews(model);
	return {
		...feedFrame(model),
		title: model.site.title,
		subtitle: model.site.description || undefined,
		path,
		homePath: "/",
		fullContent: true,
		entries: model.articles.slice(0, model.site.feedSize).map((article) => shared.feedEntry(article, true)),
	};
}

const feedFrame = (model: SiteModel) => ({
	language: model.site.language,
	siteTitle: model.site.title,
	pathPrefix: model.pathPrefix,
	siteUrl: model.siteUrl,
});
