/**
 * Article URLs: the site's `permalink` pattern, an article's own `permalink`/`url`/`path`, and the old
 * URLs (`aliases`/`redirect_from`) that redirect to it. Every path an article brings is normalised here
 * and kept inside the output folder: `..` is refused, never resolved; so are characters a file name
 * cannot hold and segments that would be hidden files. Pages the site itself writes cannot be taken.
 */

/** The default pattern: the news convention, so recurring headlines never collide within a month. */
export const defaultPermalinkPattern = "/articles/:year/:month/:day/:slug/";

/**
 * Tokens a pattern may use; `:title` is Jekyll's name for the slug, and `:categories` is Jekyll's too: the
 * article's categories as folders (none, one or several).
 */
export const permalinkTokens = [":year", ":month", ":day", ":slug", ":title", ":categories"] as const;

export interface UrlParts {
	year: number;
	month: number;
	day: number;
	slug: string;
	/** The categories as a path, `diplomacy/russia`, or "" (see {@link jekyllCategories}). */
	categories?: string;
}

/** Fills a pattern's tokens (the pattern itself is checked by the site settings' schema). */
export function expandPattern(pattern: string, parts: UrlParts): string {
	const values: Record<string, string> = {
		year: String(parts.year),
		month: String(parts.month).padStart(2, "0"),
		day: String(parts.day).padStart(2, "0"),
		slug: parts.slug,
		title: parts.slug,
		categories: parts.categories ?? "",
	};
	// No categories leave no empty folder behind, as Jekyll collapses the slashes.
	return pattern.replace(/:(year|month|day|slug|title|categories)\b/g, (_, token: string) => values[token] ?? "").replace(/\/{2,}/g, "/");
}

/**
 * A post's categories as Jekyll puts them in its URL: the folders above `_posts/` or `_drafts/`
 * (`news/_posts/…`), then the front matter's `categories` (a list, or words apart) and `category` (one);
 * each in lower case, each once, joined by `/`.
 */
export function jekyllCategories(file: string, frontMatter: Record<string, unknown>): string {
	const folders = file.split("/").slice(0, -1);
	const special = folders.findIndex((folder) => folder === "_posts" || folder === "_drafts");
	const listed = (value: unknown, split: boolean): string[] =>
		Array.isArray(value)
			? value.flatMap((item) => (item === null || item === undefined ? [] : [String(item)]))
			: typeof value === "string" || typeof value === "number"
				? split
					? String(value).split(/\s+/)
					: [String(value)]
				: [];
	const all = [
		...(special > 0 ? folders.slice(0, special) : []),
		...listed(frontMatter.categories, true),
		...listed(frontMatter.category, false),
	];
	return [...new Set(all.map((category) => category.trim().toLowerCase()).filter(Boolean))].join("/");
}

/** Why a pattern cannot be used, or undefined when it can. */
export function patternProblem(pattern: string): string | undefined {
	const unknown = /:[a-z_]+/gi.exec(pattern.replace(/:(year|month|day|slug|title|categories)\b/g, ""));
	if (unknown) return `"${unknown[0]}" is not a token; use ${permalinkTokens.join(" ")}`;
	if (!/:(slug|title)\b/.test(pattern)) return "needs :slug, or every article of a day would share one URL";
	const sample = sitePath(expandPattern(pattern, { year: 2025, month: 2, day: 18, slug: "sample" }), "page");
	if (!sample.ok) return sample.message;
	return reservedProblem(sample.path);
}

export type SitePath =
	| {
			ok: true;
			/** The page's URL, from the site root: `/a/b/` (a folder page), or `/a/b.html` for a file alias. */
			path: string;
			/** For a page written `/a/b.html` that became `/a/b/`: the form it was written in, to redirect from. */
			written?: string;
	  }
	| { ok: false; message: string };

/** A segment a file name can hold on every system GitHub Pages and editors use, and not a hidden file. */
const badCharacter = /[\p{Cc}<>:"|?*\\]/u;

/**
 * Normalises a path as an article wrote it (`2025/02/18/riyadh/`, `/news/riyadh.html`, Zola's
 * `blog/riyadh`). `kind` decides what an `.html` ending means: a `page` (the article's own URL) becomes
 * the folder `/news/riyadh/` and remembers the written form for a redirect; an `alias` stays that very
 * file, since old links point at it.
 */
export function sitePath(raw: string, kind: "page" | "alias"): SitePath {
	const text = raw.trim();
	// Quoted as JSON: a value written over several YAML lines stays on the problem's one line.
	const shown = JSON.stringify(text);
	if (/^[a-z][a-z0-9+.-]*:/i.test(text) || text.startsWith("//")) {
		return { ok: false, message: `${shown} is a full URL; write the path from the site root, e.g. /news/riyadh/` };
	}
	if (/[?#]/.test(text)) return { ok: false, message: `${shown} has a query or fragment; write the path only` };
	let decoded: string[];
	try {
		decoded = text.split("/").map((segment) => decodeURIComponent(segment));
	} catch {
		return { ok: false, message: `${shown} has a broken %-escape` };
	}
	const segments: string[] = [];
	for (const segment of decoded) {
		if (segment === "" || segment === ".") continue;
		if (segment === "..") return { ok: false, message: `${shown} steps out with ".."; write the path from the site root` };
		if (badCharacter.test(segment) || segment.includes("/")) {
			return { ok: false, message: `${shown} has a character a file name cannot hold` };
		}
		if (segment.startsWith(".")) return { ok: false, message: `${shown} names a hidden file (a segment starting with ".")` };
		if (segment.length > 200) return { ok: false, message: `${shown} has a segment over 200 characters` };
		segments.push(segment);
	}
	const last = segments.at(-1);
	if (last !== undefined && /^index\.html?$/i.test(last)) segments.pop();
	else if (last !== undefined && /\.html?$/i.test(last)) {
		const file = `/${segments.join("/")}`;
		if (kind === "alias") return { ok: true, path: file };
		segments[segments.length - 1] = last.replace(/\.html?$/i, "");
		if (segments.at(-1) === "") return { ok: false, message: `${shown} names no page` };
		return { ok: true, path: `/${segments.join("/")}/`, written: file };
	}
	return { ok: true, path: segments.length === 0 ? "/" : `/${segments.join("/")}/` };
}

/** The site's own pages and folders: an article or an old URL cannot take them. */
const reservedFolders = new Set(["topics", "timeline", "search", "people", "places", "assets", "pagefind", "pagefind-recent"]);
const reservedFiles = new Set([
	"/",
	"/index.html",
	"/404.html",
	"/404/",
	"/robots.txt",
	"/sitemap.xml",
	"/feed.xml",
	"/feed.json",
	"/sw.js",
]);

/** Why a normalised path belongs to the site itself, or undefined. */
export function reservedProblem(path: string): string | undefined {
	const first = path.split("/")[1] ?? "";
	if (reservedFiles.has(path) || /^\/sitemap-\d+\.xml$/.test(path) || reservedFolders.has(first)) {
		return `${path} is one of the site's own pages${reservedFolders.has(first) ? ` (under /${first}/)` : ""}; choose another path`;
	}
	return undefined;
}

/** The file a page's path is written to, relative to the output folder. */
export const outputFileOf = (path: string): string => (path.endsWith("/") ? `${path}index.html` : path).replace(/^\//, "");
