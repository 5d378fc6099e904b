/**
 * The README's screenshots: the sample digest is built into a temporary folder, served as `npm run serve`
 * would, and shot in headless Chromium at a fixed viewport, so the images always show what the current
 * code builds and always have the same size (the README lays them out side by side).
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildSite } from "../commands/build.ts";
import { launchChromium } from "../commands/chromium.ts";
import { startServer } from "../commands/serve.ts";

export interface Options {
	/**
	 * The digest to show.
	 * @default "articles"
	 */
	articlesDir?: string;
	/**
	 * Where the PNGs are written.
	 * @default "docs/images"
	 */
	imagesDir?: string;
	/**
	 * The query shown on the search page: a word most sample articles have, so that filters fill up.
	 * @default "ceasefire"
	 */
	query?: string;
	/**
	 * Viewport in CSS pixels; the PNGs are exactly this size (device scale factor 1).
	 * @default { width: 1200, height: 900 }
	 */
	viewport?: { width: number; height: number };
	/**
	 * How long the search page may take to show results before the run fails.
	 * @default 60000
	 */
	resultsTimeoutMs?: number;
}

export const defaults = {
	articlesDir: "articles",
	imagesDir: "docs/images",
	query: "ceasefire",
	viewport: { width: 1200, height: 900 },
	resultsTimeoutMs: 60_000,
} satisfies Required<Options>;

/** The search shown found nothing: a picture of an empty result list would not show what search does. */
export class NoSearchResults extends Error {
	override name = "NoSearchResults";
}

/** Writes `home.png` and `search.png`; returns their paths. */
export async function takeScreenshots(options: Options = {}): Promise<string[]> {
	const { articlesDir, imagesDir, query, viewport, resultsTimeoutMs } = { ...defaults, ...options };
	const work = await mkdtemp(path.join(tmpdir(), "topic-digest-screenshots-"));
	try {
		const outputDir = path.join(work, "site");
		// No parse cache: the pictures must come from the articles as they are, not from an earlier build.
		await buildSite({ articlesDir, outputDir, cacheDir: false });
		const server = await startServer({ outputDir, port: 0 });
		const browser = await launchChromium();
		try {
			// A fresh reader: light scheme, no service worker (it would only add background requests), no motion.
			const context = await browser.newContext({
				viewport,
				deviceScaleFactor: 1,
				colorScheme: "light",
				reducedMotion: "reduce",
				serviceWorkers: "block",
			});
			const page = await context.newPage();
			await mkdir(imagesDir, { recursive: true });
			const home = path.join(imagesDir, "home.png");
			await page.goto(server.url, { waitUntil: "networkidle" });
			await page.screenshot({ path: home });

			const search = path.join(imagesDir, "search.png");
			await page.goto(new URL(`search/?q=${encodeURIComponent(query)}`, server.url).href, { waitUntil: "networkidle" });
			// Results and filter counts arrive after Pagefind has loaded; shoot once both are on screen.
			try {
				await page.waitForSelector(".search-result", { timeout: resultsTimeoutMs });
				await page.waitForSelector(".search-facet:not([hidden])", { timeout: resultsTimeoutMs });
				// Results arrive one by one and the page is busy until the last and the counts are shown: the
				// search page says when (`data-searches-shown`), so both runs photograph the same finished page.
				await page.waitForSelector("[data-search][data-searches-shown]", { timeout: resultsTimeoutMs });
			} catch {
				throw new NoSearchResults(
					`the search page shows no results for "${query}" after ${resultsTimeoutMs} ms: choose a query the digest has`,
				);
			}
			await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
			// What is painted settles a little after the page is done (2 pixels of the sort control were seen to
			// differ under load): shot until two in a row are the same, as Playwright's own comparisons do.
			let shot = await page.screenshot({ animations: "disabled", caret: "hide" });
			for (let attempt = 0; attempt < 10; attempt++) {
				await page.waitForTimeout(150);
				const next = await page.screenshot({ animations: "disabled", caret: "hide" });
				if (next.equals(shot)) break;
				shot = next;
			}
			await writeFile(search, shot);
			await context.close();
			return [home, search];
		} finally {
			await browser.close();
			await server.close();
		}
	} finally {
		await rm(work, { recursive: true, force: true });
	}
}
