/**
 * A sitemap file may list 50,000 URLs (sitemaps.org); 100,000 articles make ~130,000 pages. Past the limit
 * the build writes the sitemap in parts with `/sitemap.xml` as their index. Built here from the sample
 * digest with the limit lowered to 10 URLs through the site model, so the real templates do the splitting.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { DOMParser } from "linkedom";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { buildSite } from "../../src/commands/build.ts";
import { buildSiteModel } from "../../src/model/collections.ts";
import { loadDigest } from "../../src/content/load.ts";
import { sampleArticlesDir } from "../../src/paths.ts";
import { tempDir } from "../support/fixtures.ts";

const siteUrl = "https://example.github.io/repo";
const pathPrefix = "/repo/";

const xmlOf = async (file: string) => new DOMParser().parseFromString(await readFile(file, "utf8"), "text/xml");
const locs = (document: { querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }> }, selector: string) =>
	Array.from(document.querySelectorAll(selector)).map((loc) => loc.textContent ?? "");

/** Every HTML page of a built site as its public URL (`…/index.html` as `…/`), the 404 page aside. */
async function pageUrls(outputDir: string): Promise<Set<string>> {
	const urls = new Set<string>();
	for (const entry of await readdir(outputDir, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile() || !entry.name.endsWith(".html")) continue;
		const relative = path.relative(outputDir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/");
		if (relative === "404.html") continue;
		urls.add(`${siteUrl}/${relative.replace(/(^|\/)index\.html$/, "$1")}`);
	}
	return urls;
}

test("over the per-file limit the sitemap is an index of parts that together list every page once", async () => {
	const digest = await loadDigest(sampleArticlesDir);
	const model = Object.freeze(buildSiteModel(digest, { pathPrefix, siteUrl }, { sitemapUrls: 10 }));
	const outputDir = path.join(await tempDir("sitemap-parts-"), "_site");
	await buildSite({ articlesDir: sampleArticlesDir, outputDir, pathPrefix, siteUrl, model, fileSearch: false });

	const index = await xmlOf(path.join(outputDir, "sitemap.xml"));
	assert.is(index.documentElement.nodeName, "sitemapindex");
	const parts = locs(index, "sitemap > loc");
	const expected = Math.ceil(model.sitemap.length / 10);
	assert.ok(expected >= 3, `the sample digest has ${model.sitemap.length} pages`);
	assert.equal(
		parts,
		Array.from({ length: expected }, (_, n) => `${siteUrl}/sitemap-${n + 1}.xml`),
	);
	assert.is(index.querySelectorAll("sitemap > lastmod").length, expected, "each part says when it last changed");

	const listed: string[] = [];
	for (const part of parts) {
		const document = await xmlOf(path.join(outputDir, new URL(part).pathname.replace(pathPrefix, "")));
		assert.is(document.documentElement.nodeName, "urlset");
		const urls = locs(document, "url > loc");
		assert.ok(urls.length > 0 && urls.length <= 10, `${part}: ${urls.length} URLs`);
		listed.push(...urls);
	}
	assert.is(new Set(listed).size, listed.length, "no page is listed twice");
	assert.equal(new Set(listed), await pageUrls(outputDir));
	assert.match(await readFile(path.join(outputDir, "robots.txt"), "utf8"), `Sitemap: ${siteUrl}/sitemap.xml`);
});

test("under the limit there is one sitemap file and no parts", async () => {
	const outputDir = path.join(await tempDir("sitemap-one-"), "_site");
	await buildSite({ articlesDir: sampleArticlesDir, outputDir, pathPrefix, siteUrl, fileSearch: false });
	const sitemap = await xmlOf(path.join(outputDir, "sitemap.xml"));
	assert.is(sitemap.documentElement.nodeName, "urlset");
	assert.equal(new Set(locs(sitemap, "url > loc")), await pageUrls(outputDir));
	assert.not.ok((await readdir(outputDir)).some((name) => /^sitemap-\d+\.xml$/.test(name)));
});

test.run();
