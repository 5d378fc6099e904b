/**
 * The content contract: the front matter of one article.
 *
 * This is the single schema used by the build, `check`, `new` and `import`. Every field is documented
 * here, where it is defined. Aliases that content migrated from Jekyll, Hugo and other blog engines uses
 * are folded into the canonical names by {@link canonicalFrontMatter} before validation, so a migrated
 * file and a native one produce the same `Article`.
 */
import { z } from "zod";
import { canonicalLanguage } from "./language.ts";

/** A non-empty string after trimming; the message names what is missing. */
const text = (what: string) =>
	z
		.string({ error: (issue) => (issue.input === undefined ? "is required" : `must be text (the ${what})`) })
		.trim()
		.min(1, { error: "must not be empty" });

/** A list of names: a YAML list, or one string with comma-separated names (as Jekyll allows for tags). */
const nameList = (what: string) =>
	z
		.union([z.string(), z.array(z.union([z.string(), z.number()]))], {
			error: (issue) =>
				issue.input === undefined
					? `is required: a list of ${what} or a comma-separated string`
					: `must be a list of ${what} or a comma-separated string`,
		})
		.transform((value) => (typeof value === "string" ? value.split(",") : value.map(String)).map((name) => name.trim()).filter(Boolean));

/**
 * A date as written: YAML 1.2 (core schema) keeps it a string; TOML gives a date object (smol-toml's
 * `TomlDate`, whose `toISOString()` keeps a local date or time local); the loader parses it with luxon.
 */
const dateText = z
	.union([z.string(), z.number(), z.date()], {
		error: (issue) =>
			issue.input === undefined ? "is required (YYYY-MM-DD), or name the file YYYY-MM-DD-slug.md" : "must be a date such as 2025-02-18",
	})
	.transform((value) => (value instanceof Date ? value.toISOString() : String(value)));

/** A site path as written (`/2025/02/18/riyadh/`, Zola's `blog/riyadh`): the loader normalises and checks it. */
const sitePath = (what: string) =>
	z
		.string({ error: `must be text (the ${what})` })
		.trim()
		.min(1, { error: "must not be empty" });

