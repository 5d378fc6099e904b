/**
 * Reads a folder of articles into a validated, typed digest. Every problem in every file is collected
 * before anything is reported, so an editor fixes a whole batch in one pass; an invalid article is never
 * skipped silently — it makes the load fail.
 */
import { closeSync, fstatSync, openSync, readFileSync } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { MarkdownIt } from "markdown-it";
import { LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { countWords, createMarkdown, hasSearchableText } from "./markdown.ts";
import { ArticleCache, type ArticleCacheOptions, articleCacheDefaults, codeFingerprint } from "./article-cache.ts";
import { dateFromLocation, isoDay, parseArticleDate } from "./dates.ts";
import { readFrontMatter, yamlLineOf } from "./front-matter.ts";
import { readAuthorNames } from "./authors-file.ts";
import { type BodyRefs, renderBody } from "./body.ts";
import { type LeadImage, type MediaFile, resolveBodies } from "./media.ts";
import { type ParseJob, parseInPool, poolDefaults, startParseWorkers } from "./parse-pool.ts";
import type { ParsedFiles } from "./parsed-files.ts";
import { type ContentProblem, ContentError } from "./problems.ts";
import { detectLanguage, languageFromFileName, withoutFileLanguage } from "./language.ts";
import { canonicalFrontMatter, frontMatterSchema } from "./schema.ts";
import { type SiteSettings, siteSettingsSchema } from "./site.ts";
import { slugFor, slugFromFileName } from "./slugs.ts";
import { type SiteLayout, siteLayout } from "./site-layout.ts";
import { configReport, readEngineConfig } from "./engine-config.ts";
import type { FileTally, SkipReason } from "./tally.ts";
import { expandPattern, jekyllCategories, reservedProblem, type SitePath, sitePath } from "./urls.ts";
import { type Topic, TopicResolver, topicRegistrySchema } from "./topics.ts";
import { type ContentWarning, type FileWarning, warningKinds } from "./warnings.ts";

/** An article as every layout, feed and index receives it. */
export interface Article {
	/** The source file, relative to the articles folder, with `/` separators. */
	file: string;
	title: string;
	/**
	 * The article's language (BCP 47): its `lang`, else its file name's (`name.ru.md`), else the site's
	 * `language`, else detected from its text, else English.
	 */
	lang: string;
	/** The same article in other languages (see `linkTranslations`), by language tag; empty when it has none. */
	translations: { lang: string; url: string }[];
	/** Hugo's `translationKey`: articles sharing it are translations of each other, whatever their URLs. */
	translationKey?: string;
	slug: string;
	/**
	 * The page's URL without the path prefix, always a folder (`/…/`): the site's `permalink` pattern
	 * (default `/articles/YYYY/MM/DD/slug/`), or the article's own `permalink`.
	 */
	url: string;
	/** Old URLs that redirect here (`aliases`, `redirect_from`, an `.html` permalink's written form), normalised:
	 * `/a/b/` (written as `a/b/index.html`) or `/a/b.html` (that very file). */
	aliases: string[];
	/** ISO 8601 in the site's zone. */
	date: string;
	/** `YYYY-MM-DD` in the site's zone. */
	day: string;
	year: number;
	month: number;
	updated?: string;
	/** ISO 8601: the article is held back until then (loadDigest decides, against its `now`). */
	publishDate?: string;
	/** ISO 8601: the article is left out from then on. */
	expiryDate?: string;
	/** Canonical topic slugs, in the order written, without repeats; may be empty. */
	topics: string[];
	source?: { name: string; url?: string };
	authors: string[];
	/** Canonical slugs of the people and places named (`Digest.people` / `Digest.places`), in the order written. */
	people: string[];
	places: string[];
	summary: string;
	/** The lead image as written (`image`, `images[0]`, `cover`, `featured_image`, `coverImage`): a file
	 * beside the article or a URL; the media pass resolves it. */
	image?: string;
	/** The lead image found from `image`: shown atop the article, in `og:image`, JSON-LD and the feeds. */
	leadImage?: LeadImage;
	/** The rendered body (the only raw HTML any layout emits). */
	html: string;
	words: number;
	readingMinutes: number;
	draft: boolean;
	/** Jekyll's `published: false`: a draft by another name, counted apart in the report. */
	unpublished?: true;
	/** What the body points at, left as markers in `html` by the parser; the media pass resolves and removes it. */
	body?: BodyRefs;
	/** File lines of what later passes may report on: where the body starts, and the fields' keys. */
	lines: { body: number; image?: number; aliases?: number; permalink?: number };
	/** From front matter: a forced story id, `false` to stay out of stories, or absent (see src/model/stories.ts). */
	story?: string | false;
}

export interface Digest {
	site: SiteSettings;
	/** Newest first; ties broken by URL so the order never depends on the file system. */
	articles: Article[];
	/** Every topic any article uses, by slug, sorted by slug. */
	topics: Map<string, Topic>;
	/** Things worth saying that do not stop the build, in file order (summed up by summariseWarnings). */
	warnings: ContentWarning[];
	/** Files of the articles folder the site publishes (images, PDFs, bundles' files), by site path. */
	media: MediaFile[];
	/**
	 * Every person and every place articles name, by slug, sorted by slug: identified like topics (one slug,
	 * one person), named by `people.yaml` / `places.yaml` or else by the most frequent spelling. An article's
	 * `people` and `places` hold these slugs.
	 */
	people: Map<string, Topic>;
	places: Map<string, Topic>;
	/** How every Markdown file of the folder came out: published, skipped (by reason) or refused. */
	tally?: FileTally;
	/** What was read from the site's engine configuration, when the folder is a Hugo, Jekyll, Zola or Docusaurus site
	 * (`read hugo.toml: title, language ru, permalinks, static/ and themes/x/static/`). */
	engineConfig?: string;
}

export interface LoadOptions {
	/**
	 * Include articles marked `draft: true` (the dev server does).
	 * @default false
	 */
	drafts?: boolean;
	/**
	 * The warnings docs/content.md names as such (`warningKinds[kind].strict`: articles without topics, topics missing
	 * from the registry) are errors.
	 * @default false
	 */
	strict?: boolean;
	/**
	 * Largest article file accepted, in bytes. A bigger file is reported, not read.
	 * @default 1048576 (1 MiB)
	 */
	maxFileBytes?: number;
	/**
	 * Let raw HTML in Markdown through, sanitised (`false`: shown as text).
	 * @default what site.yaml's `rawHtml` says: `sanitize` unless it is `escape`
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
	 * What this process remembers of the files an earlier load parsed (the dev server keeps one across
	 * rebuilds): once filled, unchanged files are known by their timestamps, not read (parsed-files.ts).
	 */
	memory?: ParsedFiles<CachedParse>;
	/**
	 * Threads that parse articles beside this one (parse-pool.ts); small folders always use this one only.
	 * @default one fewer than the machine's cores, at most 3
	 */
	workers?: number;
	/**
	 * Include scheduled articles (a `publishDate` or `date` after `now`), as the dev server and `--future` do.
	 * @default false
	 */
	future?: boolean;
	/**
	 * The moment scheduled and expiring articles are judged against (ISO 8601): tests and reproducible
	 * builds set it; else the `TOPIC_DIGEST_NOW` environment variable, else the current time.
	 */
	now?: string;
}

export const loadDefaults = {
	drafts: false,
	future: false,
	strict: false,
	maxFileBytes: 1024 * 1024,
	cache: {},
	workers: poolDefaults.workers,
} satisfies Omit<Required<LoadOptions>, "displayPath" | "now" | "memory" | "allowHtml">;

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

	// The engine's own configuration first; site.yaml wins field by field.
	const engineConfig = await readEngineConfig(root);
	const site = await readSettings(path.join(root, siteFileName), siteSettingsSchema, show, problems, engineConfig?.settings ?? {});
	const registry = await readSettings(path.join(root, registryFileName), topicRegistrySchema, show, problems, {});
	const resolver = new TopicResolver(registry ?? {});
	const peopleResolver = new TopicResolver(
		(await readSettings(path.join(root, peopleFileName), topicRegistrySchema, show, problems, {})) ?? {},
	);
	const placesResolver = new TopicResolver(
		(await readSettings(path.join(root, placesFileName), topicRegistrySchema, show, problems, {})) ?? {},
	);
	const settings = site ?? siteSettingsSchema.parse({});

	const layout = await siteLayout(root, engineConfig);
	const { files, links, others, pages, sections, resources } = await listArticleFiles(root, layout);
	for (const link of links) {
		problems.push({
			path: show(path.join(root, link)),
			line: 1,
			field: "file",
			message: "is a symbolic link, which the build does not follow: copy the article here instead",
		});
	}
	const parseSettings: ParseSettings = {
		zone: settings.zone,
		allowHtml: opts.allowHtml ?? settings.rawHtml !== "escape",
		embeds: settings.embeds,
		maxFileBytes: opts.maxFileBytes,
		permalink: settings.permalink,
		language: settings.language,
		languageGiven: settings.languageGiven,
		datelessArePages: layout.engine !== "plain",
		draftsFolder: layout.engine === "jekyll" ? "_drafts" : "",
		bareFilesArePages: layout.engine === "hugo",
	};
	const outcomes = await parseFiles(root, files, parseSettings, opts);
	const authorNames = await readAuthorNames(root, others);
	const now = nowOf(opts.now);
	// What the site's own engine is set to publish that it would otherwise hold back (hugo.toml's buildFuture…).
	const publishes = engineConfig?.publishes ?? {};
	const articles: Article[] = [];
	const pageWhere = layout.engine === "jekyll" ? " (outside _posts/)" : "";
	const warnings: ContentWarning[] = pages.map((page) => ({
		kind: "not-article",
		path: show(path.join(root, page)),
		line: 1,
		message: `is one of the site's pages${pageWhere}, not an article, and left out`,
	}));
	for (const note of engineConfig?.notes ?? [])
		warnings.push({ kind: "engine-setting", path: show(path.join(root, engineConfig?.file ?? "")), message: note });
	const skipped: Partial<Record<SkipReason, number>> = {};
	const skip = (reason: SkipReason, count = 1) => {
		if (count > 0) skipped[reason] = (skipped[reason] ?? 0) + count;
	};
	skip("page", pages.length);
	skip("section", sections.length);
	skip("resource", resources.length);
	files.forEach((file, index) => {
		const { article, problems: found, warnings: noted, skipped: reason } = outcomes[index] ?? { problems: [], warnings: [] };
		for (const problem of found) problems.push({ path: show(path.join(root, file)), ...problem });
		// A draft the engine is set to publish is published as any article, by `build` and `check` alike.
		const draft = article
			? (article.draft || layout.isDraft(file)) && !(article.unpublished ? publishes.unpublished : publishes.drafts)
			: false;
		const leftOut: SkipReason | undefined = !article
			? reason
			: draft && !opts.drafts
				? article.unpublished
					? "unpublished"
					: "draft"
				: !opts.future && !publishes.future && isScheduled(article, now)
					? "scheduled"
					: !publishes.expired && isExpired(article, now)
						? "expired"
						: undefined;
		// "On every page except topic pages" is untrue of an article that is on none.
		const told = article && leftOut ? noted.filter((warning) => warning.kind !== "no-topics") : noted;
		if (found.length === 0) for (const warning of told) warnings.push({ path: show(path.join(root, file)), ...warning });
		if (found.length === 0 && leftOut) skip(leftOut);
		if (!article || leftOut) return;
		// Resolved here, in file order, whichever thread parsed the file: a topic is named by counting its
		// spellings over every article. A new object, as the parsed one may be shared with the cache.
		const topics = [...new Set(article.topics.map((topic) => resolver.resolve(topic)))];
		// People and places only of articles that are built: each one has a page, never an empty one.
		const people = [...new Set(article.people.map((name) => peopleResolver.resolve(name)))];
		const places = [...new Set(article.places.map((name) => placesResolver.resolve(name)))];
		const authors = authorNames(file, article.authors);
		articles.push({ ...article, draft, topics, people, places, authors });
	});

	linkTranslations(articles, settings.language);
	problems.push(...urlCollisions(articles, (file) => show(path.join(root, file))));
	// What bodies point at (other articles, images and files of the folder) is resolved once all are known.
	let media: MediaFile[] = [];
	if (problems.length === 0) {
		const resolved = resolveBodies(root, articles, new Set(others), show, { staticDirs: layout.staticDirs });
		articles.splice(0, articles.length, ...resolved.articles);
		warnings.push(...resolved.warnings);
		media = resolved.media;
	}

	const topics = resolver.topics();
	const unregistered = [...topics.values()].filter((topic) => !topic.registered);
	if (unregistered.length > 0) {
		const names = unregistered
			.slice(0, 5)
			.map((topic) => topic.slug)
			.join(", ");
		const message = `${unregistered.length} topic${unregistered.length === 1 ? " is" : "s are"} not in ${registryFileName}: ${names}${unregistered.length > 5 ? ", …" : ""}`;
		warnings.push({ kind: "unregistered-topic", message });
	}

	// --strict: the kinds docs/content.md names become problems, reported like any other (`path:line: field: what`).
	const kept = opts.strict ? warnings.filter((warning) => !warningKinds[warning.kind].strict) : warnings;
	if (opts.strict) {
		for (const warning of warnings) {
			if (!warningKinds[warning.kind].strict) continue;
			// A digest-wide warning (topics missing from the registry) is the registry's problem.
			const file = warning.path ?? show(path.join(root, registryFileName));
			problems.push({ path: file, line: warning.line ?? 1, field: strictField[warning.kind] ?? warning.kind, message: warning.message });
		}
	}

	// Every Markdown file counted once: a file with a problem is refused, whatever else it was.
	const refusedFiles = new Set(problems.map((problem) => problem.path));
	const isRefused = (file: string) => refusedFiles.size > 0 && refusedFiles.has(show(path.join(root, file)));
	const listed = [...files, ...links.filter(isMarkdown), ...pages, ...sections, ...resources];
	const refused = refusedFiles.size === 0 ? 0 : listed.filter(isRefused).length;
	const published = articles.filter((article) => !isRefused(article.file)).length;
	const tally: FileTally = { files: listed.length, published, skipped, refused };
	if (problems.length > 0) throw new ContentError(problems, tally);
	articles.sort(newestFirst);
	return {
		site: settings,
		articles,
		topics,
		people: peopleResolver.topics(),
		places: placesResolver.topics(),
		warnings: kept,
		media,
		tally,
		...(engineConfig ? { engineConfig: configReport(engineConfig) } : {}),
	};
}

