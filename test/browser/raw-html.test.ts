/**
 * Raw HTML and MDX as a reader's browser runs them: Chromium opens the article pages of the Docusaurus
 * blog and of the Jekyll site with raw HTML (sanitised, the default) under a path prefix. No script an
 * article carries runs (no dialog, no page error, nothing it tried to set), no handler attribute is in the
 * live DOM, the page's Content-Security-Policy reports no violation (so nothing the sanitised markup
 * needs is blocked), the audio player has its episode, a details box opens on a click, and an admonition's
 * label is visible in light and dark colour schemes, where axe-core finds no serious violation and the page
 * fits a 320 px screen, table included. With SCREENSHOT_DIR set, the Black Sea post (an
 * admonition, a table, a details box) is photographed in both schemes.
 */
import { cp, mkdir } from "node:fs/promises";
import path from "node:path";
import type { Page } from "playwright-core";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { buildSite } from "../../src/commands/build.ts";
import { projectRoot } from "../../src/paths.ts";
import { launchChromium, serveStatic } from "../support/browser.ts";
import { tempDir } from "../support/fixtures.ts";

const prefix = "/repo/";
const axePath = path.join(projectRoot, "node_modules", "axe-core", "axe.min.js");
const screenshots = process.env.SCREENSHOT_DIR;

async function buildMigrated(folder: string) {
	const articlesDir = path.join(await tempDir("raw-html-browser-"), "site");
	await cp(path.join(projectRoot, "test", "fixtures", "migrated", folder), articlesDir, { recursive: true });
	const outputDir = path.join(await tempDir("site-"), "_site");
	const result = await buildSite({ articlesDir, outputDir, pathPrefix: prefix, cacheDir: false });
	return { outputDir, result };
}

/** What an article's script could do to be seen, and what the page's policy refused, recorded per page. */
async function watch(page: Page, seen: string[]): Promise<void> {
	page.on("dialog", (dialog) => {
		seen.push(`dialog: ${dialog.message()}`);
		void dialog.dismiss();
	});
	page.on("pageerror", (error) => seen.push(`page error: ${error.message}`));
	page.on("console", (message) => {
		if (/Content.Security.Policy/i.test(message.text())) seen.push(`CSP: ${message.text()}`);
	});
	await page.addInitScript(() => {
		document.addEventListener("securitypolicyviolation", (event) => {
			(window as unknown as { violations?: string[] }).violations ??= [];
			(window as unknown as { violations: string[] }).violations.push(`${event.violatedDirective} ${event.blockedURI}`);
		});
	});
}

test("in Chromium, raw HTML and MDX articles run no script of theirs, keep no handler, and need nothing the CSP blocks", async () => {
	const browser = await launchChromium();
	try {
		const seen: string[] = [];
		let pages = 0;
		for (const folder of ["jekyll-html", "docusaurus/blog"]) {
			const { outputDir, result } = await buildMigrated(folder);
			const server = await serveStatic(outputDir, prefix);
			try {
				const page = await browser.newPage();
				await watch(page, seen);
				for (const article of result.digest.articles) {
					const response = await page.goto(`${server.origin}${prefix}${article.url.slice(1)}`, { waitUntil: "load" });
					assert.is(response?.status(), 200, article.url);
					await page.waitForTimeout(150);
					const state = await page.evaluate(() => ({
						title: document.title,
						pwned: document.body.dataset.pwned ?? "",
						handlers: [...document.querySelectorAll("*")].flatMap((element) =>
							[...element.attributes]
								.filter((attribute) => /^on/i.test(attribute.name))
								.map((attribute) => `${element.localName} ${attribute.name}`),
						),
						scriptUrls: [...document.querySelectorAll("[href], [src]")]
							.map((element) => element.getAttribute("href") ?? element.getAttribute("src") ?? "")
							.filter((url) => /^\s*(javascript|data|vbscript):/i.test(url)),
						violations: (window as unknown as { violations?: string[] }).violations ?? [],
					}));
					assert.ok(state.title.startsWith(article.title), `${article.url}: title ${state.title}`);
					assert.is(state.pwned, "", article.url);
					assert.equal(state.handlers, [], article.url);
					assert.equal(state.scriptUrls, [], article.url);
					assert.equal(state.violations, [], `${article.url}: CSP violations`);
					pages++;
				}
			} finally {
				await server.close();
			}
		}
		assert.is(pages, 6);
		assert.equal(seen, [], "no dialog, page error or CSP report");
	} finally {
		await browser.close();
	}
});

