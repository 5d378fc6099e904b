/**
 * An HTML page becomes an article: the page's metadata (JSON-LD, Open Graph, `<meta>`, `<link
 * rel=canonical>`) gives title, byline, date, site name and canonical URL; `@mozilla/readability` over a
 * `linkedom` document finds the story among the page's chrome; `turndown` turns the story into Markdown.
 */
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import TurndownService from "turndown";
import { canonicalLanguage } from "../content/language.ts";

export interface HtmlArticle {
	title?: string;
	/** Markdown. */
	body: string;
	authors: string[];
	/** As the page wrote it (ISO 8601 usually). */
	published?: string;
	siteName?: string;
	/** The canonical URL, absolute. */
	url?: string;
	summary?: string;
	/** Tags or keywords the page declares. */
	keywords: string[];
	/** The language the page declares (`<html lang>`, else `og:locale`), canonical. */
	lang?: string;
}

/** Reads `html` (fetched from `pageUrl`, when it was) into an article. */
export function parseHtmlArticle(html: string, pageUrl?: string): HtmlArticle {
	const { document } = parseHTML(html);
	const doc = document as unknown as Document;
	const meta = readMetadata(doc, pageUrl);
	const declared =
		doc.documentElement?.getAttribute("lang") ?? doc.querySelector('meta[property="og:locale"]')?.getAttribute("content") ?? "";
	absolutiseLinks(doc, meta.url ?? pageUrl);

	const readable = new Readability(doc, { charThreshold: 200 }).parse();
	const content = readable?.content ?? doc.querySelector("article, main, body")?.innerHTML ?? "";
	const title = meta.title ?? clean(readable?.title);
	let body = htmlToMarkdown(content).trim();
	// Readability keeps the headline when it is inside the story; the page's <h1> is the title, not body.
	if (title) body = body.replace(new RegExp(`^#{1,2} +${escapeRegExp(title)}\\s*\\n+`), "");
	// A byline paragraph Readability left in place is metadata, already in `authors`.
	body = body.replace(/^(?:_|\*\*)?[Bb][Yy]:? +(?:(?:\p{Lu}[\p{L}.'’-]*|and|&|,) *){1,16}(?:_|\*\*)?\n\n/u, "");
	const byline = meta.authors.length > 0 ? meta.authors : splitByline(readable?.byline ?? "");
	return {
		title,
		body,
		authors: byline,
		published: meta.published ?? clean(readable?.publishedTime),
		siteName: meta.siteName ?? clean(readable?.siteName),
		url: meta.url ?? pageUrl,
		// Readability's excerpt is the first paragraph, which the loader falls back to anyway.
		summary: meta.summary,
		keywords: meta.keywords,
		lang: canonicalLanguage(declared),
	};
}

/** What a page says about itself, before its story is read. */
type PageMetadata = Omit<HtmlArticle, "body">;

const articleTypes = /^(NewsArticle|Article|BlogPosting|ReportageNews|AnalysisNewsArticle|OpinionNewsArticle|Report|WebPage)$/;

/** JSON-LD first (the most structured), then Open Graph and article:* properties, then plain `<meta>`. */
export function readMetadata(doc: Document, pageUrl?: string): PageMetadata {
	const ld = jsonLdArticle(doc);
	const metaContent = (...keys: string[]): string | undefined => {
		for (const key of keys) {
			const element = doc.querySelector(`meta[property="${key}"], meta[name="${key}"], meta[itemprop="${key}"]`);
			const value = clean(element?.getAttribute("content"));
			if (value) return value;
		}
		return undefined;
	};
	const metaAll = (key: string): string[] =>
		[...doc.querySelectorAll(`meta[property="${key}"], meta[name="${key}"]`)]
			.map((element) => clean(element.getAttribute("content")) ?? "")
			.filter(Boolean);

	const ldAuthors = names(ld?.author);
	const metaAuthors = [...metaAll("author"), ...metaAll("article:author"), ...metaAll("parsely-author")].filter(
		(name) => !/^https?:/i.test(name),
	);
	const canonical = doc.querySelector('link[rel="canonical"]')?.getAttribute("href") ?? undefined;
	const ldUrl =
		typeof ld?.url === "string"
			? ld.url
			: typeof ld?.mainEntityOfPage === "string"
				? ld.mainEntityOfPage
				: (ld?.mainEntityOfPage as { "@id"?: string } | undefined)?.["@id"];
	const url = absolute(clean(canonical) ?? metaContent("og:url") ?? clean(ldUrl), pageUrl);
	const keywords = [...metaAll("article:tag"), ...listOf(ld?.keywords), ...(metaContent("keywords") ?? "").split(",")]
		.map((word) => word.trim())
		.filter(Boolean);
	return {
		title:
			clean(asText(ld?.headline)) ??
			metaContent("og:title", "twitter:title") ??
			clean(doc.querySelector("h1")?.textContent) ??
			clean(doc.querySelector("title")?.textContent),
		authors: [...new Set(ldAuthors.length > 0 ? ldAuthors : metaAuthors)],
		published:
			clean(asText(ld?.datePublished)) ??
			metaContent("article:published_time", "datePublished", "date", "pubdate", "publish-date", "dc.date", "DC.date.issued") ??
			clean(doc.querySelector("time[datetime]")?.getAttribute("datetime")),
		siteName: metaContent("og:site_name", "application-name") ?? names((ld?.publisher as unknown) ?? undefined)[0],
		url,
		summary: clean(asText(ld?.description)) ?? metaContent("description", "og:description", "twitter:description"),
		keywords: [...new Set(keywords)],
	};
}

type JsonLdNode = Record<string, unknown>;

/** The page's article node in its JSON-LD, looking inside `@graph` and arrays. Bad JSON is ignored. */
function jsonLdArticle(doc: Document): JsonLdNode | undefined {
	const nodes: JsonLdNode[] = [];
	const collect = (value: unknown) => {
		if (Array.isArray(value)) value.forEach(collect);
		else if (value && typeof value === "object") {
			const node = value as JsonLdNode;
			nodes.push(node);
			if (node["@graph"]) collect(node["@graph"]);
		}
	};
	for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
		try {
			collect(JSON.parse(script.textContent ?? ""));
		} catch {
			// A page's broken JSON-LD is its own problem; the other sources of metadata still apply.
		}
	}
	const isArticle = (node: JsonLdNode) => listOf(node["@type"]).some((type) => articleTypes.test(type) && type !== "WebPage");
	return nodes.find(isArticle) ?? nodes.find((node) => listOf(node["@type"]).includes("WebPage"));
}

/** Names from JSON-LD `author`/`publisher`: a string, `{ name }`, or a list of either. */
function names(value: unknown): string[] {
	if (!value) return [];
	if (Array.isArray(value)) return value.flatMap(names);
	if (typeof value === "string") return /^https?:/i.test(value) ? [] : [value.trim()];
	if (typeof value === "object" && typeof (value as { name?: unknown }).name === "string") return [(value as { name: string }).name.trim()];
	return [];
}

function listOf(value: unknown): string[] {
	if (Array.isArray(value)) return value.filter((item): item is string => typeof item === "string");
	if (typeof value === "string") return value.split(",").map((item) => item.trim());
	return [];
}

const asText = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

function clean(value: string | null | undefined): string | undefined {
	const text = value?.replace(/\s+/g, " ").trim();
	return text ? text : undefined;
}

function absolute(url: string | undefined, base: string | undefined): string | undefined {
	if (!url) return undefined;
	try {
		return new URL(url, base).toString();
	} catch {
		return undefined;
	}
}

/**
 * Links and images point at the original site once the text lives in the digest. A relative link with no
 * known base would be a broken link inside the digest, so it is dropped and its text kept.
 */
export function absolutiseLinks(doc: Document, base: string | undefined): void {
	for (const [selector, attribute] of [
		["a[href]", "href"],
		["img[src]", "src"],
	] as const) {
		for (const element of doc.querySelectorAll(selector)) {
			const value = element.getAttribute(attribute) ?? "";
			if (value.startsWith("#")) continue;
			const resolved = absolute(value, base);
			if (resolved) element.setAttribute(attribute, resolved);
			else element.removeAttribute(attribute);
		}
	}
}

/** "By Ann One and Bo Two" → ["Ann One", "Bo Two"]. */
export function splitByline(byline: string): string[] {
	return byline
		.replace(/^\s*by\s+/i, "")
		.split(/\s*(?:,|\band\b|&)\s*/i)
		.map((name) => name.trim())
		.filter((name) => name && name.split(/\s+/).length <= 5);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

let turndown: TurndownService | undefined;

/** The story's HTML as Markdown: ATX headings, fenced code, `-` bullets; scripts and forms dropped. */
export function htmlToMarkdown(html: string): string {
	turndown ??= new TurndownService({ headingStyle: "atx", codeBlockStyle: "fenced", bulletListMarker: "-", emDelimiter: "_" }).remove([
		"script",
		"style",
		"noscript",
		"iframe",
		"form",
		"button",
		"svg",
	] as unknown as TurndownService.Filter);
	return turndown.turndown(html).replace(/\n{3,}/g, "\n\n");
}
