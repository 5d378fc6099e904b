/**
 * Writing a new article file, shared by `new` and `import`: the front matter is serialised with `yaml`
 * (so any title is quoted correctly), validated by the loader itself before anything is written, placed at
 * `articles/YYYY/MM/<slug>.md`, and never written over an existing file or as a copy of an article the
 * digest already has.
 */
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { DateTime } from "luxon";
import { parse as parseYaml, stringify } from "yaml";
import { UsageError } from "../commands/cli.ts";
import { dateFromFileName } from "../content/dates.ts";
import { type Article, loadDigest, siteFileName } from "../content/load.ts";
import { ContentError } from "../content/problems.ts";
import { canonicalFrontMatter } from "../content/schema.ts";
import { detectLanguage } from "../content/language.ts";
import { siteSettingsSchema } from "../content/site.ts";
import { slugFor } from "../content/slugs.ts";

/** What `new` and `import` know about an article before it becomes a file. */
export interface ArticleDraft {
	title: string;
	/** As the schema accepts it: `YYYY-MM-DD`, `YYYY-MM-DD HH:MM` or an ISO datetime with offset. */
	date: string;
	topics: string[];
	/** The article's language (BCP 47); written as `lang` when known. */
	lang?: string;
	source?: { name: string; url?: string };
	authors?: string[];
	summary?: string;
	/** The lead image: an https URL. */
	image?: string;
	/** Markdown. */
	body: string;
	draft?: boolean;
}

/** The article file's text: YAML front matter in the schema's field order, then the body. */
export function articleFileText(draft: ArticleDraft): string {
	const frontMatter: Record<string, unknown> = { title: draft.title, date: draft.date, topics: draft.topics };
	if (draft.lang) frontMatter.lang = draft.lang;
	if (draft.source) frontMatter.source = draft.source.url ? { name: draft.source.name, url: draft.source.url } : draft.source.name;
	if (draft.authors && draft.authors.length > 0) frontMatter.authors = draft.authors;
	if (draft.summary) frontMatter.summary = draft.summary;
	if (draft.image) frontMatter.image = draft.image;
	if (draft.lang) frontMatter.lang = draft.lang;
	if (draft.draft) frontMatter.draft = true;
	const yaml = stringify(frontMatter, { lineWidth: 0, flowCollectionPadding: false });
	return `---\n${yaml}---\n${draft.body.trim()}\n`;
}

export interface PlannedArticle {
	/** Where the file goes, absolute. */
	file: string;
	text: string;
	/** The article exactly as the build will see it. */
	article: Article;
}

/**
 * Validates the draft with the loader's own code path (in a scratch folder holding the digest's
 * `site.yaml`, so dates are read in the site's zone) and works out its path. Problems become a usage
 * error naming the field, since they come from the command's flags or the imported page.
 */
export async function planArticle(articlesDir: string, draft: ArticleDraft): Promise<PlannedArticle> {
	const text = articleFileText(draft);
	const slug = slugFor(draft.title);
	const scratch = await mkdtemp(path.join(tmpdir(), "digest-new-"));
	try {
		await copyFile(path.join(articlesDir, siteFileName), path.join(scratch, siteFileName)).catch(() => undefined);
		await writeFile(path.join(scratch, `${slug}.md`), text);
		let article: Article | undefined;
		try {
			[article] = (await loadDigest(scratch, { drafts: true })).articles;
		} catch (error) {
			if (!(error instanceof ContentError)) throw error;
			const lines = error.problems.map((problem) => `${problem.field}: ${problem.message}`);
			throw new UsageError(`the article would not be valid:\n  ${lines.join("\n  ")}`);
		}
		if (!article) throw new UsageError("the article would not be valid");
		const folder = path.join(path.resolve(articlesDir), String(article.year), String(article.month).padStart(2, "0"));
		return { file: path.join(folder, `${slug}.md`), text, article };
	} finally {
		await rm(scratch, { recursive: true, force: true });
	}
}

/** An article already in the digest that `draft` would repeat. */
export interface Duplicate {
	/** The existing file, absolute. */
	file: string;
	/** Why it counts as the same article. */
	reason: "source url" | "title and date";
}

/**
 * Looks for the same article among the existing files: the same source URL (ignoring the fragment,
 * tracking parameters and a trailing slash), or the same title (ignoring case and punctuation) on the
 * same day. Only front matter is read, and a file that cannot be parsed is skipped — `check` is the place
 * to report it, not `import`.
 */
export async function findDuplicate(
	articlesDir: string,
	draft: Pick<ArticleDraft, "title" | "date" | "source">,
): Promise<Duplicate | undefined> {
	return (await DuplicateIndex.of(articlesDir)).find(draft);
}

/**
 * The digest's articles by normalised source URL and by title and day, read once, for a command that
 * checks many drafts (`fetch`); {@link DuplicateIndex.add} takes in what the command itself writes.
 */
export class DuplicateIndex {
	readonly #byUrl = new Map<string, string>();
	readonly #byTitleDay = new Map<string, string>();