/** The moment scheduling is judged against, in milliseconds (see LoadOptions.now). */
function nowOf(now: string | undefined): number {
	const given = now ?? process.env.TOPIC_DIGEST_NOW;
	if (given === undefined || given === "") return Date.now();
	const parsed = Date.parse(given);
	if (Number.isNaN(parsed)) {
		throw new ContentError([{ path: "TOPIC_DIGEST_NOW", line: 1, field: "now", message: `"${given}" is not an ISO 8601 moment` }]);
	}
	return parsed;
}

/** Hugo's rule: held back until its `publishDate`, or its `date` when that is in the future. */
const isScheduled = (article: Article, now: number): boolean =>
	Date.parse(article.publishDate ?? article.date) > now || Date.parse(article.date) > now;
const isExpired = (article: Article, now: number): boolean => article.expiryDate !== undefined && Date.parse(article.expiryDate) <= now;

/**
 * Every URL two articles would both write, including old URLs: an article page shared by two articles,
 * an old URL shared by two, and an old URL that is a live article's page. Each problem names the other
 * file and says what to set.
 */
function urlCollisions(articles: readonly Article[], show: (file: string) => string): ContentProblem[] {
	const problems: ContentProblem[] = [];
	const pages = new Map<string, Article[]>();
	for (const article of articles) {
		const same = pages.get(article.url);
		if (same) same.push(article);
		else pages.set(article.url, [article]);
	}
	for (const [url, same] of pages) {
		if (same.length < 2) continue;
		for (const article of same) {
			const others = same.filter((other) => other !== article).map((other) => show(other.file));
			problems.push({
				path: show(article.file),
				line: article.lines.permalink ?? 1,
				field: "url",
				message: `${url} is also the URL of ${others.join(", ")}; give one of them its own slug or permalink`,
			});
		}
	}
	const redirects = new Map<string, Article[]>();
	for (const article of articles) {
		for (const alias of article.aliases) {
			const same = redirects.get(alias);
			if (same) same.push(article);
			else redirects.set(alias, [article]);
		}
	}
	for (const [alias, same] of redirects) {
		const live = pages.get(alias)?.[0] ?? pages.get(alias.replace(/\/index\.html?$/i, "/"))?.[0];
		for (const article of same) {
			const line = article.lines.aliases ?? 1;
			if (live) {
				problems.push({
					path: show(article.file),
					line,
					field: "aliases",
					message: `${alias} is the page of ${live === article ? "this article" : show(live.file)}, so it cannot redirect; remove it from the aliases`,
				});
			} else if (same.length > 1) {
				const others = same.filter((other) => other !== article).map((other) => show(other.file));
				problems.push({
					path: show(article.file),
					line,
					field: "aliases",
					message: `${alias} is also an old URL of ${others.join(", ")}; keep it on one article only`,
				});
			}
		}
	}
	return problems;
}

