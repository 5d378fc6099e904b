/**
 * `feeds.yaml` in the articles folder: the outlets the digest follows. A YAML list, one entry per feed,
 * validated like `site.yaml` (every problem as `path:line: field: what`).
 */
import path from "node:path";
import { z } from "zod";
import { UsageError } from "../commands/cli.ts";
import { readSettings } from "../content/load.ts";
import { ContentError, type ContentProblem } from "../content/problems.ts";

export const feedsFileName = "feeds.yaml";

/** `/pattern/flags` is a regular expression; anything else is a word or phrase. */
const patternForm = /^\/(.+)\/([a-z]*)$/s;

/** A word, phrase or `/pattern/` that an item's title or summary is tested against. */
const filterTerm = z
	.string({ error: "each filter must be a word, a phrase or a /pattern/" })
	.trim()
	.min(1, { error: "a filter must not be empty" })
	.superRefine((term, context) => {
		const pattern = patternForm.exec(term);
		if (!pattern) return;
		try {
			new RegExp(pattern[1] ?? "", pattern[2]);
		} catch (error) {
			context.addIssue({ code: "custom", message: `is not a valid pattern: ${(error as Error).message}` });
		}
	});

const termList = z.preprocess(
	(value) => (typeof value === "string" ? [value] : value),
	z.array(filterTerm, { error: "must be a list of words or /patterns/" }),
);

export const feedEntrySchema = z.strictObject(
	{
		/** The feed's address: RSS 2.0, RSS 1.0 (RDF), Atom or JSON Feed, over http(s). */
		url: z.url({ protocol: /^https?$/, error: (issue) => (issue.input === undefined ? "is required" : "must be an http(s) URL") }),
		/** The outlet's name, the articles' `source`. Default: the feed's own title. */
		name: z.string({ error: "must be text (the outlet's name)" }).trim().min(1, { error: "must not be empty" }).optional(),
		/** The items' language (`en`, `ru`, `uk`, …). Default: what the feed declares, else detected from each item. */
		lang: z
			.string({ error: "must be a language code such as en or uk" })
			.trim()
			.regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, { error: "must be a language code such as en, uk or pt-BR" })
			.optional(),
		/** Topics every article from this feed gets, besides those found in its title and summary. */
		topics: z
			.preprocess(
				(value) => (typeof value === "string" ? value.split(",") : value),
				z.array(z.string({ error: "each topic must be text" }).trim().min(1), { error: "must be a list of topics" }),
			)
			.optional()
			.default([]),
		/** Keep an item only if its title or summary has one of these (whole words, any case) or matches a /pattern/. */
		include: termList.optional().default([]),
		/** Drop an item whose title or summary has one of these. */
		exclude: termList.optional().default([]),
		/** Write this feed's articles as drafts, for an editor to review before they are published. */
		draft: z.boolean({ error: "must be true or false" }).optional().default(false),
	},
	{ error: (issue) => (issue.code === "unrecognized_keys" ? "has unknown fields" : "each feed must be a mapping with at least a url") },
);

const feedFields = Object.keys(feedEntrySchema.shape).join(", ");

/**
 * The whole file. Each feed is checked on its own, so that one broken entry does not hide the problems
 * of the others or a feed listed twice.
 */
export const feedsFileSchema = z
	.array(z.unknown(), { error: "must be a list of feeds, each starting with `- url: …`" })
	.transform((entries, context) => {
		const feeds: FeedEntry[] = [];
		const firstOf = new Map<string, number>();
		entries.forEach((entry, index) => {
			const parsed = feedEntrySchema.safeParse(entry);
			if (parsed.success) feeds.push(parsed.data);
			else
				for (const issue of parsed.error.issues) {
					// A misspelt key is reported on its own line, so that `exlude:` is found at once.
					const keys = issue.code === "unrecognized_keys" ? issue.keys : [undefined];
					for (const key of keys)
						context.addIssue({
							code: "custom",
							path: key === undefined ? [index, ...issue.path] : [index, ...issue.path, key],
							message: key === undefined ? issue.message : `is not a field of a feed (${feedFields})`,
						});
				}
			const url = (entry as { url?: unknown } | null)?.url;
			if (typeof url !== "string") return;
			const earlier = firstOf.get(url.trim());
			if (earlier === undefined) firstOf.set(url.trim(), index);
			else context.addIssue({ code: "custom", path: [index, "url"], message: `repeats item ${earlier}'s url; list each feed once` });
		});
		return feeds;
	});

export type FeedEntry = z.output<typeof feedEntrySchema>;

/** Reads and validates `feeds.yaml`; throws a ContentError listing every problem, or a UsageError when it is missing. */
export async function readFeedsFile(articlesDir: string, show: (absolute: string) => string): Promise<FeedEntry[]> {
	const file = path.join(path.resolve(articlesDir), feedsFileName);
	const problems: ContentProblem[] = [];
	const feeds = await readSettings(file, feedsFileSchema, show, problems, undefined);
	if (problems.length > 0) throw new ContentError(problems);
	if (feeds === undefined)
		throw new UsageError(`${show(file)} does not exist: list the feeds to follow there (see docs/feeds.md), one "- url: …" each`);
	return feeds;
}

/** The problems of `feeds.yaml`, for `check`; none when the digest follows no feeds. */
export async function feedsFileProblems(articlesDir: string, show: (absolute: string) => string): Promise<ContentProblem[]> {
	const problems: ContentProblem[] = [];
	await readSettings(path.join(path.resolve(articlesDir), feedsFileName), feedsFileSchema, show, problems, []);
	return problems;
}

/** Whether `text` passes the feed's include and exclude filters. */
export function passesFilters(feed: Pick<FeedEntry, "include" | "exclude">, text: string): { pass: boolean; reason?: string } {
	if (feed.include.length > 0 && !feed.include.some((term) => matches(term, text)))
		return { pass: false, reason: `has none of include: ${feed.include.join(", ")}` };
	const excluded = feed.exclude.find((term) => matches(term, text));
	if (excluded) return { pass: false, reason: `has "${excluded}" (exclude)` };
	return { pass: true };
}

const compiled = new Map<string, RegExp>();

function matches(term: string, text: string): boolean {
	let expression = compiled.get(term);
	if (!expression) {
		const pattern = patternForm.exec(term);
		expression = pattern ? new RegExp(pattern[1] ?? "", pattern[2]) : wholeWords(term);
		compiled.set(term, expression);
	}
	expression.lastIndex = 0;
	return expression.test(text);
}

/** A word or phrase as a whole-word, case-insensitive match in any script (`\b` only knows ASCII letters). */
export function wholeWords(phrase: string): RegExp {
	const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, "\\s+");
	return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, "iu");
}