export const frontMatterSchema = z.object({
	/** The headline. Required; becomes the page's only `<h1>` and the search result title. */
	title: text("title"),

	/**
	 * When the article was published. Required, unless the file or bundle-folder name starts with
	 * `YYYY-MM-DD-`, the folder path holds `…/YYYY/MM/DD/…`, or the `permalink` starts with `YYYY/MM/DD`.
	 * Accepted forms (dates.ts): `2025-02-18`, `2025-2-9`, `2025-02-18 10:30` (in the site's zone), Jekyll's
	 * `2025-02-18 10:30:00 +0300`, ISO 8601 with `Z` or an offset, RFC 2822, YAML/TOML timestamps. It decides
	 * the URL's year, month and day. Aliases: `pubDate`, `published` (when not true/false).
	 */
	date: dateText,

	/**
	 * Topics: registry slugs, titles or aliases, or free spellings. Spellings that differ only in case or
	 * punctuation are one topic. Optional: an article without topics is on every page but topic pages (one
	 * counted warning; `--strict` makes it an error). Aliases: `tags`, `categories` (a space-separated string
	 * is several, as in Jekyll), `category`, `tag` (one each), Zola's `taxonomies.tags`/`taxonomies.categories`.
	 */
	topics: nameList("topics").optional().default([]),

	/** Where the article comes from: `{ name, url }`, or a plain string naming the outlet. */
	source: z
		.preprocess(
			(value) => (typeof value === "string" ? { name: value } : value),
			z.object(
				{
					/** The outlet's name, e.g. `Reuters`. */
					name: z.string({ error: "name is required" }).trim().min(1, { error: "name must not be empty" }),
					/** The original article; only http(s) URLs are accepted, so a `javascript:` link cannot get in. */
					url: z.url({ protocol: /^https?$/, error: "url must be an http(s) URL" }).optional(),
				},
				{ error: "source must be an outlet's name or { name, url }" },
			),
		)
		.optional(),

	/**
	 * The article's language, a BCP 47 tag (`en`, `ru`, `uk`, `pt-BR`): its page's `lang`, feeds, dates and
	 * words follow it. Absent: the file name's (`name.ru.md`, `index.uk.md`), else site.yaml's `language`,
	 * else detected from the text. Aliases: `language`, `locale` (`ru_RU` is read as `ru-RU`).
	 */
	lang: z
		.string({ error: "must be a language tag such as en, ru or uk" })
		.transform((value, context) => {
			const tag = canonicalLanguage(value);
			if (tag) return tag;
			context.addIssue({ code: "custom", message: `"${value}" is not a language tag such as en, ru or uk` });
			return z.NEVER;
		})
		.optional(),

	/** Hugo's link between translations at different URLs: articles with the same key are one article in
	 * several languages (see docs/content.md). Alias: `translationkey`. */
	translationKey: z.union([z.string().trim().min(1), z.number().transform(String)], { error: "translationKey must be text" }).optional(),

	/** The writers. Aliases: `author`, `by` (a string, a list, or Jekyll's `{ name: … }`), Zola's `taxonomies.authors`. */
	authors: z.preprocess(namesOfPeople, nameList("authors")).optional(),

	/** One or two sentences shown in lists, feeds and search results. Aliases: `description`, `excerpt`.
	 * When absent, the text before `<!--more-->`, else the first paragraph of the body. */
	summary: z.string({ error: "summary must be text" }).trim().optional(),

	/**
	 * The lead image: a file beside the article (page bundles) or an https URL; shown atop the article and
	 * in `og:image`, JSON-LD and the feeds. Aliases: `images` (Hugo; the first), `cover` (or `cover.image`),
	 * `featured_image`, `coverImage` (wordpress-export-to-markdown).
	 */
	image: z
		.preprocess(
			(value) => {
				const first = Array.isArray(value) ? value[0] : value;
				if (first && typeof first === "object" && !Array.isArray(first)) {
					const record = first as Record<string, unknown>;
					return record.image ?? record.src ?? record.url;
				}
				return first;
			},
			z.string({ error: "must be an image file name or URL" }).trim().min(1, { error: "must not be empty" }),
		)
		.optional(),

	/** People the article is about: a search filter and links on the article page. */
	people: nameList("people").optional(),

	/** Places the article is about: a search filter and links on the article page. */
	places: nameList("places").optional(),

	/** When the article was last revised; same forms as `date`. Shown on the page and used by feeds.
	 * Aliases: `lastmod` (Hugo), `last_modified_at` (Jekyll), `modified`. */
	updated: dateText.optional(),

	/** A draft is built by the dev server (`npm start`) only, never by `npm run build`. Jekyll's
	 * `published: false` means the same. */
	draft: z.boolean({ error: "draft must be true or false" }).optional().default(false),

	// ---- Stories (issue 15; src/model/stories.ts groups articles on one event from different outlets)

	/**
	 * Which story this article belongs to. Absent: the build groups it with other outlets' coverage of the
	 * same event by itself. An id (any text, e.g. `riyadh-talks`): every article with that id is one story,
	 * whatever their text. `false`: never part of a story.
	 */
	story: z
		.union([z.literal(false), z.string().trim().min(1), z.number().transform(String)], {
			error: "story must be a story id (text) or false",
		})
		.optional(),

	/** The article is held back until this moment (in the site's zone when no offset is given); the
	 * deploy runs daily so it appears on its day. A future `date` does the same. Aliases: `publishdate`, `pubDate`. */
	publishDate: dateText.optional(),

	/** The article is removed from the site after this moment. Aliases: `expirydate`, `unpublishdate`. */
	expiryDate: dateText.optional(),

	/** Overrides the URL's last segment (else the file name without a `YYYY-MM-DD-` prefix, or a bundle's
	 * folder name). It is slugified, so it can never contain `/` or `..`. */
	slug: z
		.preprocess((value) => (typeof value === "number" ? String(value) : value), z.string({ error: "slug must be text" }).trim().min(1))
		.optional(),

	/**
	 * This article's own URL, from the site root, instead of the site's `permalink` pattern: Jekyll's
	 * `permalink`, Hugo's `url`, Zola's `path`. It must stay inside the site (no `..`); `/x/page.html`
	 * becomes `/x/page/` with a redirect from the old form. Aliases: `url`, `path`.
	 */
	permalink: sitePath("URL path").optional(),

	/** Old URLs of this article, each written as a small redirect page (GitHub Pages has no server
	 * redirects). Alias: `redirect_from` (jekyll-redirect-from). A single string is one URL. */
	aliases: z
		.preprocess(
			(value) => (typeof value === "string" ? [value] : value),
			z.array(z.string({ error: "each alias must be a URL path" }).trim().min(1), { error: "must be a list of old URL paths" }),
		)
		.optional()
		.default([]),
});

