/** The parts of @11ty/eleventy-plugin-rss (which ships no types) that the feeds use. */
declare module "@11ty/eleventy-plugin-rss" {
	/** RFC 3339 in UTC without milliseconds, as Atom wants. */
	export function dateToRfc3339(date: Date): string;
	/** Rewrites every URL attribute in `html` against `base`. */
	export function convertHtmlToAbsoluteUrls(html: string, base: string, processOptions?: Record<string, unknown>): Promise<string>;
}
