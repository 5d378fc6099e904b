/**
 * Reads a folder of articles into a validated, typed digest. Every problem in every file is collected
 * before anything is reported, so an editor fixes a whole batch in one pass; an invalid article is never
 * skipped silently — it makes the load fail.
 */
import { closeSync, fstatSync, openSync, readFileSync } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import matter from "gray-matter";
import type { MarkdownIt } from "markdown-it";
import { isMap, isScalar, LineCounter, parseDocument, type Document } from "yaml";
import type { z } from "zod";
import { countWords, createMarkdown, renderWithFirstParagraph } from "../markdown.ts";
import { ArticleCache, type ArticleCacheOptions, articleCacheDefaults, codeFingerprint } from "./article-cache.ts";
import { dateFromFileName, isoDay, parseArticleDate } from "./dates.ts";
import { type ParseJob, parseInPool, poolDefaults } from "./parse-pool.ts";
import { type ContentProblem, ContentError } from "./problems.ts";
import { canonicalFrontMatter, frontMatterSchema } from "./schema.ts";
import { type SiteSettings, siteSettingsSchema } from "./site.ts";
import { slugFor, slugFromFileName } from "./slugs.ts";
import { type Topic, TopicResolver, topicRegistrySchema } from "./topics.ts";

/** An article as every layout, feed and index receives it. */
export interface Article {
	/** The source file, relative to the articles folder, with `/` separators. */
	file: string;
	title: string;
	slug: string;
	/** `/articles/YYYY/MM/slug/`, without the path prefix. */
	url: string;
	/** ISO 8601 in the site's zone. */
	date: string;
	/** `YYYY-MM-DD` in the site's zone. */
	day: string;
	year: number;
	month: number;
	updated?: string;
	/** Canonical topic slugs, in the order written, without repeats. */
	topics: string[];
	source?: { name: string; url?: string };
	authors: string[];
	/** Canonical slugs of the people and places named (`Digest.people` / `Digest.places`), in the order written. */
	people: string[];
	places: string[];
	summary: string;
	/** The rendered body (the only raw HTML any layout emits). */
	html: string;
	words: number;
	readingMinutes: number;
	draft: boolean;
	/** From front matter: a forced story id, `false` to stay out of stories, or absent (see src/stories.ts). */
	story?: string | false;
}

export interface Digest {
	site: SiteSettings;
	/** Newest first; ties broken by URL so the order never depends on the file system. */
	articles: Article[];
	/** Every topic any article uses, by slug, sorted by slug. */
	topics: Map<string, Topic>;
	/**
	 * Every person and every place articles name, by slug, sorted by slug: identified like topics (one slug,
	 * one person), named by `people.yaml` / `places.yaml` or else by the most frequent spelling. An article's
	 * `people` and `places` hold these slugs.
	 */
	people: Map<string, Topic>;
	places: Map<string, Topic>;
	/** Things worth saying that do not stop the build (e.g. topics missing from the registry). */
	warnings: string[];
}

export interface LoadOptions {
	/**
	 * Include articles marked `draft: true` (the dev server does).
	 * @default false
	 */
	drafts?: boolean;
	/**
	 * Topics missing from the registry are errors rather than a warning.
	 * @default false
	 */
	strict?: boolean;
	/**
	 * Largest article file accepted, in bytes. A bigger file is reported, not read.
	 * @default 1048576 (1 MiB)
	 */
	maxFileBytes?: number;
	/**
	 * Let raw HTML in Markdown through (off: shown as text).
	 * @default false
	 */
	allowHtml?: boolean;
	/** How paths are shown in problems; defaults to relative to the working directory. */
	displayPath?: (absolute: string) => string;
	/**
	 * Reuse the articles an earlier load parsed, from a content-hash cache on disk (article-cache.ts), and
	 * save this load's for the next; `false` parses every file.
	 * @default {} (the defaults of ArticleCacheOptions)
	 */
	cache?: ArticleCacheOptions | false;
	/**
	 * Threads that parse articles beside this one (parse-pool.ts); small folders always use this one only.
	 * @default one fewer than the machine's cores, at most 3
	 */
	workers?: number;
}

export const loadDefaults = {
	drafts: false,
	strict: false,
	maxFileBytes: 1024 * 1024,
	allowHtml: false,
	cache: {},
	workers: poolDefaults.workers,
} satisfies Omit<Required<LoadOptions>, "displayPath">;

