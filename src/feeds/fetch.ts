/**
 * `fetch`: every feed of `feeds.yaml` is read (conditional GET, a few at a time), and each new item that
 * passes the feed's filters becomes an article file the way `import` writes one. Nothing is added twice
 * (the state file's items already taken, then the digest's own articles by source URL or title and day),
 * and a feed that fails is reported and counted while the others go on.
 *
 * Stories are left to the build: an item on an event the digest already covers is grouped with that
 * coverage when the site is built, by the same rules as every other article, so no `story:` is written.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseHTML } from "linkedom";
import { DateTime } from "luxon";
import { type ArticleDraft, comparableUrl, DuplicateIndex, planArticle } from "../authoring/article-file.ts";
import { absolutiseLinks, htmlToMarkdown, parseHtmlArticle } from "../authoring/html.ts";
import { UsageError } from "../commands/cli.ts";
import { baseLanguage, canonicalLanguage, detectLanguage } from "../content/language.ts";
import { parseArticleDate } from "../content/dates.ts";
import { readSettings, registryFileName, siteFileName } from "../content/load.ts";
import { ContentError, type ContentProblem } from "../content/problems.ts";
import { siteSettingsSchema } from "../content/site.ts";
import { slugFor } from "../content/slugs.ts";
import { type TopicRegistry, topicRegistrySchema } from "../content/topics.ts";
import { sanitizeArticleHtml } from "../content/markdown.ts";
import { type FeedEntry, passesFilters, readFeedsFile, wholeWords } from "./config.ts";
import { FeedFailure, type FeedAnswer, feedUserAgent, getFeed, getPage, type HttpOptions } from "./http.ts";
import { type FeedItem, type ParsedFeed, plainText, readFeed } from "./items.ts";
import { type FeedsState, readFeedsState, rememberSeen, writeFeedsState } from "./state.ts";

export interface FetchOptions {
	/**
	 * The digest: `feeds.yaml`, the state file and the articles written all live here.
	 * @default "articles"
	 */
	articlesDir?: string;
	/** Report what would be added; write nothing, not even the state file. */
	dryRun?: boolean;
	/** Fetch each new item's page and keep its readable text (as `import` does) instead of the feed's text. */
	full?: boolean;
	/** Write every new article as a draft (as a feed's `draft: true` does). */
	drafts?: boolean;
	/**
	 * How long one feed (or, with `full`, one page) may take, in milliseconds.
	 * @default 20000
	 */
	timeoutMs?: number;
	/**
	 * Largest feed or page accepted, in bytes.
	 * @default 10485760 (10 MiB)
	 */
	maxBytes?: number;
	/**
	 * Feeds asked at once.
	 * @default 4
	 */
	concurrency?: number;
	/** The present moment (tests pin it): dates undated items and the state's `checked`. */
	now?: Date;
	/** How a file is named in the report. */
	show?: (absolute: string) => string;
}

export const fetchDefaults = { articlesDir: "articles", timeoutMs: 20_000, maxBytes: 10 * 1024 * 1024, concurrency: 4 };

export interface ItemNote {
	title: string;
	reason: string;
}

export interface FeedReport {
	url: string;
	/** The outlet's name, as written into the articles. */
	name: string;
	outcome: "read" | "not modified" | "failed";
	/** Why it failed. */
	reason?: string;
	/** Files written (or, in a dry run, that would be), absolute. */
	added: { file: string; title: string }[];
	/** Items the digest already has, with the article that has them. */
	duplicates: ItemNote[];
	/** Items taken on an earlier run (and perhaps deleted since by the editor). */
	seenBefore: number;
	/** Items the feed's include/exclude filters left out. */
	filtered: ItemNote[];
	/** Items that could not become an article. */
	malformed: ItemNote[];
	/** Things worth knowing that changed nothing (a `--full` page that could not be read, an undated item). */
	notes: string[];
}

export interface FetchReport {
	feeds: FeedReport[];
	dryRun: boolean;
	/** About the run as a whole (an unreadable state file started afresh). */
	notes: string[];
}

