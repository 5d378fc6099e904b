/**
 * The kinds of page made one per item of a list in the site model, as one table: where the items come
 * from, each page's URL, the template that renders it (in `layouts/pages/`) and the view it renders
 * from (src/model/views.ts). Everything that needs to know the pages reads this table: the templates paginate
 * over the global `pages` (src/eleventy/content.ts), a full build cuts it into render runs
 * (src/eleventy/render-runs.ts), the sitemap lists the kinds that have a `lastmod`, and the dev server re-renders
 * the pages whose view changed (src/commands/incremental.ts).
 *
 * Adding a kind of page is one entry here and one template that paginates over `pages.<name>`
 * (`pageKindData`) and renders `viewOf(...)`. The few site-wide pages (home, the indexes, the timeline,
 * search, 404, the site's feeds, robots.txt and the sitemap) are single templates over the whole model,
 * rendered on every build.
 */
import { facetFeedUrl, type Redirect, type SiteModel, type TimelineMonth, type TimelineYear } from "./collections.ts";
import type { Article } from "../content/load.ts";
import {
	articlePageView,
	type FacetFeedItem,
	type FacetPageItem,
	facetFeedView,
	facetPageView,
	monthPageView,
	redirectPageView,
	yearPageView,
} from "./views.ts";

/** The model without what is made from this table (the sitemap). */
export type PageSource = Omit<SiteModel, "sitemap" | "sitemapParts">;

export interface PageKind<Item, View> {
	/** The template in `layouts/pages/` that renders one page per item. */
	template: string;
	items(model: PageSource): readonly Item[];
	/** The page's site path (without the prefix); one ending in `/` is written as its `index.html`. */
	url(item: Item): string;
	view(model: SiteModel, item: Item): View;
	/** Listed in the sitemap, with its last change (`YYYY-MM-DD`) when it has one. */
	lastmod?(item: Item): string | undefined;
}

const kind = <Item, View>(spec: PageKind<Item, View>): PageKind<Item, View> => spec;
const facetKinds = ["topics", "people", "places"] as const;

/** In sitemap order (after the fixed pages); a full build's render runs take them in this order too. */
export const pageKinds = {
	articles: kind({
		template: "article.11ty.tsx",
		items: (model) => model.articles,
		url: (article: Article) => article.url,
		view: articlePageView,
		lastmod: (article) => (article.updated ?? article.date).slice(0, 10),
	}),
	/** Every page of every topic, person and place (`/topics/<slug>/`, `/people/<slug>/page/2/`, …). */
	facetPages: kind({
		template: "facet.11ty.tsx",
		items: (model) => facetKinds.flatMap((facet) => model.facets[facet].pages.map((page): FacetPageItem => ({ kind: facet, page }))),
		url: (item: FacetPageItem) => item.page.url,
		view: facetPageView,
		lastmod: (item) => item.page.articles[0]?.day,
	}),
	years: kind({
		template: "timeline-year.11ty.tsx",
		items: (model) => model.timeline.years,
		url: (year: TimelineYear) => year.url,
		view: yearPageView,
		lastmod: (year) => year.monthPages.at(-1)?.days.at(-1)?.day,
	}),
	months: kind({
		template: "timeline-month.11ty.tsx",
		items: (model) => model.timeline.monthPages,
		url: (month: TimelineMonth) => month.url,
		view: monthPageView,
		lastmod: (month) => month.days.at(-1)?.day,
	}),
	/** `/topics/<slug>/feed.xml`, `/people/<slug>/feed.xml`, `/places/<slug>/feed.xml`. */
	facetFeeds: kind({
		template: "facet-feed.11ty.tsx",
		items: (model) => facetKinds.flatMap((facet) => model.facets[facet].byName.map((entry): FacetFeedItem => ({ kind: facet, entry }))),
		url: (item: FacetFeedItem) => facetFeedUrl(item.kind, item.entry.slug),
		view: facetFeedView,
	}),
	/** Old URLs of articles, each a small page that sends the reader on. */
	redirects: kind({
		template: "redirect.11ty.tsx",
		items: (model) => model.redirects,
		url: (redirect: Redirect) => redirect.from,
		view: redirectPageView,
	}),
};