/** Front matter is short; capping it refuses a YAML bomb before the parser sees it. */
const maxFrontMatterBytes = 64 * 1024;
const maxYamlAliases = 50;
const wordsPerMinute = 230;

export const registryFileName = "topics.yaml";
/** Registries of people and places: the same shape as `topics.yaml` (title, description, aliases per slug). */
export const peopleFileName = "people.yaml";
export const placesFileName = "places.yaml";
export const siteFileName = "site.yaml";

export async function loadDigest(articlesDir: string, options: LoadOptions = {}): Promise<Digest> {
	const opts = { ...loadDefaults, ...options };
	const root = path.resolve(articlesDir);
	const show = opts.displayPath ?? defaultDisplayPath;
	const problems: ContentProblem[] = [];

	const rootStat = await stat(root).catch(() => undefined);
	if (!rootStat?.isDirectory()) {
		throw new ContentError([{ path: show(root), line: 1, field: "articles", message: "no such folder" }]);
	}

	const site = await readSettings(path.join(root, siteFileName), siteSettingsSchema, show, problems, {});
	const registry = await readSettings(path.join(root, registryFileName), topicRegistrySchema, show, problems, {});
	const resolver = new TopicResolver(registry ?? {});
	const peopleResolver = new TopicResolver(
		(await readSettings(path.join(root, peopleFileName), topicRegistrySchema, show, problems, {})) ?? {},
	);
	const placesResolver = new TopicResolver(
		(await readSettings(path.join(root, placesFileName), topicRegistrySchema, show, problems, {})) ?? {},
	);
	const settings = site ?? siteSettingsSchema.parse({});

	const { files, links } = await listArticleFiles(root);
	for (const link of links) {
		problems.push({
			path: show(path.join(root, link)),
			line: 1,
			field: "file",
			message: "is a symbolic link, which the build does not follow: copy the article here instead",
		});
	}
	const outcomes = await parseFiles(root, files, { zone: settings.zone, allowHtml: opts.allowHtml, maxFileBytes: opts.maxFileBytes }, opts);
	const articles: Article[] = [];
	files.forEach((file, index) => {
		const { article, problems: found } = outcomes[index] ?? { problems: [] };
		for (const problem of found) problems.push({ path: show(path.join(root, file)), ...problem });
		if (!article) return;
		// Resolved here, in file order, whichever thread parsed the file: a topic is named by counting its
		// spellings over every article. A new object, as the parsed one may be shared with the cache.
		const topics = [...new Set(article.topics.map((topic) => resolver.resolve(topic)))];
		if (!opts.drafts && article.draft) return;
		// People and places only of articles that are built: each one has a page, never an empty one.
		const people = [...new Set(article.people.map((name) => peopleResolver.resolve(name)))];
		const places = [...new Set(article.places.map((name) => placesResolver.resolve(name)))];
		articles.push({ ...article, topics, people, places });
	});

	const byUrl = new Map<string, Article[]>();
	for (const article of articles) byUrl.set(article.url, [...(byUrl.get(article.url) ?? []), article]);
	for (const [url, same] of byUrl) {
		if (same.length < 2) continue;
		for (const article of same) {
			const others = same.filter((other) => other !== article).map((other) => show(path.join(root, other.file)));
			problems.push({
				path: show(path.join(root, article.file)),
				line: 1,
				field: "url",
				message: `${url} is also the URL of ${others.join(", ")}`,
			});
		}
	}

	const topics = resolver.topics();
	const unregistered = [...topics.values()].filter((topic) => !topic.registered);
	const warnings: string[] = [];
	if (unregistered.length > 0) {
		const names = unregistered
			.slice(0, 5)
			.map((topic) => topic.slug)
			.join(", ");
		const message = `${unregistered.length} topic${unregistered.length === 1 ? " is" : "s are"} not in ${registryFileName}: ${names}${unregistered.length > 5 ? ", …" : ""}`;
		if (opts.strict) problems.push({ path: show(path.join(root, registryFileName)), line: 1, field: "topics", message });
		else warnings.push(message);
	}

	if (problems.length > 0) throw new ContentError(problems);
	articles.sort(newestFirst);
	return { site: settings, articles, topics, people: peopleResolver.topics(), places: placesResolver.topics(), warnings };
}

export const newestFirst = (a: Article, b: Article): number =>
	a.date < b.date ? 1 : a.date > b.date ? -1 : a.url < b.url ? -1 : a.url > b.url ? 1 : 0;

const defaultDisplayPath = (absolute: string): string => {
	const relative = path.relative(process.cwd(), absolute);
	return relative.startsWith("..") ? absolute : relative;
};