/**
 * Translations: articles in different languages that would have one URL (Hugo's `riyadh.md` beside
 * `riyadh.ru.md`, a bundle's `index.en.md` beside `index.uk.md`), or that share Hugo's `translationKey`,
 * are the same article in several languages. Of those at one URL, the one in the site's language keeps
 * it (else the first by language tag) and each other one is published under its language,
 * `/ru/articles/2025/02/18/riyadh/`. Each lists the others, and together they are one story unless one of
 * them names its own. Two articles of one language at one URL, or under one key, are not translations:
 * `urlCollisions` reports the former.
 */
export function linkTranslations(articles: Article[], siteLanguage: string): void {
	const groups: number[][] = [];
	const byUrl = new Map<string, number[]>();
	articles.forEach((article, index) => {
		const same = byUrl.get(article.url);
		if (same) same.push(index);
		else byUrl.set(article.url, [index]);
	});
	const distinctLanguages = (indexes: number[]) => new Set(indexes.map((index) => articles[index]?.lang)).size === indexes.length;
	for (const [url, indexes] of byUrl) {
		if (indexes.length < 2 || !distinctLanguages(indexes)) continue;
		const ordered = [...indexes].sort((a, b) => {
			const [x, y] = [articles[a] as Article, articles[b] as Article];
			return x.lang === siteLanguage ? -1 : y.lang === siteLanguage ? 1 : x.lang < y.lang ? -1 : 1;
		});
		ordered.forEach((index, place) => {
			const article = articles[index] as Article;
			if (place > 0) articles[index] = { ...article, url: `/${article.lang.toLowerCase()}${url}` };
		});
		groups.push(ordered);
	}
	const byKey = new Map<string, number[]>();
	articles.forEach((article, index) => {
		if (article.translationKey === undefined) return;
		const same = byKey.get(article.translationKey);
		if (same) same.push(index);
		else byKey.set(article.translationKey, [index]);
	});
	for (const indexes of byKey.values()) {
		if (indexes.length < 2 || !distinctLanguages(indexes)) continue;
		// A key joins whole groups: an article already a translation by its URL brings its group along.
		const joined = groups.filter((group) => group.some((index) => indexes.includes(index)));
		const merged = [...new Set([...indexes, ...joined.flat()])];
		if (!distinctLanguages(merged)) continue;
		for (const group of joined) groups.splice(groups.indexOf(group), 1);
		groups.push(merged);
	}
	for (const group of groups) {
		const members = group.map((index) => articles[index] as Article);
		const story = members.find((article) => typeof article.story === "string")?.story ?? `translations:${members[0]?.url}`;
		group.forEach((index) => {
			const article = articles[index] as Article;
			articles[index] = {
				...article,
				translations: members
					.filter((other) => other !== article)
					.map((other) => ({ lang: other.lang, url: other.url }))
					.sort((a, b) => (a.lang < b.lang ? -1 : 1)),
				story: article.story === false ? false : story,
			};
		});
	}
}

