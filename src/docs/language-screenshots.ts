/**
 * The pictures of docs/search.md's languages section: the mixed English/Russian/Ukrainian fixture built,
 * served, and shot in Chromium in the light and the dark scheme — a Russian article, a Ukrainian one, and
 * a search typed on an English page that finds all three languages. Run it with
 * `npx tsx src/docs/language-screenshots.ts` (it writes docs/images/languages-*.png).
 */
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildSite } from "../commands/build.ts";
import { launchChromium } from "../commands/chromium.ts";
import { projectRoot } from "../paths.ts";
import { startServer } from "../commands/serve.ts";

const fixture = path.join(projectRoot, "test", "fixtures", "languages", "mixed");

/** What is shot: file name part and the page's path (from the site's root). */
const shots = [
	{ name: "ru-article", path: "articles/2025/02/14/ru-moskva-peregovory/" },
	{ name: "uk-article", path: "articles/2025/02/23/uk-kyievi-forum/" },
	{ name: "mixed-search", path: `search/?q=${encodeURIComponent("Москва")}` },
];

export async function takeLanguageScreenshots(imagesDir = path.join(projectRoot, "docs", "images")): Promise<string[]> {
	const work = await mkdtemp(path.join(tmpdir(), "topic-digest-language-shots-"));
	const written: string[] = [];
	try {
		const outputDir = path.join(work, "site");
		await buildSite({ articlesDir: fixture, outputDir, cacheDir: false });
		const server = await startServer({ outputDir, port: 0 });
		const browser = await launchChromium();
		try {
			await mkdir(imagesDir, { recursive: true });
			for (const scheme of ["light", "dark"] as const) {
				const context = await browser.newContext({
					viewport: { width: 1000, height: 1100 },
					deviceScaleFactor: 1,
					colorScheme: scheme,
					reducedMotion: "reduce",
					serviceWorkers: "block",
				});
				const page = await context.newPage();
				for (const shot of shots) {
					await page.goto(new URL(shot.path, server.url).href, { waitUntil: "networkidle" });
					if (shot.path.startsWith("search/")) await page.waitForSelector("[data-search][data-searches-shown]", { timeout: 60_000 });
					await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
					const file = path.join(imagesDir, `languages-${shot.name}-${scheme}.png`);
					await page.screenshot({ path: file, animations: "disabled", caret: "hide" });
					written.push(file);
				}
				await context.close();
			}
		} finally {
			await browser.close();
			await server.close();
		}
	} finally {
		await rm(work, { recursive: true, force: true });
	}
	return written;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	for (const file of await takeLanguageScreenshots()) console.log(path.relative(process.cwd(), file));
}