/**
 * The article files, and the symbolic links that would have been articles or folders of them: links are
 * not followed (one could point anywhere on the machine), but they are reported, never silently skipped.
 */
async function listArticleFiles(root: string): Promise<{ files: string[]; links: string[] }> {
	const entries = await readdir(root, { recursive: true, withFileTypes: true });
	const visible = entries
		.map((entry) => ({ entry, file: path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join("/") }))
		.filter(({ file }) => !file.split("/").some((part) => part.startsWith(".") || part === "node_modules"));
	const isArticle = (name: string) => /\.(md|markdown)$/i.test(name);
	const files = visible.filter(({ entry }) => entry.isFile() && isArticle(entry.name)).map(({ file }) => file);
	const links: string[] = [];
	for (const { entry, file } of visible) {
		if (!entry.isSymbolicLink()) continue;
		const target = await stat(path.join(root, file)).catch(() => undefined);
		if (isArticle(entry.name) || target?.isDirectory()) links.push(file);
	}
	return { files: files.sort(), links: links.sort() };
}

async function readSettings<T extends z.ZodType>(
	file: string,
	schema: T,
	show: (absolute: string) => string,
	problems: ContentProblem[],
	fallback: unknown,
): Promise<z.output<T> | undefined> {
	const source = await readFile(file, "utf8").catch(() => undefined);
	const lineCounter = new LineCounter();
	const doc = source === undefined ? undefined : parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: false });
	if (doc && doc.errors.length > 0) {
		for (const error of doc.errors) {
			const at = lineCounter.linePos(error.pos[0]);
			problems.push({ path: show(file), line: at.line, field: "yaml", message: `${firstLine(error.message)} (column ${at.col})` });
		}
		return undefined;
	}
	let data: unknown = fallback;
	try {
		if (doc) data = doc.toJS({ maxAliasCount: maxYamlAliases }) ?? {};
	} catch (error) {
		// An alias bomb in site.yaml or topics.yaml is refused like one in an article.
		problems.push({ path: show(file), line: 1, field: "yaml", message: firstLine((error as Error).message) });
		return undefined;
	}
	const result = schema.safeParse(data);
	if (result.success) return result.data;
	for (const issue of result.error.issues) {
		problems.push({
			path: show(file),
			line: doc ? lineOfPath(doc, lineCounter, issue.path) : 1,
			field: issue.path.join(".") || "file",
			message: issue.message,
		});
	}
	return undefined;
}

/** What parsing a file depends on besides the file: the same for every thread of one load. */
export interface ParseSettings {
	zone: string;
	allowHtml: boolean;
	maxFileBytes: number;
}

export interface ParseContext extends ParseSettings {
	md: MarkdownIt;
	/** Front-matter dates already read: a digest has many articles a day. */
	dates: Map<string, DateReading>;
}

type DateReading = { ok: true; iso: string; day: string; year: number; month: number } | { ok: false; message: string };

export const createParseContext = (settings: ParseSettings): ParseContext => ({
	...settings,
	md: createMarkdown({ allowHtml: settings.allowHtml }),
	dates: new Map(),
});

/** A problem in one file; the caller adds the path, shown its own way. */
export type FileProblem = Omit<ContentProblem, "path">;

/** A valid file gives an article whose `topics` are the spellings as written (loadDigest resolves them). */
export interface ParseOutcome {
	article?: Article;
	problems: FileProblem[];
}

/** Reads every file, takes what the cache has, and parses the rest on the parse pool; outcomes in file order. */
async function parseFiles(
	root: string,
	files: readonly string[],
	settings: ParseSettings,
	opts: { cache: ArticleCacheOptions | false; workers: number },
): Promise<ParseOutcome[]> {
	const useCache = opts.cache && files.length >= (opts.cache.minFiles ?? articleCacheDefaults.minFiles);
	const cache = useCache
		? await ArticleCache.open<Article>(root, `${await parserFingerprint()}${JSON.stringify(settings)}`, opts.cache || {})
		: undefined;
	const contents = readAll(
		files.map((file) => path.join(root, file)),
		settings.maxFileBytes,
	);
	const outcomes = new Array<ParseOutcome>(files.length);
	const jobs: ParseJob[] = [];
	const waiting: { index: number; key?: string }[] = [];
	files.forEach((file, index) => {
		const bytes = contents[index] as Uint8Array | number;
		if (typeof bytes === "number") {
			outcomes[index] = { problems: [overSizeLimit(bytes, settings.maxFileBytes)] };
			return;
		}
		const key = cache?.keyOf(file, bytes);
		const cached = key === undefined ? undefined : cache?.get(key);
		if (cached) outcomes[index] = { article: cached, problems: [] };
		else {
			jobs.push({ file, bytes });
			waiting.push({ index, key });
		}
	});
	const context = jobs.length > 0 ? createParseContext(settings) : undefined;
	const parsed = await parseInPool(jobs, (job) => parseArticle(job.file, job.bytes, context as ParseContext), parseWorkerModule, settings, {
		workers: opts.workers,
	});
	parsed.forEach((outcome, job) => {
		const { index, key } = waiting[job] as { index: number; key?: string };
		outcomes[index] = outcome;
		if (key !== undefined && outcome.article) cache?.set(key, outcome.article);
	});
	await cache?.save();
	return outcomes;
}