export type FrontMatter = z.output<typeof frontMatterSchema>;
export const frontMatterFields = Object.keys(frontMatterSchema.shape) as (keyof FrontMatter)[];

/**
 * Keys other generators use, and the field each one means here, by the key in lower case (Hugo's keys
 * are case-insensitive: `publishDate`, `publishdate`). A key not listed here nor a field is ignored.
 */
export const fieldAliases: Record<string, keyof FrontMatter> = {
	title: "title",
	date: "date",
	pubdate: "date",
	topics: "topics",
	tags: "topics",
	tag: "topics",
	categories: "topics",
	category: "topics",
	source: "source",
	authors: "authors",
	author: "authors",
	by: "authors",
	summary: "summary",
	description: "summary",
	excerpt: "summary",
	image: "image",
	images: "image",
	cover: "image",
	featured_image: "image",
	coverimage: "image",
	people: "people",
	places: "places",
	updated: "updated",
	lastmod: "updated",
	last_modified_at: "updated",
	modified: "updated",
	draft: "draft",
	publishdate: "publishDate",
	expirydate: "expiryDate",
	unpublishdate: "expiryDate",
	story: "story",
	slug: "slug",
	permalink: "permalink",
	url: "permalink",
	path: "permalink",
	aliases: "aliases",
	redirect_from: "aliases",
	lang: "lang",
	language: "lang",
	locale: "lang",
	translationkey: "translationKey",
};

/** Topic keys whose plain string holds several names separated by spaces (Jekyll's plural keys). */
const spaceSeparated = new Set(["tags", "categories"]);

/**
 * Folds aliased keys into the canonical ones. Returns the folded record and, for each canonical field,
 * the key path it was read from (so an error can point at the line the user wrote). Topics from several
 * keys are merged, as Jekyll treats tags and categories alike; for other fields the canonical key wins
 * over an alias, and the first alias over later ones.
 */
export function canonicalFrontMatter(data: Record<string, unknown>): {
	record: Record<string, unknown>;
	keyOf: Record<string, string[]>;
} {
	const record: Record<string, unknown> = {};
	const keyOf: Record<string, string[]> = {};
	const put = (field: string, keyPath: string[], value: unknown, canonical: boolean) => {
		if (value === undefined || value === null) return; // `tags:` left empty, as exporters write it
		if (field === "topics") {
			const names = topicNames(keyPath.at(-1)?.toLowerCase() ?? "", value);
			if (record.topics !== undefined) {
				record.topics = [...asList(record.topics), ...asList(names)];
				return;
			}
			record.topics = names;
		} else {
			if (field in record && !canonical) return;
			record[field] = value;
		}
		keyOf[field] = keyPath;
	};
	for (const [key, value] of Object.entries(data)) {
		const lower = key.toLowerCase();
		if (lower === "published") {
			// Jekyll: `published: false` is a draft; elsewhere `published` is the publication date.
			if (typeof value === "boolean") put("draft", [key], !value, false);
			else put("date", [key], value, false);
			continue;
		}
		if (lower === "taxonomies" && value && typeof value === "object" && !Array.isArray(value)) {
			// Zola: `[taxonomies] tags = […]`; every taxonomy but authors is a kind of topic here.
			for (const [taxonomy, terms] of Object.entries(value as Record<string, unknown>)) {
				put(taxonomy.toLowerCase() === "authors" ? "authors" : "topics", [key, taxonomy], terms, false);
			}
			continue;
		}
		// A field of the schema is read under its own name even if the alias table does not list it.
		const field = fieldAliases[lower] ?? (key in frontMatterSchema.shape ? key : undefined);
		if (field) put(field, [key], value, key === field);
	}
	return { record, keyOf };
}

/** Jekyll: a plural key's string is split on spaces, unless it uses commas; a singular key is one name. */
function topicNames(key: string, value: unknown): unknown {
	if (typeof value !== "string") return value;
	if (spaceSeparated.has(key) && !value.includes(",")) return value.split(/\s+/).filter(Boolean);
	return value;
}

/** Authors written as Jekyll's `{ name, email }` objects count by their name. */
function namesOfPeople(value: unknown): unknown {
	const nameOf = (item: unknown) =>
		item && typeof item === "object" && !Array.isArray(item) && typeof (item as { name?: unknown }).name === "string"
			? (item as { name: string }).name
			: item;
	return Array.isArray(value) ? value.map(nameOf) : nameOf(value);
}

function asList(value: unknown): unknown[] {
	if (Array.isArray(value)) return value;
	if (typeof value === "string") return value.split(",");
	return [value];
}
