/**
 * Incremental rebuilds for the dev server: which pages an article change can alter.
 *
 * Every page is a function of the site model, so a rebuild that re-renders everything is always right,
 * and slow on a big digest (10,000 articles: ~37 s for one added article). The four paginated templates
 * (articles, topic pages, timeline months, topic feeds) make nearly all of the pages; they paginate over
 * the global `pages`, which a full build fills with the model's whole lists and an incremental dev
 * rebuild with only the items whose page can differ. The rest (home, indexes, feeds, sitemap, years…) are
 * few and always re-render.
 *
 * Whether a page can differ is decided from a fingerprint per page: a hash of exactly the model data its
 * components read (layouts/components/*.tsx), compared between the previous model and the new one. Each
 * fingerprint below names what it covers; a field a component starts reading must be added here, or the
 * dev server would serve a stale page (the dev-incremental integration test compares against a full render).
 * What every page reads (site settings, path prefix, site URL, whether there are people and places to
 * link) is one separate fingerprint: when it changes, everything is dirty.
 */
import { createHash } from "node:crypto";
import path from "node:path";
import {
	type FacetKind,
	facetFeedUrl,
	facetTitle,
	type SiteModel,
	type TimelineMonth,
	type TopicPage,
	type TopicSummary,
	topicFeedUrl,
} from "./collections.ts";
import type { Article } from "./content/load.ts";
import { type FeedSpec, facetFeedSpec, topicFeedSpec } from "./eleventy/feeds.ts";

/** A page of a person's or a place's list (topics have `topicPages`). */
export interface FacetPage {
	kind: Exclude<FacetKind, "topics">;
	page: TopicPage;
}

/** A person or place whose Atom feed (`/people/<slug>/feed.xml`, `/places/<slug>/feed.xml`) is written. */
export interface FacetFeed {
	kind: Exclude<FacetKind, "topics">;
	entry: TopicSummary;
}

const otherKinds = ["people", "places"] as const;

/** The items the paginated templates make one page each of. */
export interface PageLists {
	articles: readonly Article[];
	topicPages: readonly TopicPage[];
	monthPages: readonly TimelineMonth[];
	/** Topics whose Atom feed (`/topics/<slug>/feed.xml`) is written. */
	topicFeeds: readonly TopicSummary[];
	/** People's and places' pages and feeds. */
	facetPages: readonly FacetPage[];
	facetFeeds: readonly FacetFeed[];
}

export interface Fingerprints {
	/** What every page reads: when it differs, every page is dirty. */
	global: string;
	/** By page URL (without the path prefix): every page of the four paginated templates. */
	pages: Map<string, string>;
}

/** Every paginated page of the model: what a full build renders. */
export function allPages(model: SiteModel): PageLists {
	// Frozen for the same reason as the model: Eleventy deep-copies unfrozen global data per template.
	return Object.freeze({
		articles: model.articles,
		topicPages: model.topicPages,
		monthPages: model.timeline.monthPages,
		topicFeeds: model.topicsByName,
		facetPages: otherKinds.flatMap((kind) => model.facets[kind].pages.map((page) => ({ kind, page }))),
		facetFeeds: otherKinds.flatMap((kind) => model.facets[kind].byName.map((entry) => ({ kind, entry }))),
	});
}

const hash = (value: unknown): string => createHash("sha1").update(JSON.stringify(value)).digest("base64");

/** Every field of an article; the body is hashed as it is, since escaping it into JSON costs more than hashing it. */
const articleHash = ({ html, ...fields }: Article): string =>
	createHash("sha1").update(JSON.stringify(fields)).update("\0").update(html).digest("base64");