const parseWorkerModule = new URL(`./parse-worker${path.extname(fileURLToPath(import.meta.url))}`, import.meta.url);

/** The code a parsed article depends on, for the cache key (see codeFingerprint). */
let fingerprint: Promise<string> | undefined;
const parserFingerprint = () =>
	(fingerprint ??= codeFingerprint(
		[import.meta.url, "./schema.ts", "./dates.ts", "./slugs.ts", "../markdown.ts", "../../package-lock.json"].map(
			(file) => new URL(file.replace(/\.ts$/, path.extname(fileURLToPath(import.meta.url))), import.meta.url),
		),
	));

/**
 * Reads every file with blocking calls, one after the other. Article files are small, and for small
 * files each asynchronous call's round trip through libuv's thread pool costs more than the read: for
 * 10,000 articles (npm run bench) 32 reads in flight took 3.0–3.4 s, these 0.35–0.45 s. A file over
 * `maxBytes` is not read at all (a huge file would exhaust memory): its size stands in.
 */
function readAll(files: readonly string[], maxBytes: number): (Buffer | number)[] {
	return files.map((file) => {
		const descriptor = openSync(file, "r");
		try {
			const { size } = fstatSync(descriptor);
			return size > maxBytes ? size : readFileSync(descriptor);
		} finally {
			closeSync(descriptor);
		}
	});
}

/** Reads a front-matter date once per distinct spelling. */
function readDate(ctx: ParseContext, raw: string): DateReading {
	let reading = ctx.dates.get(raw);
	if (!reading) {
		const parsed = parseArticleDate(raw, ctx.zone);
		reading = parsed.ok
			? { ok: true, iso: parsed.value.toISO() ?? "", day: isoDay(parsed.value), year: parsed.value.year, month: parsed.value.month }
			: parsed;
		ctx.dates.set(raw, reading);
	}
	return reading;
}

const overSizeLimit = (size: number, limit: number): FileProblem => ({
	line: 1,
	field: "file",
	message: `${size} bytes is over the ${limit}-byte limit (raise it with --max-file-size)`,
});