/** Reads every feed and writes the new articles; throws only for a broken `feeds.yaml` or settings file. */
export async function fetchFeeds(options: FetchOptions = {}): Promise<FetchReport> {
	// An option given as undefined (a flag not passed) keeps its default.
	const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as FetchOptions;
	const opts = { ...fetchDefaults, ...given };
	const root = path.resolve(opts.articlesDir);
	const show = opts.show ?? ((absolute: string) => absolute);
	const feeds = await readFeedsFile(root, show);
	const problems: ContentProblem[] = [];
	const site = (await readSettings(path.join(root, siteFileName), siteSettingsSchema, show, problems, {})) ?? siteSettingsSchema.parse({});
	const registry = (await readSettings(path.join(root, registryFileName), topicRegistrySchema, show, problems, {})) ?? {};
	if (problems.length > 0) throw new ContentError(problems);

	const { state, note } = await readFeedsState(root);
	const duplicates = await DuplicateIndex.of(root);
	const http: HttpOptions = { timeoutMs: opts.timeoutMs, maxBytes: opts.maxBytes, userAgent: feedUserAgent };
	const now = DateTime.fromJSDate(opts.now ?? new Date()).setZone(site.zone);
	const topicFinder = new TopicFinder(registry);

	// The network is the slow part: feeds are asked a few at a time; their items are then written in the
	// order of feeds.yaml, so that which feed's copy of a shared item is kept does not depend on timing.
	const answers = await mapLimited(feeds, opts.concurrency, (feed) =>
		getFeed(feed.url, state.feeds[feed.url] ?? {}, http).then(
			(answer): FeedAnswer | FeedFailure => answer,
			(error: unknown) => (error instanceof FeedFailure ? error : new FeedFailure((error as Error).message)),
		),
	);

	const reports: FeedReport[] = [];
	for (const [index, feed] of feeds.entries()) {
		const answer = answers[index] as FeedAnswer | FeedFailure;
		const report: FeedReport = {
			url: feed.url,
			// Until the feed answers: the title it had last time, else its host.
			name: feed.name ?? state.feeds[feed.url]?.title ?? new URL(feed.url).hostname.replace(/^www\./, ""),
			outcome: "read",
			added: [],
			duplicates: [],
			seenBefore: 0,
			filtered: [],
			malformed: [],
			notes: [],
		};
		reports.push(report);
		if (answer instanceof FeedFailure) {
			Object.assign(report, { outcome: "failed", reason: answer.message });
			continue;
		}
		const feedState = (state.feeds[feed.url] ??= { seen: [] });
		const checked = now.toUTC().startOf("second").toISO({ suppressMilliseconds: true }) ?? undefined;
		if (answer.kind === "not-modified") {
			report.outcome = "not modified";
			feedState.checked = checked;
			continue;
		}
		let parsed: ParsedFeed;
		try {
			parsed = readFeed(answer.text, answer.url);
		} catch (error) {
			Object.assign(report, { outcome: "failed", reason: (error as Error).message });
			continue;
		}
		report.name = feed.name ?? parsed.title ?? report.name;
		const taken: string[] = [];
		const context: ItemContext = { feed, root, zone: site.zone, now, topicFinder, duplicates, http, show, report, opts };
		for (const [position, item] of parsed.items.entries()) {
			const key = item.url ? comparableUrl(item.url) : undefined;
			if (key && feedState.seen.includes(key)) {
				report.seenBefore += 1;
				continue;
			}
			let outcome: "taken" | "left";
			try {
				outcome = await takeItem(item, position, context);
			} catch (error) {
				// One item that breaks something unforeseen costs that item, not the run.
				report.malformed.push({ title: item.title ?? `item ${position + 1}`, reason: `could not be written: ${(error as Error).message}` });
				outcome = "left";
			}
			if (outcome === "taken" && key) taken.push(key);
		}
		rememberSeen(feedState, taken);
		feedState.etag = answer.validators.etag;
		feedState.lastModified = answer.validators.lastModified;
		feedState.title = parsed.title;
		feedState.checked = checked;
	}

	if (!opts.dryRun) await writeFeedsState(root, keepListedFeeds(state, feeds));
	return { feeds: reports, dryRun: opts.dryRun ?? false, notes: note ? [note] : [] };
}

