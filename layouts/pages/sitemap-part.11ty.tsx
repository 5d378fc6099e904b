/** `/sitemap-N.xml`: the files of a sitemap too big for one (over 50,000 pages); none for smaller sites. */
import type { SitemapPart } from "../../src/model/collections.ts";
import type { TemplateData } from "../../src/eleventy/data.ts";
import { sitemapPartXml } from "../../src/eleventy/feeds.ts";
import { onePagePer } from "../../src/eleventy/paginate.ts";

type Data = TemplateData & { part: SitemapPart };

export const data = onePagePer("digest.sitemapParts", "part", (part: SitemapPart) => part.path);

export function render({ digest, part }: Data) {
	return sitemapPartXml(digest, part);
}
