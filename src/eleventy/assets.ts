/**
 * `/assets/`: the stylesheet is copied as it is; the browser scripts are bundled from `src/browser/`
 * (src/eleventy/browser-bundle.ts) before the pages are rendered, so that the search plugin, which hashes
 * `assets/` for the service worker's version, finds them in place.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { bundledScript, pageScripts } from "./browser-bundle.ts";
import { assetsDir } from "../paths.ts";

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
		for (const [name, entry] of Object.entries(pageScripts)) await writeFile(path.join(folder, name), await bundledScript(entry));
	});
}