interface ItemContext {
	feed: FeedEntry;
	root: string;
	zone: string;
	now: DateTime;
	topicFinder: TopicFinder;
	duplicates: DuplicateIndex;
	http: HttpOptions;
	show: (absolute: string) => string;
	report: FeedReport;
	opts: FetchOptions;
}

/**
 * One item: checked, filtered, turned into a draft, checked against the digest, validated and written.
 * "taken" means the digest now has it (written, or already there), so later runs skip it unread.
 */
async function takeItem(item: FeedItem, position: number, context: ItemContext): Promise<"taken" | "left"> {
	const { feed, report, zone } = context;
	const label = item.title ?? `item ${position + 1}`;
	const skip = (reason: string) => {
		report.malformed.push({ title: label, reason });
		return "left" as const;
	};
	if (!item.title) return skip("has no title");
	if (!item.url) return skip("has no link to its page (or only a non-http one)");

	const summaryText = item.summary === undefined ? undefined : plainText(item.summary);
	// An item with content only is judged by its opening, as a summary would be.
	const lead = summaryText ?? shorten(plainText(item.content) ?? "", 400);
	const verdict = passesFilters(feed, `${item.title}\n${lead}`);
	if (!verdict.pass) {
		report.filtered.push({ title: item.title, reason: verdict.reason ?? "filtered out" });
		return "left";
	}

	let date: string;
	if (item.published) {
		const read = feedDate(item.published, zone);
		// The message's advice on how to write a date is for editors, not for an outlet's feed.
		if (!read.ok) return skip(`date ${read.message.split("; ")[0]}`);
		date = read.value.toISO({ suppressMilliseconds: true }) ?? "";
	} else {
		date = context.now.startOf("minute").toISO({ suppressMilliseconds: true }) ?? "";
		report.notes.push(`"${item.title}" has no date: dated when it was fetched`);
	}

	const source = { name: report.name, url: item.url };
	const existing = context.duplicates.find({ title: item.title, date, source });
	if (existing) {
		report.duplicates.push({ title: item.title, reason: `is ${context.show(existing.file)} (same ${existing.reason})` });
		return "taken";
	}

	let body = itemMarkdown(item.content ?? item.summary ?? "", item.base);
	if (context.opts.full) {
		try {
			const page = await getPage(item.url, context.http);
			const readable = parseHtmlArticle(page.html, page.url).body;
			if (readable) body = readable;
			else report.notes.push(`"${item.title}": no readable text on ${item.url}; the feed's text is kept`);
		} catch (error) {
			report.notes.push(`"${item.title}": ${item.url} could not be read (${(error as Error).message}); the feed's text is kept`);
		}
	}
	if (!body) return skip("has no text (no summary or content)");

	// What feeds.yaml or the feed declares (by its primary subtag, as the site's pages go), else what the build
	// itself would detect from the text.
	const declared = canonicalLanguage(feed.lang ?? item.lang ?? "");
	const lang = declared ? baseLanguage(declared) : detectLanguage(`${item.title}. ${lead || body}`);
	const summary = item.content && summaryText ? shorten(summaryText, 400) : undefined;
	const draft: ArticleDraft = {
		title: item.title,
		date,
		topics: [...new Set([...feed.topics, ...context.topicFinder.find(`${item.title}\n${lead}`)])],
		source,
		authors: item.authors,
		summary,
		image: item.image?.startsWith("https://") ? item.image : undefined,
		lang,
		body,
		draft: feed.draft || context.opts.drafts || undefined,
	};

	let planned: Awaited<ReturnType<typeof planArticle>>;
	try {
		planned = await planArticle(context.root, draft);
	} catch (error) {
		if (error instanceof UsageError) return skip(error.message.replace(/\s*\n\s*/g, " "));
		throw error;
	}
	const file = context.opts.dryRun ? planned.file : await writeNew(context.root, planned.file, planned.text);
	context.duplicates.add(file, draft);
	report.added.push({ file, title: item.title });
	return "taken";
}