export function fingerprints(model: SiteModel): Fingerprints {
	const titles = (slugs: readonly string[]) => slugs.map((slug) => model.topicsBySlug[slug]?.title ?? slug);
	// The story an article is listed with (its sources line) and shown beside ("Also covered by").
	const storyOf = (article: Article) =>
		model.stories[article.url]?.articles.map((member) => [member.url, member.title, member.source?.name]);
	const names = (article: Article) => otherKinds.map((kind) => article[kind].map((slug) => facetTitle(model, kind, slug)));
	// What ArticleList shows of an article (the compact list and the previous/next links show less).
	// Hashed once per article: topic pages, months, feeds and neighbours list each article again and again
	// (about 200,000 times for 10,000 articles), and serialising it each time took ~1.5 s of a dev rebuild.
	const listedHashes = new Map<Article, string>();
	const listed = (article: Article): string => {
		let listedHash = listedHashes.get(article);
		if (listedHash === undefined) {
			listedHash = hash([
				article.url,
				article.title,
				article.date,
				article.source?.name,
				article.summary,
				article.topics,
				titles(article.topics),
				storyOf(article),
			]);
			listedHashes.set(article, listedHash);
		}
		return listedHash;
	};
	const pages = new Map<string, string>();
	for (const article of model.articles) {
		const neighbours = model.neighbours[article.url] ?? { related: [] };
		// The article itself (every field: the page shows most of them), its topics' titles (topic links,
		// JSON-LD keywords), the previous/next links and the related list.
		pages.set(
			article.url,
			hash([
				articleHash(article),
				titles(article.topics),
				names(article),
				storyOf(article),
				neighbours.older && listed(neighbours.older),
				neighbours.newer && listed(neighbours.newer),
				neighbours.related.map(listed),
			]),
		);
	}
	for (const page of model.topicPages) {
		const topic = model.topicsBySlug[page.slug];
		const related = model.relatedTopics[page.slug] ?? [];
		// The topic's title, description, count and date range; its activity chart; its related topics with
		// their titles; the page's position (pagination links) and its slice of articles.
		pages.set(
			page.url,
			hash([
				topic,
				model.topicActivity[page.slug],
				related.map((other) => [other.slug, other.shared, model.topicsBySlug[other.slug]?.title]),
				page.pageNumber,
				page.pageCount,
				page.articles.map(listed),
			]),
		);
	}
	for (const month of model.timeline.monthPages) {
		// Its count, links to the neighbouring months, and its days' articles.
		pages.set(
			month.url,
			hash([month.key, month.count, month.previous, month.next, month.days.map((day) => [day.day, day.articles.map(listed)])]),
		);
	}
	for (const kind of otherKinds) {
		const facet = model.facets[kind];
		for (const page of facet.pages) {
			const related = facet.related[page.slug];
			// As a topic page: the entry, its chart, the topics, people and places found with it (titled).
			pages.set(
				page.url,
				hash([
					facet.bySlug[page.slug],
					facet.activity[page.slug],
					(["topics", "people", "places"] as const).map((other) =>
						(related?.[other] ?? []).map((item) => [item.slug, item.shared, facetTitle(model, other, item.slug)]),
					),
					page.pageNumber,
					page.pageCount,
					page.articles.map(listed),
				]),
			);
		}
	}
	// Per feed, its title, subtitle and links, and per entry what atomFeed writes (its lead image too; never
	// the body: topic, people and places feeds carry summaries only).
	const feedHash = (spec: FeedSpec) =>
		hash([
			spec.title,
			spec.subtitle,
			spec.homePath,
			spec.fullContent,
			spec.articles.map((article) => [
				listed(article),
				article.updated,
				article.authors,
				article.leadImage,
				spec.fullContent ? article.html : null,
			]),
		]);
	for (const topic of model.topicsByName) {
		const spec = topicFeedSpec(model, topic);
		pages.set(spec.path, feedHash(spec));
	}
	for (const kind of otherKinds) {
		for (const entry of model.facets[kind].byName) {
			const spec = facetFeedSpec(model, kind, entry);
			pages.set(spec.path, feedHash(spec));
		}
	}
	// Every page's navigation links People and Places once the digest names any (layouts/components/Page.tsx).
	const navigation = [model.facets.people.byName.length > 0, model.facets.places.byName.length > 0];
	return { global: hash([model.site, model.pathPrefix, model.siteUrl, navigation]), pages };
}

/**
 * The pages of `model` whose output can differ from the previous render: those whose fingerprint is new
 * or changed. Without a previous render, or when what every page reads changed, all of them.
 */
export function dirtyPages(model: SiteModel, previous: Fingerprints | undefined, next: Fingerprints): PageLists {
	if (!previous || previous.global !== next.global) return allPages(model);
	const dirty = (url: string) => previous.pages.get(url) !== next.pages.get(url);
	return Object.freeze({
		articles: model.articles.filter((article) => dirty(article.url)),
		topicPages: model.topicPages.filter((page) => dirty(page.url)),
		monthPages: model.timeline.monthPages.filter((month) => dirty(month.url)),
		topicFeeds: model.topicsByName.filter((topic) => dirty(topicFeedUrl(topic.slug))),
		facetPages: otherKinds.flatMap((kind) => model.facets[kind].pages.filter((page) => dirty(page.url)).map((page) => ({ kind, page }))),
		facetFeeds: otherKinds.flatMap((kind) =>
			model.facets[kind].byName.filter((entry) => dirty(facetFeedUrl(kind, entry.slug))).map((entry) => ({ kind, entry })),
		),
	});
}

/** How many pages the lists hold. */
export const pageCount = (lists: PageLists): number =>
	lists.articles.length +
	lists.topicPages.length +
	lists.monthPages.length +
	lists.topicFeeds.length +
	lists.facetPages.length +
	lists.facetFeeds.length;

/**
 * The files of every paginated page of the model under `outputDir`, as Eleventy writes them (a URL
 * ending in `/` is its `index.html`): a partial rebuild writes only some of them, and the others are
 * still current, so the dev server removes only files that are neither written now nor in this set.
 */
export function pageFiles(outputDir: string, current: Fingerprints): Set<string> {
	const files = new Set<string>();
	for (const url of current.pages.keys()) files.add(path.join(outputDir, url.endsWith("/") ? `${url}index.html` : url));
	return files;
}
