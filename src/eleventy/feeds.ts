/**
 * Feeds and crawler files: Atom (`/feed.xml`, `/topics/<slug>/feed.xml`), JSON Feed 1.1 (`/feed.json`),
 * `/sitemap.xml` and `/robots.txt`, built as data and serialised here so that no article text is ever
 * interpolated into markup unescaped.
 *
 * Why not the RSS plugin's virtual feed template: it is a Nunjucks template over an Eleventy collection,
 * while our articles are not Eleventy templates (they are loaded once and paginated, see load.ts), it has
 * no JSON Feed, and it would register the HTML `<base>` plugin, which rewrites the URLs of every page of the
 * site after rendering — a cost on thousands of pages for links that `href()` already prefixes. What it does
 * well is reused as plain functions: `dateToRfc3339` for Atom dates and `convertHtmlToAbsoluteUrls` to make
 * the links inside an article body absolute for feed readers (when the site's public URL is known).
 */
import { convertHtmlToAbsoluteUrls, dateToRfc3339 } from "@11ty/eleventy-plugin-rss";
import { teaser } from "../../layouts/components/format.ts";
import { href } from "../../layouts/components/links.ts";
import type { SiteModel, SitemapEntry, SitemapPart } from "../model/collections.ts";
import type { FeedEntry, FeedView } from "../model/views.ts";

/** A URL for outside readers: absolute under `--site-url` when given, else the prefixed path. */
export function publicUrl(model: Pick<SiteModel, "siteUrl" | "pathPrefix">, sitePath: string): string {
	return model.siteUrl ? `${model.siteUrl}${encodeURI(sitePath)}` : href(model, sitePath);
}

/** The lead image's URL for other sites: an https URL as it is, a local file like any page (publicUrl). */
export function leadImageUrl(
	model: Pick<SiteModel, "siteUrl" | "pathPrefix">,
	article: { leadImage?: { url: string } },
): string | undefined {
	const url = article.leadImage?.url;
	return url === undefined || /^https:\/\//i.test(url) ? url : publicUrl(model, url);
}

