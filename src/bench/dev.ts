/**
 * The editor's wait in `npm start`: the dev server started on a copy of the digest, the search page open
 * in a real Chromium tab with service workers allowed (as every reader's and editor's browser has them),
 * one new article saved, then the time until its page is served and until that same tab, reloaded by
 * the dev server, shows it among the results.
 */
import { cp, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { waitUntil } from "../authoring/served-search.ts";
import { launchChromium } from "../chromium.ts";
import { startDevServer } from "../dev-server.ts";

export interface DevMeasurement {
	/** Milliseconds from starting the dev server to its first build being served. */
	startupMs: number;
	/** Milliseconds from saving the new article to its page being served. */
	servedMs: number;
	/** Milliseconds from saving it to the open search tab showing it. */
	searchableMs: number;
}

/** Runs the dev server over a copy of `articlesDir` in `workDir`. */
export async function measureDevServer(articlesDir: string, workDir: string, timeoutMs = 600_000): Promise<DevMeasurement> {
	const copy = path.join(workDir, "articles");
	await cp(articlesDir, copy, { recursive: true });
	const started = performance.now();
	const quiet = { log: () => {}, error: () => {} };
	const server = await startDevServer({ articlesDir: copy, outputDir: path.join(workDir, "_site"), port: 0, log: quiet });
	const startupMs = performance.now() - started;
	const browser = await launchChromium();
	try {
		const origin = server.url.replace("localhost", "127.0.0.1");
		const word = "zyxbenchprobe";
		// The tab the editor keeps open: service workers allowed (the context's default).
		const context = await browser.newContext();
		const page = await context.newPage();
		await page.goto(new URL(`search/?q=${word}`, origin).href);
		await page.waitForSelector("[data-search][data-searches-shown]", { timeout: timeoutMs });
		// The file watcher settles a moment after the first build.
		await new Promise((resolve) => setTimeout(resolve, 1000));
		const saved = performance.now();
		await mkdir(path.join(copy, "2099", "01"), { recursive: true });
		await writeFile(
			path.join(copy, "2099", "01", "bench-probe.md"),
			`---\ntitle: Bench probe\ndate: 2099-01-01\ntopics: [bench]\n---\nThe ${word} article.\n`,
		);
		const found = page.waitForSelector(".search-result-title a", { timeout: timeoutMs }).then(() => performance.now() - saved);
		await waitUntil(
			"the new page",
			async () => {
				const served = server.digest().articles.find((article) => article.title === "Bench probe");
				return served !== undefined && (await fetch(new URL(served.url, origin))).ok;
			},
			timeoutMs,
		);
		const servedMs = performance.now() - saved;
		// The dev server reloads the tab once the rebuild, the new article's index included, is written.
		const searchableMs = await found;
		return { startupMs, servedMs, searchableMs };
	} finally {
		await browser.close();
		await server.stop();
	}
}
