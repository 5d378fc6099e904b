/** `/robots.txt`: everything may be crawled; names the sitemap. */
import type { TemplateData } from "../../src/eleventy/data.ts";
import { robotsTxt } from "../../src/eleventy/feeds.ts";

export const data = { permalink: "/robots.txt", eleventyExcludeFromCollections: true };

export function render({ digest }: TemplateData) {
	return robotsTxt(digest);
}
