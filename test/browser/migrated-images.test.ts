/**
 * What a reader sees of a migrated site's images, in real Chromium under a GitHub Pages path prefix:
 * every image on every article page (body images, raw HTML images, figures, lead images, root-absolute `/assets/…`) has
 * loaded, at the size written in its `width`/`height`, and a redirect page from an old URL lands on the
 * article.
 */
import { cp } from "node:fs/promises";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { buildSite } from "../../src/commands/build.ts";
import { projectRoot } from "../../src/paths.ts";
import { launchChromium, serveStatic } from "../support/browser.ts";
import { tempDir } from "../support/fixtures.ts";

const prefix = "/repo/";

async function buildMigrated(folder: string) {
	const articlesDir = path.join(await tempDir("migrated-browser-"), "site");
	await cp(path.join(projectRoot, "test", "fixtures", "migrated", folder), articlesDir, { recursive: true });
	const outputDir = path.join(await tempDir("site-"), "_site");
	const result = await buildSite({
		articlesDir,
		outputDir,
		pathPrefix: prefix,
		siteUrl: "https://example.github.io/repo",
		cacheDir: false,
	});
	return { outputDir, result };
}

test("every image on the article pages of the Jekyll (also with raw HTML), Hugo, Zola, Docusaurus and both WordPress sites loads in Chromium under /repo/", async () => {
	const browser = await launchChromium();
	try {
		let images = 0;
		for (const folder of ["jekyll", "hugo", "zola", "wordpress/output", "wordpress-flat/output", "docusaurus/blog", "jekyll-html"]) {
			const { outputDir, result } = await buildMigrated(folder);
			const server = await serveStatic(outputDir, prefix);
			try {
				const page = await browser.newPage();
				for (const article of result.digest.articles) {
					const response = await page.goto(`${server.origin}${prefix}${article.url.slice(1)}`, { waitUntil: "load" });
					assert.is(response?.status(), 200, article.url);
					// Lazy images load when scrolled to, as a reader scrolls: bring each into view and wait for it.
					const shown = await page.$$eval("article img", async (elements) => {
						const found = [];
						for (const img of elements as HTMLImageElement[]) {
							img.scrollIntoView();
							if (!img.complete || img.naturalWidth === 0)
								await new Promise((resolve) => {
									img.addEventListener("load", resolve, { once: true });
									img.addEventListener("error", resolve, { once: true });
									setTimeout(resolve, 5000);
								});
							found.push({
								src: img.getAttribute("src"),
								loaded: img.complete && img.naturalWidth > 0,
								natural: [img.naturalWidth, img.naturalHeight],
								declared: [Number(img.getAttribute("width")), Number(img.getAttribute("height"))],
							});
						}
						return found;
					});
					for (const img of shown) {
						if (/^https?:/.test(img.src ?? "")) continue;
						images += 1;
						assert.ok(img.loaded, `${folder} ${article.url}: ${img.src} loaded`);
						assert.equal(img.declared, img.natural, `${folder} ${article.url}: ${img.src} declared at its own size`);
					}
				}
				await page.close();
			} finally {
				await server.close();
			}
		}
		// Hugo 4 (harbour twice, corridor, the static/ station), Jekyll 3, Zola 1, WordPress 4, the flat export 4.
		assert.ok(images >= 16, `${images} local images seen`);
	} finally {
		await browser.close();
	}
});

test("an old Hugo alias, opened in Chromium, lands on the article's new page under /repo/", async () => {
	const { outputDir, result } = await buildMigrated("hugo");
	const summit = result.digest.articles.find((article) => article.title === "Rubio and Lavrov meet in Riyadh");
	const server = await serveStatic(outputDir, prefix);
	const browser = await launchChromium();
	try {
		const page = await browser.newPage();
		await page.goto(`${server.origin}${prefix}posts/riyadh.html`);
		await page.waitForURL(`${server.origin}${prefix}${summit?.url.slice(1)}`, { timeout: 10_000 });
		assert.is(await page.locator("h1").textContent(), "Rubio and Lavrov meet in Riyadh");
	} finally {
		await browser.close();
		await server.close();
	}
});

test.run();
