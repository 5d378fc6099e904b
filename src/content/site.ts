/**
 * Site settings: `site.yaml` in the articles folder, so a folder of articles fully describes its digest.
 * Every field is optional.
 */
import { z } from "zod";
import { isValidZone } from "./dates.ts";
import { canonicalLanguage } from "./language.ts";
import { defaultPermalinkPattern, patternProblem } from "./urls.ts";

export const siteSettingsFields = z.object({
	/** The digest's name, in the header, the `<title>` and the feeds. */
	title: z.string().trim().min(1).default("Topic Digest"),
	/** One sentence about the digest: the home page's introduction and the feeds' subtitle. */
	description: z.string().trim().default(""),
	/**
	 * The language of articles that do not say theirs (no `lang`, no `name.LANG.md`), and of the pages
	 * that are not articles (`<html lang>`, the site feeds). An article that names none is detected from
	 * its text only when the site names none either.
	 */
	language: z
		.string()
		.trim()
		.min(2)
		.refine((tag) => canonicalLanguage(tag) !== undefined, { error: "language must be a language tag such as en, ru or uk" })
		.transform((tag) => canonicalLanguage(tag) ?? tag)
		.optional(),
	/** The IANA zone dates are read and shown in. The machine's `TZ` never matters. */
	zone: z.string().refine(isValidZone, { error: "zone must be an IANA time zone such as Europe/Kyiv" }).default("UTC"),
	/** How many articles a topic page shows before it paginates. */
	pageSize: z.number().int().min(1).max(1000).default(30),
	/** How many of the newest articles the site feeds carry. */
	feedSize: z.number().int().min(1).max(10000).default(50),
	/**
	 * How many of its newest articles each topic's, person's and place's feed carries (summaries only). A
	 * digest has thousands of them: at 50 entries the feeds of 100,000 news items are ~130 MB of the
	 * 1 GB GitHub Pages publishes; a feed reader polls often and needs only the latest.
	 */
	topicFeedSize: z.number().int().min(1).max(10000).default(20),
	/** How many latest articles the home page lists. */
	homeSize: z.number().int().min(1).max(200).default(12),
	/**
	 * Where articles are published, with the tokens `:year :month :day :slug` (`:title` is Jekyll's name
	 * for `:slug`) and Jekyll's `:categories`; an article's own `permalink` wins. Carrying the day keeps
	 * recurring headlines of one month ("weekly roundup") apart. A pattern ending in `.html` publishes
	 * folder pages, each with a redirect at its `.html` address.
	 */
	permalink: z
		.string({ error: "permalink must be a path pattern such as /articles/:year/:month/:day/:slug/" })
		.trim()
		.superRefine((pattern, context) => {
			const problem = patternProblem(pattern);
			if (problem) context.addIssue({ code: "custom", message: `permalink ${problem}` });
		})
		.default(defaultPermalinkPattern),
	/**
	 * Raw HTML in Markdown: `sanitize` keeps what is harmless (tables, audio, video, figures, details boxes,
	 * images) and drops every script, handler and script URL; `escape` shows every tag as text.
	 */
	rawHtml: z.enum(["sanitize", "escape"], { error: "rawHtml must be sanitize or escape" }).default("sanitize"),
	/**
	 * Hosts whose `<iframe>`s stay embedded in articles, e.g. `[www.youtube-nocookie.com]`; an iframe from
	 * any other host becomes a link to its page, so a page loads nothing from a site not named here.
	 */
	embeds: z
		.array(
			z
				.string()
				.trim()
				.toLowerCase()
				.regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/, {
					error: "each embeds entry must be a host name such as www.youtube-nocookie.com",
				}),
			{ error: "embeds must be a list of host names" },
		)
		.default([]),
});
/** `language` is always set (English when site.yaml names none); `languageGiven` says whether site.yaml named it. */
export const siteSettingsSchema = siteSettingsFields.transform((settings) => ({
	...settings,
	language: settings.language ?? "en",
	languageGiven: settings.language !== undefined,
}));
export type SiteSettings = z.output<typeof siteSettingsSchema>;