test("in Chromium, the episode's player loads its audio, a details box opens on a click, and an admonition's label shows in both colour schemes", async () => {
	const browser = await launchChromium();
	try {
		const jekyll = await buildMigrated("jekyll-html");
		const jekyllServer = await serveStatic(jekyll.outputDir, prefix);
		try {
			const page = await browser.newPage();
			const episode = jekyll.result.digest.articles.find((article) => article.title.startsWith("Episode 1"));
			await page.goto(`${jekyllServer.origin}${prefix}${episode?.url.slice(1)}`, { waitUntil: "load" });
			const audio = await page.$eval(".article-body audio", async (element) => {
				const player = element as HTMLAudioElement;
				player.load();
				await new Promise((resolve) => {
					player.addEventListener("loadedmetadata", resolve, { once: true });
					player.addEventListener("error", resolve, { once: true });
					setTimeout(resolve, 5000);
				});
				return { source: player.currentSrc, network: player.networkState, error: player.error?.code ?? 0 };
			});
			assert.match(audio.source, `${prefix}assets/audio/episode-1.mp3`);
			// The file is found and fetched: a media error would be 2 (network) or 4 (not found or not allowed).
			assert.not.ok(audio.error === 2 || audio.error === 4, JSON.stringify(audio));
			assert.is(await page.locator(".article-body details p").isVisible(), false, "closed at first");
			// As a reader does: scrolled to first, once the page has settled (the embed above it loads lazily).
			await page.locator(".article-body summary").scrollIntoViewIfNeeded();
			await page.waitForTimeout(300);
			await page.locator(".article-body summary").click();
			assert.is(await page.locator(".article-body details p").isVisible(), true, "open after a click");
		} finally {
			await jekyllServer.close();
		}

		const docusaurus = await buildMigrated("docusaurus/blog");
		const server = await serveStatic(docusaurus.outputDir, prefix);
		try {
			const blackSea = docusaurus.result.digest.articles.find((article) => article.title === "Black Sea talks end");
			for (const colorScheme of ["light", "dark"] as const) {
				// axe-core is injected as a script, which the page's own policy forbids: this context bypasses it.
				const context = await browser.newContext({ colorScheme, bypassCSP: true, viewport: { width: 900, height: 900 } });
				const page = await context.newPage();
				await page.goto(`${server.origin}${prefix}${blackSea?.url.slice(1)}`, { waitUntil: "load" });
				const label = page.locator(".admonition-danger .admonition-label");
				assert.is(await label.textContent(), "Danger");
				assert.ok(await label.isVisible());
				const colours = await label.evaluate((element) => {
					const style = getComputedStyle(element);
					const box = getComputedStyle(element.parentElement as Element);
					return { text: style.color, background: box.backgroundColor };
				});
				assert.is.not(colours.text, colours.background, `${colorScheme}: the label stands out from its box`);
				assert.is(await page.locator(".article-body table tr").count(), 4);
				await page.addScriptTag({ path: axePath });
				const violations = await page.evaluate(async () => {
					const { axe } = window as unknown as {
						axe: { run(context: Element, options: object): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> };
					};
					const found = await axe.run(document.querySelector("article") as Element, { resultTypes: ["violations"] });
					return found.violations
						.filter((violation) => violation.impact === "serious" || violation.impact === "critical")
						.map((violation) => violation.id);
				});
				assert.equal(violations, [], `${colorScheme}: axe-core on the article (contrast of the labels and boxes included)`);
				await page.setViewportSize({ width: 320, height: 640 });
				assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 320, `${colorScheme}: fits a 320 px screen`);
				await page.setViewportSize({ width: 900, height: 900 });
				if (screenshots) {
					await mkdir(screenshots, { recursive: true });
					await page.locator("article").screenshot({ path: path.join(screenshots, `raw-html-article-${colorScheme}.png`) });
				}
				await context.close();
			}
		} finally {
			await server.close();
		}
	} finally {
		await browser.close();
	}
});

test.run();
