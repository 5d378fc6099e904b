/**
 * A feed's text becomes a list of items in one shape, whatever its format: feedsmith parses RSS 2.0,
 * RSS 1.0 (RDF), Atom and JSON Feed; here each item's link, image and body links are made absolute
 * (against the entry's and the feed's `xml:base`, then the feed's own URL), and titles become plain text.
 */
import { type AnyFeed, parseFeed } from "feedsmith";
import { parseHTML } from "linkedom";

/** One entry of a feed, as every format is read into it. */
export interface FeedItem {
	/** Plain text. */
	title?: string;
	/** The item's page, absolute. */
	url?: string;
	/** As the feed wrote it (RFC 2822, ISO 8601, …). */
	published?: string;
	authors: string[];
	/** HTML (or plain text) the feed gives as the item's summary or description. */
	summary?: string;
	/** The item's full HTML when the feed carries it (`content:encoded`, Atom `content`, `content_html`). */
	content?: string;
	/** The lead image, absolute. */
	image?: string;
	/** The language the item or its feed declares. */
	lang?: string;
	/** What relative links in `summary` and `content` are relative to. */
	base: string;
}

export interface ParsedFeed {
	format: "rss" | "atom" | "rdf" | "json";
	title?: string;
	items: FeedItem[];
}

/** Reads `text` fetched from `feedUrl`; throws with a short reason when it is not a feed. */
export function readFeed(text: string, feedUrl: string): ParsedFeed {
	let parsed: AnyFeed<string>;
	try {
		parsed = parseFeed<string>(text);
	} catch (error) {
		const looksHtml = /^\s*(<!doctype html|<html[\s>])/i.test(text.slice(0, 1024));
		throw new Error(looksHtml ? "not a feed: the address serves an HTML page" : `not a feed: ${(error as Error).message}`);
	}
	switch (parsed.format) {
		case "rss": {
			const feed = parsed.feed;
			const base = resolve(feed.xml?.base, feedUrl) ?? feedUrl;
			const lang = feed.language ?? feed.dc?.languages?.[0] ?? feed.xml?.lang;
			return {
				format: "rss",
				title: plainText(feed.title),
				items: (feed.items ?? []).map((item) => {
					const itemBase = resolve(item.xml?.base, base) ?? base;
					const guid = item.guid?.isPermaLink !== false ? item.guid?.value : undefined;
					const url = resolve(item.link ?? guid, itemBase);
					return {
						title: plainText(item.title ?? item.dc?.titles?.[0]),
						url,
						published: item.pubDate ?? item.dc?.dates?.[0] ?? item.atom?.published ?? item.atom?.updated,
						authors: names([...(item.authors ?? []).map(rssPerson), ...(item.dc?.creators ?? [])]),
						summary: item.description,
						content: item.content?.encoded,
						image: resolve(
							mediaImage(item.media) ??
								item.enclosures?.find((enclosure) => enclosure.type?.startsWith("image/"))?.url ??
								item.itunes?.image,
							itemBase,
						),
						lang: item.xml?.lang ?? item.dc?.languages?.[0] ?? lang,
						base: contentBase(item.xml?.base, itemBase, url),
					};
				}),
			};
		}
		case "rdf": {
			const feed = parsed.feed;
			const base = resolve(feed.xml?.base, feedUrl) ?? feedUrl;
			const lang = feed.dc?.languages?.[0] ?? feed.xml?.lang;
			return {
				format: "rdf",
				title: plainText(feed.title),
				items: (feed.items ?? []).map((item) => {
					const itemBase = resolve(item.xml?.base, base) ?? base;
					const url = resolve(item.link ?? item.rdf?.about, itemBase);
					return {
						title: plainText(item.title ?? item.dc?.titles?.[0]),
						url,
						published: item.dc?.dates?.[0] ?? item.dcterms?.issued?.[0] ?? item.dcterms?.created?.[0],
						authors: names(item.dc?.creators ?? []),
						summary: item.description ?? item.dc?.descriptions?.[0],
						content: item.content?.encoded,
						image: resolve(mediaImage(item.media), itemBase),
						lang: item.xml?.lang ?? item.dc?.languages?.[0] ?? lang,
						base: contentBase(item.xml?.base, itemBase, url),
					};
				}),
			};
		}
		case "atom": {
			const feed = parsed.feed;
			const base = resolve(feed.xml?.base, feedUrl) ?? feedUrl;
			return {
				format: "atom",
				title: plainText(feed.title?.value),
				items: (feed.entries ?? []).map((entry) => {
					const itemBase = resolve(entry.xml?.base, base) ?? base;
					const links = entry.links ?? [];
					const page = links.find((link) => !link.rel || link.rel === "alternate") ?? links.find((link) => link.rel === "related");
					const enclosure = links.find((link) => link.rel === "enclosure" && link.type?.startsWith("image/"));
					const authors = entry.authors ?? feed.authors ?? [];
					return {
						title: entry.title?.type === "text" ? textOf(entry.title.value) : plainText(entry.title?.value),
						url: resolve(page?.href, itemBase),
						published: entry.published ?? entry.updated,
						authors: names(authors.map((person) => person.name)),
						summary: atomHtml(entry.summary),
						content: entry.content?.src ? undefined : atomHtml(entry.content),
						image: resolve(mediaImage(entry.media) ?? enclosure?.href, itemBase),
						lang: entry.xml?.lang ?? feed.xml?.lang,
						base: resolve(entry.content?.xml?.base, itemBase) ?? itemBase,
					};
				}),
			};
		}
		case "json": {
			const feed = parsed.feed;
			const base = resolve(feed.feed_url, feedUrl) ?? feedUrl;
			return {
				format: "json",
				title: plainText(feed.title),
				items: (feed.items ?? []).map((item) => ({
					title: textOf(item.title),
					url: resolve(item.url ?? item.external_url, base),
					published: item.date_published ?? item.date_modified,
					authors: names((item.authors ?? feed.authors ?? []).map((author) => author.name)),
					summary: item.summary === undefined ? undefined : escapeText(item.summary),
					content: item.content_html ?? (item.content_text === undefined ? undefined : paragraphs(item.content_text)),
					image: resolve(item.image ?? item.banner_image, base),
					lang: item.language ?? feed.language,
					base: resolve(item.url, base) ?? base,
				})),
			};
		}
	}
}

