/**
 * `import`: a raw text copy of a news page, an HTML file or a URL becomes an article file. What the page
 * says about itself (headline, byline, date, site name, canonical URL) is used; the command's flags
 * override it.
 */
import { readFile } from "node:fs/promises";
import { UsageError } from "../commands/cli.ts";
import { type ArticleDraft, type PlannedArticle, writeArticle } from "./article-file.ts";
import { detectLanguage } from "../content/language.ts";
import { parseHtmlArticle } from "./html.ts";
import { findDate, parseRawText } from "./raw-text.ts";

export interface ImportOptions {
	/**
	 * The digest the article is added to.
	 * @default "articles"
	 */
	articlesDir?: string;
	/** Overrides the page's date: `YYYY-MM-DD`, `YYYY-MM-DD HH:MM` or ISO with offset. Required for raw
	 * text that carries no dateline. */
	date?: string;
	/** Overrides the page's tags. At least one topic is needed, from here or from the page. */
	topics?: string[];
	/** The outlet's name; overrides the page's site name. */
	source?: string;
	/** The original URL; overrides the canonical URL. */
	url?: string;
	/** Overrides the page's byline. */
	authors?: string[];
	/** Overrides the page's headline. */
	title?: string;
	/** The article's language; by default detected from its text, else the page's `<html lang>`. */
	lang?: string;
	/**
	 * Largest page accepted, in bytes.
	 * @default 10485760 (10 MiB)
	 */
	maxBytes?: number;
	/**
	 * How long a URL may take to answer, in milliseconds.
	 * @default 30000
	 */
	timeoutMs?: number;
}

export const importDefaults = { articlesDir: "articles", maxBytes: 10 * 1024 * 1024, timeoutMs: 30_000 } satisfies Partial<ImportOptions>;

interface FetchedPage {
	text: string;
	kind: "html" | "text";
	/** The URL it was fetched from (after redirects), for URLs. */
	url?: string;
}

/** Imports one file or URL; returns the written article. */
export async function importArticle(input: string, options: ImportOptions = {}): Promise<PlannedArticle> {
	const opts = { ...importDefaults, ...options };
	const page = /^https?:\/\//i.test(input) ? await fetchPage(input, opts) : await readPage(input, opts.maxBytes);
	const draft = page.kind === "html" ? fromHtml(page, opts, input) : fromRawText(page.text, opts, input);
	return writeArticle(opts.articlesDir, draft);
}

function fromRawText(text: string, opts: ImportOptions, input: string): ArticleDraft {
	const raw = parseRawText(text);
	const title = opts.title ?? raw.title;
	if (!title) throw new UsageError(`${input} is empty: its first line should be the headline`);
	if (!raw.body) throw new UsageError(`${input} has a headline but no paragraphs after it`);
	const date = opts.date ?? raw.date;
	if (!date) throw new UsageError(`${input} has no date that could be found (no dateline under the headline); pass --date YYYY-MM-DD`);
	return {
		title,
		date,
		topics: requireTopics(opts.topics ?? [], input),
		lang: opts.lang ?? detectLanguage(`${title}\n${raw.body}`),
		source: sourceOf(opts.source, opts.url),
		authors: opts.authors ?? raw.authors,
		body: raw.body,
	};
}

function fromHtml(page: FetchedPage, opts: ImportOptions, input: string): ArticleDraft {
	const article = parseHtmlArticle(page.text, page.url);
	const title = opts.title ?? article.title;
	if (!title) throw new UsageError(`${input} has no title (no <title>, <h1>, og:title or JSON-LD headline); pass --title`);
	if (!article.body) throw new UsageError(`${input} has no article text that could be found`);
	const date = opts.date ?? (article.published ? schemaDate(article.published) : undefined);
	if (!date) throw new UsageError(`${input} has no publication date in its metadata; pass --date YYYY-MM-DD`);
	const url = opts.url ?? article.url;
	const name = opts.source ?? article.siteName ?? (url ? new URL(url).hostname.replace(/^www\./, "") : undefined);
	return {
		title,
		date,
		topics: requireTopics(opts.topics ?? article.keywords, input),
		// The text first: many sites declare one language on every page, whatever the article's.
		lang: opts.lang ?? detectLanguage(`${title}\n${article.body}`) ?? article.lang,
		source: sourceOf(name, url),
		authors: opts.authors ?? article.authors,
		summary: article.summary,
		body: article.body,
	};
}

function requireTopics(topics: string[], input: string): string[] {
	if (topics.length === 0) throw new UsageError(`${input}: an article needs at least one topic; pass --topics a,b`);
	return topics;
}

function sourceOf(name: string | undefined, url: string | undefined): ArticleDraft["source"] {
	if (!name && !url) return undefined;
	const outlet = name ?? new URL(url ?? "").hostname.replace(/^www\./, "");
	return url ? { name: outlet, url } : { name: outlet };
}

/**
 * A page's date in a form the schema takes: ISO with an offset stays as it is, a local ISO time becomes
 * `YYYY-MM-DD HH:MM` (read in the site's zone), anything else is searched for a written date.
 */
export function schemaDate(published: string): string | undefined {
	const value = published.trim();
	if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value)) return value;
	const local = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})/.exec(value);
	if (local) return `${local[1]} ${local[2]}`;
	return findDate(value);
}

async function readPage(file: string, maxBytes: number): Promise<FetchedPage> {
	let bytes: Buffer;
	try {
		bytes = await readFile(file);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw new UsageError(code === "ENOENT" ? `${file}: no such file` : `${file}: ${(error as Error).message}`);
	}
	if (bytes.length > maxBytes) throw new UsageError(`${file} is ${bytes.length} bytes, over the ${maxBytes}-byte limit`);
	const text = bytes.toString("utf8");
	return { text, kind: /\.x?html?$/i.test(file) || looksLikeHtml(text) ? "html" : "text" };
}

const looksLikeHtml = (text: string): boolean => /^\s*(<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])/i.test(text.slice(0, 1024));

async function fetchPage(url: string, opts: { maxBytes: number; timeoutMs: number }): Promise<FetchedPage> {
	let response: Response;
	try {
		response = await fetch(url, {
			redirect: "follow",
			signal: AbortSignal.timeout(opts.timeoutMs),
			headers: { "user-agent": "topic-digest-import/1 (+https://github.com/)", accept: "text/html,text/plain;q=0.9,*/*;q=0.5" },
		});
	} catch (error) {
		const cause = (error as { cause?: { code?: string; message?: string } }).cause;
		throw new UsageError(`could not fetch ${url}: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
	}
	if (!response.ok) throw new UsageError(`could not fetch ${url}: HTTP ${response.status} ${response.statusText}`.trim());
	const length = Number(response.headers.get("content-length") ?? 0);
	if (length > opts.maxBytes) throw new UsageError(`${url} is ${length} bytes, over the ${opts.maxBytes}-byte limit`);
	const text = await response.text();
	if (Buffer.byteLength(text) > opts.maxBytes) throw new UsageError(`${url} is over the ${opts.maxBytes}-byte limit`);
	const type = response.headers.get("content-type") ?? "";
	const kind = /html|xml/i.test(type) || (!/text\/plain/i.test(type) && looksLikeHtml(text)) ? "html" : "text";
	return { text, kind, url: response.url || url };
}