/** The field a strict warning is reported under when --strict makes it a problem. */
const strictField: Partial<Record<ContentWarning["kind"], string>> = { "no-topics": "topics", "unregistered-topic": "topics" };

export const newestFirst = (a: Article, b: Article): number =>
	a.date < b.date ? 1 : a.date > b.date ? -1 : a.url < b.url ? -1 : a.url > b.url ? 1 : 0;

const defaultDisplayPath = (absolute: string): string => {
	const relative = path.relative(process.cwd(), absolute);
	return relative.startsWith("..") ? absolute : relative;
};

/** A page bundle's own file: `index.md`, or a translation of it (`index.es.md`, Hugo's way). */
const bundleIndex = /(^|\/)index(\.[a-z]{2,3}([-_][a-z0-9]{2,8})*)?\.(md|mdx|markdown)$/i;

/** The file names this tool reads as Markdown. */
const isMarkdown = (name: string) => /\.(md|mdx|markdown)$/i.test(name);

/**
 * The Markdown files by what they are to the site (articles to parse, the site's pages, section lists,
 * Markdown resources of a page bundle), every other file, and the symbolic links that would have been
 * articles or folders of them: links are not followed (one could point anywhere on the machine), but they
 * are reported, never silently skipped.
 */
async function listArticleFiles(
	root: string,
	layout: SiteLayout,
): Promise<{ files: string[]; links: string[]; others: string[]; pages: string[]; sections: string[]; resources: string[] }> {
	const entries = await readdir(root, { recursive: true, withFileTypes: true });
	const visible = entries
		.map((entry) => ({ entry, file: path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join("/") }))
		.filter(({ file }) => !file.split("/").some((part) => part.startsWith(".") || part === "node_modules"));
	const candidates: string[] = [];
	/** Every other visible regular file (media beside articles, the site's pages and settings, bundles' resources). */
	const others: string[] = [];
	/** Markdown files that are the site's pages by its engine's rule (Jekyll's `about.md`): left out, with a warning. */
	const pages: string[] = [];
	const sections: string[] = [];
	for (const { entry, file } of visible) {
		if (!entry.isFile()) continue;
		const role = isMarkdown(entry.name) ? layout.role(file) : "none";
		if (role === "article") candidates.push(file);
		else {
			others.push(file);
			if (role === "page") pages.push(file);
			else if (role === "section") sections.push(file);
		}
	}
	// Hugo's leaf bundle: every other file of `folder/index.md`'s folder, Markdown too, is a resource of that page.
	const bundleFolders = new Set(
		layout.bundles
			? candidates
					.filter((file) => bundleIndex.test(file))
					.map((file) => path.posix.dirname(file))
					.filter((folder) => folder !== "." && folder !== layout.config?.contentDir)
			: [],
	);
	const inBundle = (file: string) => {
		for (let folder = path.posix.dirname(file); folder !== "."; folder = path.posix.dirname(folder))
			if (bundleFolders.has(folder)) return true;
		return false;
	};
	const files: string[] = [];
	const resources: string[] = [];
	for (const file of candidates) {
		if (!bundleIndex.test(file) && inBundle(file)) {
			resources.push(file);
			others.push(file);
		} else files.push(file);
	}
	const links: string[] = [];
	for (const { entry, file } of visible) {
		if (!entry.isSymbolicLink()) continue;
		const target = await stat(path.join(root, file)).catch(() => undefined);
		// Reported where an article could have been: a Markdown file, or a folder that could hold them.
		if (
			(isMarkdown(entry.name) && layout.role(file) === "article") ||
			(target?.isDirectory() && layout.role(`${file}/article.md`) === "article")
		)
			links.push(file);
	}
	return {
		files: files.sort(),
		links: links.sort(),
		others: others.sort(),
		pages: pages.sort(),
		sections: sections.sort(),
		resources: resources.sort(),
	};
}