export type PageKindName = keyof typeof pageKinds;
export const pageKindNames = Object.keys(pageKinds) as PageKindName[];

type ItemOf<Name extends PageKindName> = Parameters<(typeof pageKinds)[Name]["url"]>[0];
type ViewOf<Name extends PageKindName> = ReturnType<(typeof pageKinds)[Name]["view"]>;

/** The items the templates make one page each of, by kind: all of them, or what a dev rebuild re-renders. */
export type PageLists = { readonly [Name in PageKindName]: readonly ItemOf<Name>[] };

/** The kind as a loosely typed entry, for code that walks every kind alike. */
const anyKind = (name: PageKindName) => pageKinds[name] as unknown as PageKind<unknown, unknown>;

/** Every page of the model: what a full build renders. */
export function allPages(model: PageSource): PageLists {
	// Frozen for the same reason as the model: Eleventy deep-copies unfrozen global data per template.
	return Object.freeze(Object.fromEntries(pageKindNames.map((name) => [name, anyKind(name).items(model)])) as unknown as PageLists);
}

/** The lists of the kinds `keep` picks; the other kinds' lists empty. */
export function pickKinds(lists: PageLists, keep: (name: PageKindName) => boolean): PageLists {
	return Object.freeze(Object.fromEntries(pageKindNames.map((name) => [name, keep(name) ? lists[name] : []]))) as unknown as PageLists;
}

/** How many pages the lists hold. */
export const pageCount = (lists: PageLists): number => pageKindNames.reduce((sum, name) => sum + lists[name].length, 0);

/** The file a page's URL is written to, relative to the output folder (Eleventy writes `…/` as its `index.html`). */
export const outputFileOfUrl = (url: string): string => (url.endsWith("/") ? `${url}index.html` : url).replace(/^\//, "");

/** Calls `visit` with the URL and a way to make the view of every page of `lists`. */
export function forEachPage(
	model: SiteModel,
	lists: PageLists,
	visit: (name: PageKindName, url: string, view: () => unknown) => void,
): void {
	for (const name of pageKindNames) {
		const entry = anyKind(name);
		for (const item of lists[name]) visit(name, entry.url(item), () => entry.view(model, item));
	}
}

/** Keeps the items of `lists` for which `keep(url)` holds. */
export function filterPages(lists: PageLists, keep: (url: string) => boolean): PageLists {
	return Object.freeze(
		Object.fromEntries(pageKindNames.map((name) => [name, lists[name].filter((item) => keep(anyKind(name).url(item as never)))])),
	) as unknown as PageLists;
}

/** The sitemap's entries made from the table: each kind with a `lastmod`, in table order. */
export function sitemapPages(model: PageSource): { path: string; lastmod?: string }[] {
	const entries: { path: string; lastmod?: string }[] = [];
	for (const name of pageKindNames) {
		const entry = anyKind(name);
		if (!entry.lastmod) continue;
		for (const item of entry.items(model)) entries.push({ path: entry.url(item), lastmod: entry.lastmod(item) });
	}
	return entries;
}

/**
 * The Eleventy data of a kind's template: one page per item of `pages.<name>`, each receiving only its own
 * item (the pattern that keeps rendering linear), written at the kind's URL.
 */
export function pageKindData(name: PageKindName) {
	const entry = anyKind(name);
	return {
		pagination: { data: `pages.${name}`, size: 1, alias: "item", addAllPagesToCollections: false },
		permalink: (data: { item: unknown }) => `/${outputFileOfUrl(entry.url(data.item))}`,
		eleventyExcludeFromCollections: true,
	};
}

/** The view a kind's template renders its page from. */
export function viewOf<Name extends PageKindName>(name: Name, data: { digest: SiteModel; item: unknown }): ViewOf<Name> {
	return anyKind(name).view(data.digest, data.item) as ViewOf<Name>;
}
