/**
 * The hostile fixture in a real browser: Chromium opens every page of the site built from it (raw HTML
 * sanitised, the default, under a path prefix) and its search, and no script the articles carry ever runs; the
 * live DOM, after the site's own scripts have filled it in, passes the same injection scan; the feeds
 * and the sitemap are well-formed XML to Chromium's strict parser.
 */
import { mkdir, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseHTML } from "linkedom";
import type { Page } from "playwright-core";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { projectRoot } from "../../src/paths.ts";
import { launchChromium, serveStatic } from "../support/browser.ts";
import { tempDir } from "../support/fixtures.ts";
import { injections } from "../support/injections.ts";
import { runScript } from "../support/run-script.ts";

const prefix = "/repo/";
const screenshots = process.env.SCREENSHOT_DIR;

/** Every way an article's script could make itself seen, recorded instead of shown. */
async function recordScriptCalls(page: Page, calls: string[]): Promise<void> {
	page.on("dialog", (dialog) => {
		calls.push(`dialog ${dialog.type()}: ${dialog.message()}`);
		void dialog.dismiss();
	});
	page.on("pageerror", (error) => calls.push(`page error: ${error.message}`));
	await page.exposeFunction("__scriptRan", (what: string) => calls.push(what));
	// alert(), confirm() and prompt() report instead of blocking, whoever calls them.
	await page.addInitScript(() => {
		for (const name of ["alert", "confirm", "prompt", "print"] as const) {
			(window as unknown as Record<string, unknown>)[name] = (...args: unknown[]) =>
				(window as unknown as { __scriptRan(what: string): void }).__scriptRan(`${name}(${args.join(", ")})`);
		}
	});
}

const liveScan = async (page: Page) => {
	const url = new URL(page.url());
	return injections(parseHTML(await page.content()).document as unknown as Document, url, prefix);
};

test("no script from hostile articles runs in Chromium on any page or in search, and the live DOM stays clean", async () => {
	const output = path.join(await tempDir("hostile-browser-"), "_site");
	const built = await runScript("build.ts", [
		"--articles",
		path.join(projectRoot, "test/fixtures/hostile"),
		"--output",
		output,
		"--path-prefix",
		prefix,
	]);
	assert.is(built.code, 0, built.stderr);
	const pages = (await readdir(output, { recursive: true }))
		.map((file) => file.split(path.sep).join("/"))
		.filter((file) => file.endsWith(".html"))
		.sort();
	assert.ok(pages.length > 20, `${pages.length} pages`);

	const server = await serveStatic(output, prefix);
	const browser = await launchChromium();
	const calls: string[] = [];
	const found: string[] = [];
	try {
		// Service workers allowed, as in readers' browsers: the site's own worker runs too.
		const context = await browser.newContext();
		const page = await context.newPage();
		await recordScriptCalls(page, calls);
		// The recorder works: a page that does run an article's script is caught.
		await writeFile(path.join(output, "canary.html"), `<!doctype html><title>c</title><img src="data:," onerror="alert('canary')">`);
		await page.goto(`${server.origin}${prefix}canary.html`, { waitUntil: "load" });
		await page.waitForTimeout(100);
		assert.equal(calls.splice(0), ["alert(canary)"], "the recorder sees a script that runs");

		for (const file of pages) {
			const url = `${server.origin}${prefix}${file.replace(/index\.html$/, "")}`;
			const response = await page.goto(url, { waitUntil: "load" });
			assert.ok(response?.ok() || file === "404.html", `${url}: ${response?.status()}`);
			found.push(...(await liveScan(page)));
		}

		// Search renders results from the index with the page's own script: hostile titles, topics and
		// summaries come back from Pagefind and must be shown as text.
		for (const query of ["?q=alert", "?q=script", `?topic=${encodeURIComponent("<img src=x onerror=alert('topic')>")}`]) {
			await page.goto(`${server.origin}${prefix}search/${query}`, { waitUntil: "load" });
			await page.waitForSelector("[data-search-results] li", { timeout: 15_000 });
			await page.waitForTimeout(300);
			found.push(...(await liveScan(page)));
			const titles = await page.locator("[data-search-results] li a").allTextContents();
			assert.ok(
				titles.some((title) => title.includes("<script>alert('title')</script>")),
				`${query}: ${JSON.stringify(titles)}`,
			);
			if (screenshots && query === "?q=alert") {
				await mkdir(screenshots, { recursive: true });
				await page.screenshot({ path: path.join(screenshots, "hostile-search.png"), fullPage: false });
			}
		}
		if (screenshots) {
			await page.goto(`${server.origin}${prefix}articles/2025/02/18/script-everywhere/`);
			await page.screenshot({ path: path.join(screenshots, "hostile-article.png"), fullPage: true });
			await page.goto(`${server.origin}${prefix}articles/2025/02/16/raw-html/`);
			await page.screenshot({ path: path.join(screenshots, "hostile-raw-html.png"), fullPage: true });
		}

		// Feed readers parse strictly: one unescaped `<` or `&` from an article would make the XML invalid.
		const xmlFiles = [
			"feed.xml",
			"sitemap.xml",
			...pages.filter((file) => file.startsWith("topics/")).map((file) => file.replace(/index\.html$/, "feed.xml")),
		];
		const present = (await readdir(output, { recursive: true })).map((file) => file.split(path.sep).join("/"));
		const feeds = [...new Set(xmlFiles)].filter((file) => present.includes(file));
		assert.ok(feeds.length > 5, `${feeds.length} XML files`);
		for (const file of feeds) {
			const error = await page.evaluate(async (url) => {
				const text = await (await fetch(url)).text();
				const xml = new DOMParser().parseFromString(text, "application/xml");
				return xml.querySelector("parsererror")?.textContent ?? "";
			}, `${server.origin}${prefix}${file}`);
			assert.is(error, "", `${file} is well-formed XML`);
		}
	} finally {
		await browser.close();
		await server.close();
	}
	assert.equal(calls, [], "no article script ran");
	assert.equal(found, []);
});

test.run();