/**
 * Reads one YAML settings file of the articles folder against `schema`; every problem goes into `problems`
 * as `path:line: field: what`. A missing file is read as `fallback`.
 */
export async function readSettings<T extends z.ZodType>(
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
		if (doc) {
			const own: unknown = doc.toJS({ maxAliasCount: maxYamlAliases }) ?? {};
			// What the file leaves out comes from `fallback` (the engine's configuration, for site.yaml).
			data = isPlainObject(own) && isPlainObject(fallback) ? { ...fallback, ...own } : own;
		}
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
			line: doc ? yamlLineOf(doc, lineCounter, issue.path) : 1,
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
	/** Hosts whose iframes stay embedded (site.yaml `embeds`). */
	embeds: string[];
	maxFileBytes: number;
	/** The site's URL pattern (site.yaml `permalink`). */
	permalink: string;
	/** The site's language, and whether site.yaml named it (else an article's own language is detected). */
	language: string;
	languageGiven: boolean;
	/** In a Jekyll, Hugo or Zola site a file with no date is one of its pages: left out with a warning, not an error. */
	datelessArePages: boolean;
	/** The folder whose files are drafts by where they are (Jekyll's `_drafts`), or "". */
	draftsFolder: string;
	/** In a Hugo site a file without front matter is an untitled page Hugo publishes, not a post: left out with a warning. */
	bareFilesArePages: boolean;
}

export interface ParseContext extends ParseSettings {
	md: MarkdownIt;
	/** Front-matter dates already read: a digest has many articles a day. */
	dates: Map<string, DateReading>;
}

type DateReading =
	| { ok: true; iso: string; day: string; year: number; month: number; dayOfMonth: number; ignored?: string }
	| { ok: false; message: string };

export const createParseContext = (settings: ParseSettings): ParseContext => ({
	...settings,
	md: createMarkdown({ allowHtml: settings.allowHtml, embeds: settings.embeds }),
	dates: new Map(),
});

/** A problem in one file; the caller adds the path, shown its own way. */
export type FileProblem = Omit<ContentProblem, "path">;

/** A valid file gives an article whose `topics` are the spellings as written (loadDigest resolves them). */
export interface ParseOutcome {
	article?: Article;
	problems: FileProblem[];
	/** Only for a valid article (an invalid one's problems are what matters). */
	warnings: FileWarning[];
	/** Why a valid file is no article, as its engine would publish none for it (empty, headless, template-only, a page). */
	skipped?: SkipReason;
}

/** What the cache keeps of a valid file: its article and its warnings, so a cached load warns the same. */
export type CachedParse = Required<Pick<ParseOutcome, "article" | "warnings">>;