/** The media type feed readers want beside an image URL, from its extension. */
const imageTypes: Record<string, string> = {
	avif: "image/avif",
	gif: "image/gif",
	jpeg: "image/jpeg",
	jpg: "image/jpeg",
	png: "image/png",
	svg: "image/svg+xml",
	webp: "image/webp",
};
const imageType = (url: string): string | undefined => imageTypes[/\.([a-z0-9]+)(?:[?#]|$)/i.exec(url)?.[1]?.toLowerCase() ?? ""];

// ---- A minimal XML writer: elements are data, and every text and attribute goes through `escapeXml`.

export type XmlChild = XmlElement | string | null | undefined | false;
export interface XmlElement {
	name: string;
	attributes: Record<string, string | undefined>;
	children: XmlChild[];
}

export const xml = (name: string, attributes: Record<string, string | undefined> = {}, ...children: XmlChild[]): XmlElement => ({
	name,
	attributes,
	children,
});

/** Characters XML 1.0 cannot carry at all (most C0 controls, lone surrogates, U+FFFE/FFFF) are dropped. */
const notXmlChar = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const entities: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

export function escapeXml(text: string): string {
	return text.replace(notXmlChar, "").replace(/[&<>"']/g, (char) => entities[char] ?? char);
}

/**
 * Written without indentation: feeds and sitemaps are read by programs, and a digest writes tens of
 * thousands of them (a topic's feed is ~8% whitespace indented).
 */
export function serializeXml(root: XmlElement): string {
	return `<?xml version="1.0" encoding="utf-8"?>\n${render(root)}\n`;
}

function render(element: XmlElement): string {
	const attributes = Object.entries(element.attributes)
		.filter((entry): entry is [string, string] => entry[1] !== undefined)
		.map(([name, value]) => ` ${name}="${escapeXml(value)}"`)
		.join("");
	const children = element.children.filter(
		(child): child is XmlElement | string => typeof child === "string" || (typeof child === "object" && child !== null),
	);
	if (children.length === 0) return `<${element.name}${attributes}/>`;
	const inner = children.map((child) => (typeof child === "string" ? escapeXml(child) : render(child))).join("");
	return `<${element.name}${attributes}>${inner}</${element.name}>`;
}

// ---- Feeds (from their views, src/model/views.ts)

const atomDate = (iso: string): string => dateToRfc3339(new Date(iso));
const lastChange = (entry: FeedEntry): string => entry.updated ?? entry.date;
/** Atom ids must be absolute IRIs; without a public URL a URN stands in (stable across builds). */
const feedId = (feed: FeedView, sitePath: string): string =>
	feed.siteUrl ? publicUrl(feed, sitePath) : `urn:topic-digest:${encodeURI(sitePath)}`;

async function bodyFor(feed: FeedView, entry: FeedEntry): Promise<string> {
	const html = entry.html ?? "";
	return feed.siteUrl ? convertHtmlToAbsoluteUrls(html, publicUrl(feed, entry.url), { closingSingleTag: "slash" }) : html;
}

export async function atomFeed(feed: FeedView): Promise<string> {
	// ISO strings of one zone sort as time; an empty feed says the epoch rather than the build time.
	const newest = feed.entries.map(lastChange).sort().at(-1) ?? "1970-01-01T00:00:00Z";
	const entries: XmlElement[] = [];
	for (const article of feed.entries) {
		entries.push(
			xml(
				"entry",
				// An entry in another language than the feed's says so (RFC 4287 allows xml:lang on any element).
				article.lang ? { "xml:lang": article.lang } : {},
				// Text is Atom's default type, and a link without `rel` is the entry's alternate (RFC 4287): said
				// once per feed rather than on each of a digest's hundreds of thousands of entries.
				xml("title", {}, article.title),
				xml("link", { href: publicUrl(feed, article.url) }),
				xml("id", {}, feedId(feed, article.url)),
				xml("published", {}, atomDate(article.date)),
				xml("updated", {}, atomDate(lastChange(article))),
				...article.authors.map((name) => xml("author", {}, xml("name", {}, name))),
				// A topic's, person's or place's feed (one of thousands) carries the list page's teaser and no
				// categories: its subject is the feed's own; the site feed carries both in full.
				...(feed.fullContent ? article.topics.map((topic) => xml("category", { term: topic.slug, label: topic.title })) : []),
				article.summary ? xml("summary", {}, feed.fullContent ? article.summary : teaser(article.summary)) : null,
				// Media RSS, which feed readers use for an entry's picture.
				article.leadImage
					? xml("media:content", { url: leadImageUrl(feed, article), medium: "image", type: imageType(article.leadImage.url) })
					: null,
				feed.fullContent ? xml("content", { type: "html" }, await bodyFor(feed, article)) : null,
			),
		);
	}
	return serializeXml(
		xml(
			"feed",
			{
				xmlns: "http://www.w3.org/2005/Atom",
				"xmlns:media": feed.entries.some((article) => article.leadImage) ? "http://search.yahoo.com/mrss/" : undefined,
				"xml:lang": feed.language,
			},
			xml("title", {}, feed.title),
			feed.subtitle ? xml("subtitle", {}, feed.subtitle) : null,
			xml("link", { rel: "self", type: "application/atom+xml", href: publicUrl(feed, feed.path) }),
			xml("link", { rel: "alternate", type: "text/html", href: publicUrl(feed, feed.homePath) }),
			xml("id", {}, feedId(feed, feed.path)),
			xml("updated", {}, atomDate(newest)),
			xml("author", {}, xml("name", {}, feed.siteTitle)),
			xml("generator", {}, "topic-digest"),
			...entries,
		),
	);
}

/** JSON Feed 1.1 (https://jsonfeed.org/version/1.1), serialised with JSON.stringify. */
export async function jsonFeed(feed: FeedView): Promise<string> {
	const items = [];
	for (const article of feed.entries) {
		items.push({
			id: feedId(feed, article.url),
			url: publicUrl(feed, article.url),
			title: article.title,
			summary: article.summary || undefined,
			content_html: await bodyFor(feed, article),
			image: leadImageUrl(feed, article),
			date_published: article.date,
			date_modified: article.updated,
			authors: article.authors.length > 0 ? article.authors.map((name) => ({ name })) : undefined,
			tags: article.topics.map((topic) => topic.title),
			language: article.lang,
			external_url: article.source?.url,
		});
	}
	const json = {
		version: "https://jsonfeed.org/version/1.1",
		title: feed.title,
		description: feed.subtitle,
		home_page_url: publicUrl(feed, feed.homePath),
		feed_url: publicUrl(feed, feed.path),
		language: feed.language,
		authors: [{ name: feed.siteTitle }],
		items,
	};
	return `${JSON.stringify(json, null, "\t")}\n`;
}

// ---- Crawler files

/**
 * `/sitemap.xml`: every page, or, when the site has more pages than one sitemap file may list, the index
 * of the files the model split them into (`sitemapPartXml`), each with its newest change.
 */
export function sitemapXml(model: SiteModel): string {
	if (model.sitemapParts.length === 0) return urlSetXml(model, model.sitemap);
	return serializeXml({
		name: "sitemapindex",
		attributes: { xmlns: sitemapNamespace },
		children: model.sitemapParts.map((part) => {
			const lastmod = part.entries.reduce<string | undefined>(
				(newest, entry) => (entry.lastmod && (!newest || entry.lastmod > newest) ? entry.lastmod : newest),
				undefined,
			);
			return xml("sitemap", {}, xml("loc", {}, publicUrl(model, part.path)), lastmod ? xml("lastmod", {}, lastmod) : null);
		}),
	});
}

/** One file of a sitemap in parts (`/sitemap-N.xml`). */
export function sitemapPartXml(model: SiteModel, part: SitemapPart): string {
	return urlSetXml(model, part.entries);
}

const sitemapNamespace = "http://www.sitemaps.org/schemas/sitemap/0.9";

function urlSetXml(model: SiteModel, entries: readonly SitemapEntry[]): string {
	// The children as an array, not spread into xml(): 100,000 arguments overflow the call stack.
	return serializeXml({
		name: "urlset",
		attributes: { xmlns: sitemapNamespace },
		children: entries.map((entry) =>
			xml("url", {}, xml("loc", {}, publicUrl(model, entry.path)), entry.lastmod ? xml("lastmod", {}, entry.lastmod) : null),
		),
	});
}

export function robotsTxt(model: SiteModel): string {
	// The URL comes from the command line; a line break in it must not add a directive.
	const sitemap = publicUrl(model, "/sitemap.xml").replace(/[\r\n]/g, "");
	return `User-agent: *\nAllow: /\n\nSitemap: ${sitemap}\n`;
}
