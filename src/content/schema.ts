/**
 * The content contract: the front matter of one article.
 *
 * This is the single schema used by the build, `check`, `new` and `import`. Every field is documented
 * here, where it is defined. Aliases that content migrated from Jekyll, Hugo and other blog engines uses
 * are folded into the canonical names by {@link canonicalFrontMatter} before validation, so a migrated
 * file and a native one produce the same `Article`.
 */
import { z } from "zod";

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

/** A date as written: YAML 1.2 (core schema) keeps it a string; the loader parses it with luxon. */
const dateText = z
	.union([z.string(), z.number()], {
		error: (issue) =>
			issue.input === undefined ? "is required (YYYY-MM-DD), or name the file YYYY-MM-DD-slug.md" : "must be a date such as 2025-02-18",
	})
	.transform(String);

export const frontMatterSchema = z.object({
	/** The headline. Required; becomes the page's only `<h1>` and the search result title. */
	title: text("title"),

	/**
	 * When the article was published. Required (unless the file name starts with `YYYY-MM-DD-`).
	 * Accepted forms: `2025-02-18`, an ISO datetime with offset (`2025-02-18T10:00:00+03:00`) or
	 * `2025-02-18 10:00` (read in the site's zone). It decides the URL's year and month.
	 */
	date: dateText,

	/**
	 * One or more topics: registry slugs, titles or aliases, or free spellings. Spellings that differ only
	 * in case or punctuation are one topic. Aliases: `tags`, `categories`.
	 */
	topics: nameList("topics").pipe(z.array(z.string()).min(1, { error: "needs at least one topic" })),

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

	/** The writers. Aliases: `author`, `by` (a string or a list). */
	authors: nameList("authors").optional(),

	/** One or two sentences shown in lists, feeds and search results. Aliases: `description`, `excerpt`.
	 * When absent, the first paragraph of the body is used. */
	summary: z.string({ error: "summary must be text" }).trim().optional(),

	/** People the article is about: a search filter and links on the article page. */
	people: nameList("people").optional(),

	/** Places the article is about: a search filter and links on the article page. */
	places: nameList("places").optional(),

	/** When the article was last revised; same forms as `date`. Shown on the page and used by feeds. */
	updated: dateText.optional(),

	/** A draft is built by the dev server (`npm start`) only, never by `npm run build`. */
	draft: z.boolean({ error: "draft must be true or false" }).optional().default(false),

	// ---- Stories (issue 15; src/stories.ts groups articles on one event from different outlets)

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

	/** Overrides the URL's last segment (else the file name without a `YYYY-MM-DD-` prefix). It is
	 * slugified, so it can never contain `/` or `..`. */
	slug: z.string({ error: "slug must be text" }).trim().min(1).optional(),
});

export type FrontMatter = z.output<typeof frontMatterSchema>;
export const frontMatterFields = Object.keys(frontMatterSchema.shape) as (keyof FrontMatter)[];

/** Keys other generators use, and the field each one means here. */
export const fieldAliases: Record<string, keyof FrontMatter> = {
	tags: "topics",
	categories: "topics",
	category: "topics",
	author: "authors",
	by: "authors",
	description: "summary",
	excerpt: "summary",
};

/**
 * Folds aliased keys into the canonical ones. Returns the folded record and, for each canonical field,
 * the key it was read from (so an error can point at the line the user wrote). Topics from several
 * alias keys are merged, as Jekyll treats tags and categories alike.
 */
export function canonicalFrontMatter(data: Record<string, unknown>): {
	record: Record<string, unknown>;
	keyOf: Record<string, string>;
} {
	const record: Record<string, unknown> = {};
	const keyOf: Record<string, string> = {};
	for (const [key, value] of Object.entries(data)) {
		const field = (fieldAliases[key] ?? key) as string;
		if (field === "topics" && record.topics !== undefined && value !== undefined) {
			record.topics = [...asList(record.topics), ...asList(value)];
			continue;
		}
		if (field in record && field !== key) continue; // the canonical key wins over an alias
		record[field] = value;
		keyOf[field] = key;
	}
	return { record, keyOf };
}

function asList(value: unknown): unknown[] {
	if (Array.isArray(value)) return value;
	if (typeof value === "string") return value.split(",");
	return [value];
}
