/** `/sitemap.xml`: every HTML page, or the index of its parts on a very big site; absolute under --site-url when given. */
import type { TemplateData } from "../../src/eleventy/data.ts";
import { sitemapXml } from "../../src/eleventy/feeds.ts";

export const data = { permalink: "/sitemap.xml", eleventyExcludeFromCollections: true };

export function render({ digest }: TemplateData) {
	return sitemapXml(digest);
}
