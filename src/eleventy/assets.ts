/**
 * `/assets/`: the stylesheet is copied as it is; the browser scripts are bundled from `src/browser/`
 * (src/eleventy/browser-bundle.ts) before the pages are rendered, so that the search plugin, which hashes
 * `assets/` for the service worker's version, finds them in place.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { bundleBrowserScript, pageScripts } from "./browser-bundle.ts";
import { assetsDir } from "../paths.ts";

/**
 * Each page script as bundled, once per process: a build renders in several Eleventy runs, each of which
 * writes `assets/` (10,000 news items: six runs, ~50 ms of bundling each). The sources are this project's,
 * not the digest's, and do not change while it runs.
 */
const bundled = new Map<string, Promise<string>>();

function pageScript(entry: string): Promise<string> {
	let script = bundled.get(entry);
	if (!script) {
		script = bundleBrowserScript(entry);
		// A failed bundle is tried again by the next run rather than remembered.
		script.catch(() => bundled.delete(entry));
		bundled.set(entry, script);
	}
	return script;
}

/**
 * Starts bundling the page scripts, one after another as `assetsPlugin` does, for a build to call before it
 * loads the articles: the first run then finds them bundled instead of waiting ~60 ms for esbuild, its own
 * process, while the main thread has nothing else to do (10,000 news items). A failure is left for that
 * run to meet again.
 */
export function bundlePageScriptsAhead(): void {
	let previous: Promise<unknown> = Promise.resolve();
	for (const entry of Object.values(pageScripts)) previous = previous.then(() => pageScript(entry)).catch(() => undefined);
}

// biome-ignore lint/suspicious/noExplicitAny: Eleventy's config object is untyped.
export function assetsPlugin(eleventyConfig: any): void {
	eleventyConfig.addPassthroughCopy({ [assetsDir]: "assets" });
	eleventyConfig.on("eleventy.before", async ({ directories }: { directories: { output: string } }) => {
		const folder = path.join(path.resolve(directories.output), "assets");
		await mkdir(folder, { recursive: true });
		// One after another (esbuild's service restarts for each, ~5 ms). Bundled at once, the same bytes
		// came in another order and shifted the timing of test/browser/offline.test.ts, whose last reload then
		// met a service worker handover after a deploy in about a third of runs; a deploy no longer installs
		// a worker (src/browser/service-worker.ts), but nothing is gained by bundling at once.
		for (const [name, entry] of Object.entries(pageScripts)) await writeFile(path.join(folder, name), await pageScript(entry));
	});
}