/** Parses one file's bytes; never throws for bad content, it reports. */
export function parseArticle(file: string, bytes: Uint8Array, ctx: ParseContext): ParseOutcome {
	const problems: FileProblem[] = [];
	const report = (line: number, field: string, message: string) => problems.push({ line, field, message });

	if (bytes.length > ctx.maxFileBytes) return { problems: [overSizeLimit(bytes.length, ctx.maxFileBytes)] };
	let text: string;
	try {
		text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
	} catch {
		report(lineOfFirstBadByte(bytes), "file", "is not valid UTF-8 text");
		return { problems };
	}
	text = text.replace(/\r\n?/g, "\n");

	const opening = /^---[ \t]*\n/.exec(text);
	if (!opening) {
		report(1, "front matter", "the file must start with a --- line opening the YAML front matter");
		return { problems };
	}
	const closing = /\n---[ \t]*(\n|$)/.exec(text.slice(opening[0].length - 1));
	if (!closing) {
		report(1, "front matter", "the front matter opened on line 1 is never closed with a --- line");
		return { problems };
	}
	const frontMatterLength = closing.index + 1;
	if (frontMatterLength > maxFrontMatterBytes) {
		report(1, "front matter", `is ${frontMatterLength} bytes, over the ${maxFrontMatterBytes}-byte limit`);
		return { problems };
	}

	// gray-matter splits the file; `yaml` parses it (YAML 1.2 core schema: dates stay strings, aliases are
	// capped, duplicate keys are errors) and keeps node positions for line numbers.
	const lineCounter = new LineCounter();
	let doc: Document.Parsed | undefined;
	let firstYamlLine = 2;
	const parsed = matter(text, {
		engines: {
			yaml: (source: string) => {
				// gray-matter hands over the text after the opening `---`, newline included or not.
				firstYamlLine = source.startsWith("\n") ? 1 : 2;
				doc = parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: false });
				return {};
			},
		},
	});
	if (!doc) {
		report(1, "front matter", "could not be read");
		return { problems };
	}
	const fileLine = (yamlLine: number) => firstYamlLine - 1 + yamlLine;
	const lineOf = (key: string) => fileLine(lineOfPath(doc!, lineCounter, [key]));
	if (doc.errors.length > 0) {
		for (const error of doc.errors) {
			const at = lineCounter.linePos(error.pos[0]);
			report(fileLine(at.line), "front matter", `${firstLine(error.message)} (column ${at.col})`);
		}
		return { problems };
	}
	let data: unknown;
	try {
		data = doc.toJS({ maxAliasCount: maxYamlAliases });
	} catch (error) {
		report(1, "front matter", firstLine((error as Error).message));
		return { problems };
	}
	if (data === null || data === undefined) data = {};
	if (typeof data !== "object" || Array.isArray(data)) {
		report(2, "front matter", "must be a mapping of fields (key: value)");
		return { problems };
	}

	const { record, keyOf } = canonicalFrontMatter(data as Record<string, unknown>);
	const fileName = path.basename(file);
	if (record.date === undefined && dateFromFileName(fileName)) record.date = dateFromFileName(fileName);
	const result = frontMatterSchema.safeParse(record);
	if (!result.success) {
		for (const issue of result.error.issues) {
			const field = String(issue.path[0] ?? "front matter");
			const key = keyOf[field] ?? field;
			const line = keyOf[field] || field in record ? lineOf(key) : 1;
			report(line, issue.path.length > 1 ? [key, ...issue.path.slice(1)].join(".") : key, issue.message);
		}
		return { problems };
	}
	const fm = result.data;

	const date = readDate(ctx, fm.date);
	if (!date.ok) report(keyOf.date ? lineOf(keyOf.date) : 1, keyOf.date ?? "date", date.message);
	const updated = fm.updated === undefined ? undefined : readDate(ctx, fm.updated);
	if (updated && !updated.ok) report(lineOf("updated"), "updated", updated.message);
	if (!date.ok || (updated && !updated.ok)) return { problems };

	const body = parsed.content;
	const slug = fm.slug ? slugFor(fm.slug) : slugFromFileName(fileName);
	const words = countWords(body);
	const rendered = renderWithFirstParagraph(ctx.md, body);
	const article: Article = {
		file,
		title: fm.title,
		slug,
		url: `/articles/${date.day.slice(0, 4)}/${date.day.slice(5, 7)}/${slug}/`,
		date: date.iso,
		day: date.day,
		year: date.year,
		month: date.month,
		updated: updated?.ok ? updated.iso || undefined : undefined,
		topics: fm.topics,
		source: fm.source,
		authors: fm.authors ?? [],
		people: fm.people ?? [],
		places: fm.places ?? [],
		summary: fm.summary || rendered.firstParagraph,
		html: rendered.html,
		words,
		readingMinutes: Math.max(1, Math.round(words / wordsPerMinute)),
		draft: fm.draft,
		story: fm.story,
	};
	return { article, problems };
}

/** The 1-based line (within the YAML text) of the node at `keyPath`, or of the document's start. */
function lineOfPath(doc: Document.Parsed, lineCounter: LineCounter, keyPath: readonly PropertyKey[]): number {
	let node: unknown = doc.contents;
	let line = 1;
	for (const key of keyPath) {
		if (!isMap(node)) break;
		const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(key));
		if (!pair) break;
		const range = (isScalar(pair.key) ? pair.key.range : undefined) ?? undefined;
		if (range) line = lineCounter.linePos(range[0]).line;
		node = pair.value;
	}
	return line;
}

function lineOfFirstBadByte(bytes: Uint8Array): number {
	let line = 1;
	for (let i = 0; i < bytes.length; i++) {
		const byte = bytes[i] ?? 0;
		if (byte === 0x0a) line++;
		if (byte < 0x80) continue;
		const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 0;
		try {
			new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(i, i + (length || 1)));
			i += length - 1;
		} catch {
			return line;
		}
	}
	return line;
}

const firstLine = (message: string): string => message.split("\n")[0]?.trim() ?? message;