/** `url` made absolute against `base`; only http(s) results are kept (no `javascript:` or `data:` link gets through). */
export function resolve(url: string | undefined, base: string | undefined): string | undefined {
	if (!url?.trim()) return undefined;
	try {
		const absolute = new URL(url.trim(), base);
		return absolute.protocol === "http:" || absolute.protocol === "https:" ? absolute.toString() : undefined;
	} catch {
		return undefined;
	}
}

/**
 * What an RSS or RDF item's HTML is relative to: its `xml:base` when it has one, else its own page (RSS
 * has no base of its own and readers resolve against the item's link), else the feed.
 */
const contentBase = (xmlBase: string | undefined, itemBase: string, url: string | undefined): string =>
	xmlBase ? itemBase : (url ?? itemBase);

/** Atom text constructs: `text` is escaped into HTML so that it reads the same as `html` and `xhtml`. */
function atomHtml(text: { value?: string; type?: string } | undefined): string | undefined {
	if (text?.value === undefined) return undefined;
	return text.type === "html" || text.type === "xhtml" ? text.value : escapeText(text.value);
}

/** An RSS `<author>`: `name@example.org (Name)`, a name, or an address. */
function rssPerson(person: { name?: string; email?: string }): string | undefined {
	const written = person.name ?? person.email ?? "";
	const inParentheses = /\(([^)]+)\)\s*$/.exec(written)?.[1];
	if (inParentheses) return inParentheses;
	return written.includes("@") ? undefined : written;
}

/** Names without repeats or blanks, `A and B` / `A, B` split. */
function names(values: (string | undefined)[]): string[] {
	const split = values.flatMap((value) => (value ?? "").split(/\s*(?:,|\band\b|&)\s*/));
	return [...new Set(split.map((name) => name.replace(/\s+/g, " ").trim()).filter((name) => name && !/^https?:/i.test(name)))];
}

/** The first image of a Media RSS block or its groups: an image `media:content`, else a thumbnail. */
function mediaImage(media: MediaBlock | undefined): string | undefined {
	const blocks = [media, ...(media?.groups ?? [])];
	for (const block of blocks) {
		const image = block?.contents?.find((content) => content.medium === "image" || content.type?.startsWith("image/"));
		if (image?.url) return image.url;
	}
	return blocks.find((block) => block?.thumbnails?.[0]?.url)?.thumbnails?.[0]?.url;
}

/** What is read of Media RSS: its contents and thumbnails, also inside `media:group`. */
interface MediaBlock {
	contents?: { url?: string; medium?: string; type?: string }[];
	thumbnails?: { url?: string }[];
	groups?: MediaBlock[];
}

/** HTML (as titles in feeds often are: entities, `<b>`) as plain text. */
export function plainText(html: string | undefined): string | undefined {
	if (html === undefined) return undefined;
	if (!/[<&]/.test(html)) return textOf(html);
	const { document } = parseHTML(`<!doctype html><html><body><div>${html}</div></body></html>`);
	for (const hidden of document.querySelectorAll("script, style, template, noscript")) hidden.remove();
	return textOf(document.querySelector("div")?.textContent ?? "");
}

const textOf = (text: string | undefined): string | undefined => text?.replace(/\s+/g, " ").trim() || undefined;

const escapeText = (text: string): string => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** JSON Feed's `content_text` as HTML paragraphs. */
const paragraphs = (text: string): string =>
	text
		.split(/\n\s*\n/)
		.map((paragraph) => paragraph.trim())
		.filter(Boolean)
		.map((paragraph) => `<p>${escapeText(paragraph)}</p>`)
		.join("\n");