	static async of(articlesDir: string): Promise<DuplicateIndex> {
		const index = new DuplicateIndex();
		const root = path.resolve(articlesDir);
		const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
		const files = entries
			.filter((entry) => entry.isFile() && /\.(md|mdx|markdown)$/i.test(entry.name))
			.map((entry) => path.join(entry.parentPath, entry.name))
			.sort();
		for (const file of files) {
			const data = await readFrontMatter(file);
			if (!data) continue;
			const { record } = canonicalFrontMatter(data);
			const source = record.source as { url?: unknown } | string | undefined;
			const url = typeof source === "object" && source && typeof source.url === "string" ? source.url : undefined;
			const day = String(record.date ?? dateFromFileName(path.basename(file)) ?? "").slice(0, 10);
			index.add(file, {
				title: typeof record.title === "string" ? record.title : "",
				date: day,
				source: url ? { name: "", url } : undefined,
			});
		}
		return index;
	}

	/** Records `file` as holding `draft`; the first file of a URL or a title and day is the one named. */
	add(file: string, draft: Pick<ArticleDraft, "title" | "date" | "source">): void {
		if (draft.source?.url) {
			const url = comparableUrl(draft.source.url);
			if (!this.#byUrl.has(url)) this.#byUrl.set(url, file);
		}
		const title = comparableTitle(draft.title);
		if (title) {
			const key = `${draft.date.slice(0, 10)} ${title}`;
			if (!this.#byTitleDay.has(key)) this.#byTitleDay.set(key, file);
		}
	}

	find(draft: Pick<ArticleDraft, "title" | "date" | "source">): Duplicate | undefined {
		const byUrl = draft.source?.url ? this.#byUrl.get(comparableUrl(draft.source.url)) : undefined;
		if (byUrl) return { file: byUrl, reason: "source url" };
		const byTitle = this.#byTitleDay.get(`${draft.date.slice(0, 10)} ${comparableTitle(draft.title)}`);
		return byTitle ? { file: byTitle, reason: "title and date" } : undefined;
	}
}

async function readFrontMatter(file: string): Promise<Record<string, unknown> | undefined> {
	const text = await readFile(file, "utf8").catch(() => "");
	const match = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(\r?\n|$)/.exec(text);
	if (!match) return undefined;
	try {
		const data = parseYaml(match[1] ?? "", { maxAliasCount: 50 });
		return data && typeof data === "object" && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
	} catch {
		return undefined;
	}
}

export function comparableUrl(url: string): string {
	try {
		const parsed = new URL(url);
		parsed.hash = "";
		for (const key of [...parsed.searchParams.keys()]) if (/^(utm_|fbclid$|gclid$|ref$|cmpid$)/i.test(key)) parsed.searchParams.delete(key);
		parsed.hostname = parsed.hostname.replace(/^www\./, "");
		parsed.protocol = "https:";
		return parsed.toString().replace(/\/+(\?|$)/, "$1");
	} catch {
		return url.trim();
	}
}

const comparableTitle = (title: string): string =>
	title
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, " ")
		.trim();

/**
 * Plans, checks for duplicates and writes the article; returns its path. Refuses to write over a file
 * and refuses a duplicate, naming the existing file (as the user would type it).
 */
export async function writeArticle(
	articlesDir: string,
	draft: ArticleDraft,
	show: (file: string) => string = displayPath,
): Promise<PlannedArticle> {
	const planned = await planArticle(articlesDir, draft);
	const duplicate = await findDuplicate(articlesDir, draft);
	if (duplicate) throw new UsageError(`${show(duplicate.file)} is already this article (same ${duplicate.reason}); nothing was written`);
	await mkdir(path.dirname(planned.file), { recursive: true });
	try {
		// `wx` fails if the file exists, even if it appeared after the duplicate scan.
		await writeFile(planned.file, planned.text, { flag: "wx" });
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === "EEXIST")
			throw new UsageError(`${show(planned.file)} already exists; choose another title or edit that file`);
		throw error;
	}
	return planned;
}

export function displayPath(absolute: string): string {
	const relative = path.relative(process.cwd(), absolute);
	return relative.startsWith("..") || path.isAbsolute(relative) ? absolute : relative;
}

/** Today's date in the digest's zone (from its `site.yaml`), for articles written without `--date`. */
export async function todayInSiteZone(articlesDir: string): Promise<string> {
	const text = await readFile(path.join(articlesDir, siteFileName), "utf8").catch(() => "");
	const parsed = siteSettingsSchema.safeParse((text && parseYaml(text)) || {});
	const zone = parsed.success ? parsed.data.zone : "UTC";
	return DateTime.now().setZone(zone).toFormat("yyyy-MM-dd");
}

/**
 * The language a new article is written in when `new` is not told: what its words say when there are
 * enough of them, else the site's (`site.yaml`, else English), as the loader decides.
 */
export async function languageForNew(articlesDir: string, text: string): Promise<string> {
	const file = await readFile(path.join(articlesDir, siteFileName), "utf8").catch(() => "");
	const parsed = siteSettingsSchema.safeParse((file && parseYaml(file)) || {});
	const site = parsed.success ? parsed.data : undefined;
	if (site?.languageGiven) return site.language;
	return detectLanguage(text) ?? site?.language ?? "en";
}

/** `a, b ,c` → `[a, b, c]`. */
export const listFlag = (value: string | undefined): string[] =>
	(value ?? "")
		.split(",")
		.map((item) => item.trim())
		.filter(Boolean);
