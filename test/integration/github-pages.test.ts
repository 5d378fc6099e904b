/**
 * What GitHub Pages reads from a build: `.nojekyll`, `CNAME`, a 404 page that works at any depth, absolute
 * canonical and sitemap URLs from `--site-url`, and a robots.txt naming the sitemap. The settings script
 * the deploy workflow runs gives the prefix and URL the build then uses.
 */
import { execFile } from "node:child_process";
import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { projectRoot } from "../../src/paths.ts";
import { articleText, buildFixture, readPage, tempDir, writeArticles } from "../support/fixtures.ts";
import { runScript } from "../support/run-script.ts";
import { gateSite, gateSiteUrl, htmlPages } from "../support/gate-site.ts";

const run = promisify(execFile);
const files = {
	"2025/02/riyadh-talks.md": articleText({ title: "Talks in Riyadh", date: "2025-02-18", topics: ["diplomacy"] }),
	"2025/03/london-summit.md": articleText({ title: "London summit", date: "2025-03-02", topics: ["diplomacy"] }),
};

test("the output has .nojekyll, so Pages serves every file as built", async () => {
	const outputDir = await gateSite();
	const marker = await stat(path.join(outputDir, ".nojekyll"));
	assert.is(marker.size, 0);
	const names = await readdir(outputDir);
	assert.not.ok(names.includes("CNAME"), "no CNAME without a custom domain");
});

test("a CNAME in the articles folder is copied to the output, and the workflow's settings put the site at its root", async () => {
	const articlesDir = await writeArticles({ ...files, CNAME: "News.Example.org\n" });
	const script = path.join(projectRoot, "scripts", "pages-settings.ts");
	const tsx = path.join(projectRoot, "node_modules", ".bin", "tsx");
	const { stdout } = await run(tsx, [
		script,
		"--repository",
		"alice/topic-digest",
		"--pages-url",
		"https://alice.github.io/topic-digest",
		"--articles",
		articlesDir,
	]);
	assert.is(stdout, "path_prefix=/\nsite_url=https://news.example.org\n");
	const { outputDir } = await buildFixture(
		{ ...files, CNAME: "News.Example.org\n" },
		{ pathPrefix: "/", siteUrl: "https://news.example.org" },
	);
	assert.is(await readFile(path.join(outputDir, "CNAME"), "utf8"), "news.example.org\n");
	const page = await readPage(outputDir, "/articles/2025/02/18/riyadh-talks/");
	assert.is(page.querySelector("link[rel=canonical]")?.getAttribute("href"), "https://news.example.org/articles/2025/02/18/riyadh-talks/");
});

test("a CNAME that is not a domain stops the build as path:1: CNAME: and leaves the previous output", async () => {
	const { outputDir } = await buildFixture(files);
	const before = await readFile(path.join(outputDir, "index.html"), "utf8");
	const articlesDir = await writeArticles({ ...files });
	await writeFile(path.join(articlesDir, "CNAME"), "https://news.example.org/\n");
	const script = path.join(projectRoot, "scripts", "build.ts");
	const tsx = path.join(projectRoot, "node_modules", ".bin", "tsx");
	const failed = await run(tsx, [script, "--articles", articlesDir, "--output", outputDir]).catch(
		(error: { code: number; stderr: string }) => error,
	);
	assert.is((failed as { code: number }).code, 1, (failed as { stderr: string }).stderr);
	assert.match(
		(failed as { stderr: string }).stderr,
		`${path.join(articlesDir, "CNAME")}:1: CNAME: "https://news.example.org/" is not a domain name`,
		(failed as { stderr: string }).stderr,
	);
	assert.not.match((failed as { stderr: string }).stderr, /\n\s+at /);
	assert.is(await readFile(path.join(outputDir, "index.html"), "utf8"), before);
});

test("every page's canonical URL is absolute under --site-url and names the page itself", async () => {
	const outputDir = await gateSite();
	for (const sitePath of await htmlPages(outputDir)) {
		if (sitePath === "/404.html") continue;
		const page = await readPage(outputDir, sitePath);
		assert.is(page.querySelector("link[rel=canonical]")?.getAttribute("href"), `${gateSiteUrl}${sitePath}`, sitePath);
	}
});

test("the sitemap lists every page by its absolute URL, and robots.txt names the sitemap", async () => {
	const outputDir = await gateSite();
	const sitemap = await readFile(path.join(outputDir, "sitemap.xml"), "utf8");
	const locations = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map(([, url]) => url ?? "");
	const pages = (await htmlPages(outputDir)).filter((sitePath) => sitePath !== "/404.html");
	assert.equal([...locations].sort(), pages.map((sitePath) => `${gateSiteUrl}${sitePath}`).sort());
	const robots = await readFile(path.join(outputDir, "robots.txt"), "utf8");
	assert.match(robots, new RegExp(`^Sitemap: ${gateSiteUrl}/sitemap\\.xml$`, "m"));
});

test("--no-offline, the remedy a site too large is told of, leaves out the service worker's packs and keeps search", async () => {
	const output = path.join(await tempDir("no-offline-"), "site");
	const built = await runScript("build.ts", ["--articles", await writeArticles(files), "--output", output, "--no-offline"]);
	assert.is(built.code, 0, built.stderr);
	const pagefind = await readdir(path.join(output, "pagefind"));
	assert.not.ok(pagefind.includes("offline"), "no offline packs");
	assert.not.ok(pagefind.includes("offline.json"), "no offline manifest");
	assert.ok(pagefind.includes("pagefind-entry.json"), "the search index is written");
	for (const url of ["/", "/articles/2025/02/18/riyadh-talks/", "/search/"]) {
		const page = await readPage(output, url);
		assert.ok(page.querySelector("script[src$='site-search.js']"), `${url}: the header search stays`);
		assert.not.ok(page.querySelector("[data-service-worker]"), `${url}: no service worker is registered`);
	}
	// A worker an earlier build registered in readers' browsers is replaced by one that removes itself.
	const worker = await readFile(path.join(output, "sw.js"), "utf8");
	assert.match(worker, "unregister()", "the retiring worker");
	assert.not.match(worker, "offline-copy.json", "not the offline worker");
});

test.run();
