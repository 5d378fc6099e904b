/**
 * The dev server indexes a new article ahead of its rebuild from a record rendered from the digest alone
 * (src/search/search-record.tsx). That record must index exactly as the page the rebuild then writes, or
 * a reader would see the article's result change a few seconds later: the sample digest's articles,
 * indexed both ways, give byte-identical Pagefind files.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { buildSite } from "../../src/commands/build.ts";
import { buildSiteModel } from "../../src/model/collections.ts";
import { loadDigest } from "../../src/content/load.ts";
import { sampleArticlesDir } from "../../src/paths.ts";
import { writeSearchIndex } from "../../src/search/indexer.ts";
import { searchRecords } from "../../src/search/search-record.tsx";
import { tempDir } from "../support/fixtures.ts";

async function filesOf(dir: string): Promise<Map<string, Buffer>> {
	const files = new Map<string, Buffer>();
	for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile()) continue;
		const file = path.join(entry.parentPath, entry.name);
		files.set(path.relative(dir, file), await readFile(file));
	}
	return files;
}

test("an article's record rendered ahead of its page indexes byte for byte as the written page", async () => {
	const outputDir = path.join(await tempDir("record-site-"), "_site");
	await buildSite({ articlesDir: sampleArticlesDir, outputDir });
	const digest = await loadDigest(sampleArticlesDir, { cache: false });
	assert.ok(
		digest.articles.some((article) => article.people.length > 0 && article.topics.length > 0),
		"people and topics are covered",
	);
	// The model of an earlier rebuild, without the newest article: its topics' titles must come from the digest.
	const earlier = buildSiteModel({ ...digest, articles: digest.articles.slice(1) }, { pathPrefix: "/", siteUrl: "" });
	const record = searchRecords(earlier, digest);
	const indexes = await tempDir("record-index-");
	const language = digest.site.language;
	await writeSearchIndex(
		indexes,
		digest.articles.map((article) => ({ url: article.url, content: record(article) })),
		{ folder: "ahead", language },
	);
	const written = await Promise.all(
		digest.articles.map(async (article) => ({
			url: article.url,
			content: await readFile(path.join(outputDir, ...article.url.split("/"), "index.html"), "utf8"),
		})),
	);
	await writeSearchIndex(indexes, written, { folder: "pages", language });
	const ahead = await filesOf(path.join(indexes, "ahead"));
	const pages = await filesOf(path.join(indexes, "pages"));
	assert.ok(pages.size > 3, "an index was written");
	assert.equal([...ahead.keys()].sort(), [...pages.keys()].sort(), "the same files");
	for (const [file, bytes] of pages) assert.ok(ahead.get(file)?.equals(bytes), `${file} is the same`);
});

test.run();