/** Reads every file, takes what the cache has, and parses the rest on the parse pool; outcomes in file order. */
async function parseFiles(
	root: string,
	files: readonly string[],
	settings: ParseSettings,
	opts: { cache: ArticleCacheOptions | false; workers: number; memory?: ParsedFiles<CachedParse> | undefined },
): Promise<ParseOutcome[]> {
	const memory = opts.memory;
	memory?.useSettings(JSON.stringify(settings));
	// After a first load, what the process remembers stands in for the disk cache: only changed files are read.
	const remembering = memory !== undefined && !memory.empty;
	const useCache = !remembering && opts.cache && files.length >= (opts.cache.minFiles ?? articleCacheDefaults.minFiles);
	const cache = useCache
		? await ArticleCache.open<CachedParse>(root, `${await parserFingerprint()}${JSON.stringify(settings)}`, opts.cache || {})
		: undefined;
	// At least this many files will be parsed (those the cache cannot hold): with enough of them, the workers
	// start now and load their modules while the files are read (~0.2 s of a cold load's 10,000 files).
	const uncached = remembering ? 0 : Math.max(0, files.length - (cache?.size ?? 0));
	const started = startParseWorkers(
		parseWorkerModule,
		settings,
		Math.min(opts.workers, Math.floor(uncached / poolDefaults.minJobsPerWorker)),
	);
	const outcomes = new Array<ParseOutcome>(files.length);
	const contents = new Array<Buffer | number>(files.length);
	const jobs: ParseJob[] = [];
	const waiting: { index: number; key?: string }[] = [];
	let context: ParseContext | undefined;
	try {
		files.forEach((file, index) => {
			const absolute = path.join(root, file);
			let read: Buffer | number | undefined;
			const known = remembering ? memory.get(absolute, () => (read = readOne(absolute, settings.maxFileBytes))) : undefined;
			if (known) outcomes[index] = { ...known, problems: [] };
			else contents[index] = read ?? readOne(absolute, settings.maxFileBytes);
		});
		files.forEach((file, index) => {
			const bytes = contents[index];
			if (bytes === undefined) return;
			if (typeof bytes === "number") {
				outcomes[index] = { problems: [overSizeLimit(bytes, settings.maxFileBytes)], warnings: [] };
				return;
			}
			const key = cache?.keyOf(file, bytes);
			const cached = key === undefined ? undefined : cache?.get(key);
			if (cached) outcomes[index] = { ...cached, problems: [] };
			else {
				jobs.push({ file, bytes });
				waiting.push({ index, key });
			}
		});
		context = jobs.length > 0 ? createParseContext(settings) : undefined;
	} catch (error) {
		// A file that vanished while read: the workers started ahead must not keep the process alive.
		await Promise.all(started.map((worker) => worker.terminate()));
		throw error;
	}
	const parsed = await parseInPool(jobs, (job) => parseArticle(job.file, job.bytes, context as ParseContext), parseWorkerModule, settings, {
		workers: opts.workers,
		started,
	});
	parsed.forEach((outcome, job) => {
		const { index, key } = waiting[job] as { index: number; key?: string };
		outcomes[index] = outcome;
		if (key !== undefined && outcome.article) cache?.set(key, { article: outcome.article, warnings: outcome.warnings });
	});
	await cache?.save();
	if (memory) {
		files.forEach((file, index) => {
			const bytes = contents[index];
			const { article, warnings, problems } = outcomes[index] ?? { problems: [] };
			if (bytes instanceof Buffer && article && problems.length === 0)
				memory.set(path.join(root, file), bytes, { article, warnings: warnings ?? [] });
		});
		memory.keepOnly(new Set(files.map((file) => path.join(root, file))));
	}
	return outcomes;
}

/**
 * The parse workers' module: parse-worker.ts (through tsx, as this thread runs), or the compiled module a
 * build compiled ahead puts beside its own (scripts/compiled.mjs defines this name as its URL).
 */
const parseWorkerModule = process.env.TOPIC_DIGEST_COMPILED_PARSE_WORKER
	? new URL(process.env.TOPIC_DIGEST_COMPILED_PARSE_WORKER)
	: new URL(`./parse-worker${path.extname(fileURLToPath(import.meta.url))}`, import.meta.url);

/** The code a parsed article depends on, for the cache key (see codeFingerprint). */
let fingerprint: Promise<string> | undefined;
const parserFingerprint = () =>
	(fingerprint ??= codeFingerprint(
		[
			import.meta.url,
			"./schema.ts",
			"./dates.ts",
			"./slugs.ts",
			"./front-matter.ts",
			"./urls.ts",
			"./language.ts",
			"./warnings.ts",
			"./body.ts",
			"./body-syntax.ts",
			"./template-tags.ts",
			"./mdx.ts",
			"./admonitions.ts",
			"./headings.ts",
			"./markdown.ts",
			"../../package-lock.json",
		].map((file) => new URL(file.replace(/\.ts$/, path.extname(fileURLToPath(import.meta.url))), import.meta.url)),
	));

/**
 * Reads a file with blocking calls. Article files are small, and for small files each asynchronous call's
 * round trip through libuv's thread pool costs more than the read: for 10,000 articles (npm run bench) 32
 * reads in flight took 3.0–3.4 s, one blocking read after the other 0.35–0.45 s. A file over `maxBytes`
 * is not read at all (a huge file would exhaust memory): its size stands in.
 */
function readOne(file: string, maxBytes: number): Buffer | number {
	const descriptor = openSync(file, "r");
	try {
		const { size } = fstatSync(descriptor);
		return size > maxBytes ? size : readFileSync(descriptor);
	} finally {
		closeSync(descriptor);
	}
}