/** Zone names feeds write in RFC 822 dates that luxon does not read, as offsets. */
const zoneNames: Record<string, string> = {
	UT: "+0000",
	UTC: "+0000",
	GMT: "+0000",
	Z: "+0000",
	WET: "+0000",
	BST: "+0100",
	CET: "+0100",
	CEST: "+0200",
	EET: "+0200",
	EEST: "+0300",
	MSK: "+0300",
};

/**
 * An item's date as the build reads dates; failing that, an RFC 822 date with a zone name (`MSK`, `UT`)
 * or without its weekday is read once more with the offset written out. A date without any zone is read
 * in the site's zone, never the machine's.
 */
export function feedDate(raw: string, zone: string): ReturnType<typeof parseArticleDate> {
	const first = parseArticleDate(raw, zone);
	if (first.ok) return first;
	const named = /^(?:[A-Za-z]{3},?\s+)?(\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}(?::\d{2})?)\s+([A-Za-z]{1,4})$/.exec(raw.trim());
	const offset = named ? zoneNames[(named[2] ?? "").toUpperCase()] : undefined;
	if (!named || !offset) return first;
	const again = parseArticleDate(`${named[1]} ${offset}`, zone);
	return again.ok ? again : first;
}

/**
 * Writes `text` at `file`, or beside it as `slug-2.md`, `slug-3.md` when another headline of the month
 * took the slug; never over a file, never outside the articles folder.
 */
async function writeNew(root: string, file: string, text: string): Promise<string> {
	const relative = path.relative(root, file);
	if (relative.startsWith("..") || path.isAbsolute(relative)) throw new Error(`refused to write outside the articles folder: ${file}`);
	await mkdir(path.dirname(file), { recursive: true });
	const stem = file.replace(/\.md$/, "");
	for (let attempt = 1; ; attempt += 1) {
		const candidate = attempt === 1 ? file : `${stem}-${attempt}.md`;
		try {
			await writeFile(candidate, text, { flag: "wx" });
			return candidate;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== "EEXIST" || attempt >= 50) throw error;
		}
	}
}

/** The item's HTML, links made absolute, sanitized as article HTML is, then Markdown as `import` writes it. */
export function itemMarkdown(html: string, base: string): string {
	if (!html.trim()) return "";
	const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
	const doc = document as unknown as Document;
	// Feeds carry 1×1 counting pixels (FeedBurner, WordPress stats): not part of the story.
	for (const pixel of doc.querySelectorAll('img[width="1"], img[height="1"], img[width="0"], img[height="0"]')) pixel.remove();
	absolutiseLinks(doc, base);
	return htmlToMarkdown(sanitizeArticleHtml(doc.body.innerHTML)).trim();
}

function shorten(text: string, limit: number): string {
	if (text.length <= limit) return text;
	const cut = text.slice(0, limit);
	return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), limit / 2)).trimEnd()}…`;
}

/** The registry's topics whose title or an alias appears in a text, as whole words in any case. */
export class TopicFinder {
	readonly #patterns: { slug: string; expressions: RegExp[] }[];

	constructor(registry: TopicRegistry) {
		this.#patterns = Object.entries(registry).map(([key, entry]) => ({
			slug: slugFor(key),
			expressions: [entry.title, ...entry.aliases].map(wholeWords),
		}));
	}

	find(text: string): string[] {
		return this.#patterns.filter(({ expressions }) => expressions.some((expression) => expression.test(text))).map(({ slug }) => slug);
	}
}

/** The state of the feeds still listed (a feed taken out of feeds.yaml is forgotten). */
function keepListedFeeds(state: FeedsState, feeds: FeedEntry[]): FeedsState {
	const listed = new Set(feeds.map((feed) => feed.url));
	return { version: 1, feeds: Object.fromEntries(Object.entries(state.feeds).filter(([url]) => listed.has(url))) };
}

async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
	const results: R[] = new Array(items.length);
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const index = next++;
			results[index] = await work(items[index] as T);
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
	return results;
}