/** Reads a front-matter date once per distinct spelling. */
function readDate(ctx: ParseContext, raw: string): DateReading {
	let reading = ctx.dates.get(raw);
	if (!reading) {
		const parsed = parseArticleDate(raw, ctx.zone);
		reading = parsed.ok
			? {
					ok: true,
					iso: parsed.value.toISO() ?? "",
					day: isoDay(parsed.value),
					year: parsed.value.year,
					month: parsed.value.month,
					dayOfMonth: parsed.value.day,
					...(parsed.ignored ? { ignored: parsed.ignored } : {}),
				}
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
	const warnings: FileWarning[] = [];
	const report = (line: number, field: string, message: string) => problems.push({ line, field, message });

	if (bytes.length > ctx.maxFileBytes) return { problems: [overSizeLimit(bytes.length, ctx.maxFileBytes)], warnings };
	let text: string;
	try {
		text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
	} catch {
		report(lineOfFirstBadByte(bytes), "file", "is not valid UTF-8 text");
		return { problems, warnings };
	}
	text = text.replace(/\r\n?/g, "\n");
	// An empty or one-character file (an editor's slip, a placeholder) holds no page in any engine.
	if (/^\uFEFF?\s*\S?\s*$/.test(text)) {
		warnings.push({ kind: "empty-file", line: 1, message: "is empty: left out" });
		return { problems, warnings, skipped: "empty" };
	}

	const read = readFrontMatter(text, { maxBytes: maxFrontMatterBytes, maxAliases: maxYamlAliases });
	if (!read.ok && read.missing && ctx.bareFilesArePages) {
		warnings.push({ kind: "not-article", line: 1, message: "has no front matter: Hugo makes it an untitled page, not a post; left out" });
		return { problems, warnings, skipped: "page" };
	}
	if (!read.ok) return { problems: read.problems, warnings };
	const notPost = notAPost(read.data);
	if (notPost) return { problems, warnings, skipped: notPost };
	for (const { key, line } of read.repeated ?? [])
		warnings.push({ kind: "repeated-key", line, message: `front matter: "${key}" is given again here; this last value is used` });
	const { record, keyOf } = canonicalFrontMatter(read.data);
	/** The line of the key a field was read from (the opening line when it is absent). */
	const lineOf = (field: string) => {
		const keyPath = keyOf[field];
		return keyPath ? read.lineOf(keyPath) : 1;
	};
	/** The key as the author wrote it (`tags`, `taxonomies.tags`), for problems. */
	const keyName = (field: string) => keyOf[field]?.join(".") ?? field;

	// Dates from elsewhere, in the order docs/content.md gives: Hugo's publishDate, then the file's name and place, then
	// a permalink that starts with the day.
	if (record.date === undefined && record.publishDate !== undefined) {
		record.date = record.publishDate;
		keyOf.date = keyOf.publishDate ?? ["publishDate"];
	}
	// Exporters write an unknown date as an empty string (wordpress-export-to-markdown's drafts).
	if (typeof record.date === "string" && record.date.trim() === "") delete record.date;
	if (record.date === undefined) {
		const located = dateFromLocation(file, typeof record.permalink === "string" ? record.permalink : undefined);
		const draft = record.draft === true || (ctx.draftsFolder !== "" && file.split("/").slice(0, -1).includes(ctx.draftsFolder));
		if (located) record.date = located;
		else if (draft) {
			// Jekyll dates a draft when it is published; until then it has no place on the timeline.
			warnings.push({ kind: "undated-draft", line: 1, message: "is a draft without a date: left out until it has one" });
			return { problems, warnings, skipped: "draft" };
		} else if (ctx.datelessArePages) {
			warnings.push({
				kind: "not-article",
				line: 1,
				message: "has no date: read as one of the site's pages, not an article, and left out",
			});
			return { problems, warnings, skipped: "page" };
		}
	}

	const result = frontMatterSchema.safeParse(record);
	if (!result.success) {
		for (const issue of result.error.issues) {
			const field = String(issue.path[0] ?? "front matter");
			const key = keyName(field);
			report(lineOf(field), issue.path.length > 1 ? [key, ...issue.path.slice(1)].join(".") : key, issue.message);
		}
		return { problems, warnings };
	}
	const fm = result.data;

	const readField = (field: "date" | "updated" | "publishDate" | "expiryDate", value: string | undefined) => {
		if (value === undefined) return undefined;
		const reading = readDate(ctx, value);
		if (!reading.ok) report(lineOf(field), keyName(field), reading.message);
		else if (reading.ignored)
			warnings.push({
				kind: "date-text-ignored",
				line: lineOf(field),
				message: `${keyName(field)}: "${value}" is read as ${reading.iso.replace(".000", "")}; "${reading.ignored}" after it is ignored`,
			});
		return reading.ok ? reading : undefined;
	};
	const date = readField("date", fm.date);
	const updated = readField("updated", fm.updated);
	const publishDate = readField("publishDate", fm.publishDate);
	const expiryDate = readField("expiryDate", fm.expiryDate);

	const parts = file.split("/");
	const fileName = parts.at(-1) ?? file;
	// Hugo's translations: `name.ru.md`, `index.uk.md`; the language is not part of the slug.
	const fileLanguage = languageFromFileName(fileName);
	const plainName = withoutFileLanguage(fileName);
	// A page bundle (`some-slug/index.md`) is named by its folder.
	const bundleFolder = /^index\.(md|mdx|markdown)$/i.test(plainName) && parts.length > 1 ? parts.at(-2) : undefined;
	const slug = fm.slug ? slugFor(fm.slug) : slugFromFileName(bundleFolder ?? plainName);

	let url: string | undefined;
	const aliases: string[] = [];
	if (fm.permalink !== undefined) {
		const own = sitePath(fm.permalink, "page");
		const problem = own.ok ? reservedProblem(own.path) : own.message;
		if (problem !== undefined) report(lineOf("permalink"), keyName("permalink"), problem);
		else if (own.ok) {
			url = own.path;
			if (own.written) aliases.push(own.written);
		}
	} else if (date) {
		const parts = { year: date.year, month: date.month, day: date.dayOfMonth, slug };
		// The pattern is checked (site.ts) and slugs are path-safe: a folder pattern's expansion is the URL.
		// One ending in `.html` is normalised to its folder page; categories come from the file, and a path
		// they would make that cannot be one (a character a file name cannot hold, one of the site's own
		// folders) leaves them out, with a warning.
		const expanded = expandPattern(ctx.permalink, parts);
		let own: SitePath = /\.html?$/i.test(expanded) ? sitePath(expanded, "page") : { ok: true, path: expanded };
		if (ctx.permalink.includes(":categories")) {
			const categories = sitePath(expandPattern(ctx.permalink, { ...parts, categories: jekyllCategories(file, read.data) }), "page");
			const problem = categories.ok ? reservedProblem(categories.path) : categories.message;
			if (categories.ok && problem === undefined) own = categories;
			else
				warnings.push({
					kind: "categories-left-out",
					line: lineOf("topics"),
					message: `categories: the URL is made without them: ${problem}`,
				});
		}
		if (own.ok) {
			url = own.path;
			// A pattern ending in `.html` (Jekyll's default): a folder page, and a redirect where the post was.
			if (own.written) aliases.push(own.written);
		} else report(lineOf("title"), "url", own.message);
	}
	for (const alias of fm.aliases) {
		const old = sitePath(alias, "alias");
		const problem = old.ok ? reservedProblem(old.path) : old.message;
		if (problem !== undefined) report(lineOf("aliases"), keyName("aliases"), problem);
		else if (old.ok && old.path !== url && !aliases.includes(old.path)) aliases.push(old.path);
	}
	if (!date || !url || problems.length > 0) return { problems, warnings };

	if (fm.topics.length === 0) {
		warnings.push({ kind: "no-topics", line: lineOf("topics"), message: "has no topics: it is on every page except topic pages" });
	}

	const body = read.body;
	const words = countWords(body);
	const rendered = renderBody(ctx.md, body, { file, firstLine: read.bodyLine, title: fm.title });
	warnings.push(...rendered.warnings);
	if (!hasSearchableText(fm.title, rendered.html)) {
		warnings.push({
			kind: "no-words",
			line: lineOf("title"),
			message: "title: neither the title nor the text has a letter or a digit, so search cannot find this article",
		});
	}
	const lang = fm.lang ?? fileLanguage ?? (ctx.languageGiven ? ctx.language : (detectLanguage(`${fm.title}\n${body}`) ?? ctx.language));
	const article: Article = {
		file,
		title: fm.title,
		lang,
		translations: [],
		...(fm.translationKey === undefined ? {} : { translationKey: fm.translationKey }),
		slug,
		url,
		aliases,
		date: date.iso,
		day: date.day,
		year: date.year,
		month: date.month,
		updated: updated?.iso || undefined,
		publishDate: publishDate?.iso || undefined,
		expiryDate: expiryDate?.iso || undefined,
		topics: fm.topics,
		source: fm.source,
		authors: fm.authors ?? [],
		people: fm.people ?? [],
		places: fm.places ?? [],
		summary: fm.summary || rendered.summary,
		image: fm.image,
		html: rendered.html,
		...(rendered.refs ? { body: rendered.refs } : {}),
		words,
		readingMinutes: Math.max(1, Math.round(words / wordsPerMinute)),
		draft: fm.draft,
		...(fm.draft && isUnpublished(read.data) ? { unpublished: true as const } : {}),
		lines: {
			body: read.bodyLine,
			...(keyOf.image ? { image: lineOf("image") } : {}),
			...(keyOf.aliases ? { aliases: lineOf("aliases") } : keyOf.permalink ? { aliases: lineOf("permalink") } : {}),
			...(keyOf.permalink ? { permalink: lineOf("permalink") } : {}),
		},
		story: fm.story,
	};
	return { article, problems, warnings };
}

/** Whether the front matter says Jekyll's `published: false` (any case of the key). */
const isUnpublished = (data: Record<string, unknown>): boolean =>
	Object.entries(data).some(([key, value]) => key.toLowerCase() === "published" && value === false);

/**
 * Front matter of a file its engine publishes no page for: Hugo's headless bundle (`headless: true`, or
 * `build`/`_build` with `render: never`), a Zola page that only names a template and has no title.
 */
function notAPost(data: Record<string, unknown>): SkipReason | undefined {
	const lower = new Map(Object.entries(data).map(([key, value]) => [key.toLowerCase(), value]));
	const build = lower.get("build") ?? lower.get("_build");
	const render = build && typeof build === "object" ? (build as Record<string, unknown>).render : undefined;
	if (lower.get("headless") === true || render === false || render === "never") return "headless";
	if (lower.has("template") && lower.get("title") === undefined) return "template-only";
	return undefined;
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

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === "object" && value !== null && !Array.isArray(value);
