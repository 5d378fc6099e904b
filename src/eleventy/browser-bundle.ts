/**
 * The code that runs in readers' browsers is TypeScript in `src/browser/` (type-checked against the DOM
 * and WebWorker libraries by `npm run typecheck`), bundled here by esbuild into one classic script each:
 * no modules, because browsers refuse module scripts from `file://`, and no inline code, because of the
 * pages' CSP. The options are fixed and the output names no path or time, so the same sources give the
 * same bytes on every machine (the service worker's cache version is a hash of them).
 */
import path from "node:path";
import { build, stop } from "esbuild";
import { projectRoot } from "../paths.ts";

export const browserSourceDir = path.join(projectRoot, "src", "browser");

/** The scripts pages load from `assets/`, by output name, and their sources in `src/browser/`. */
export const pageScripts = {
	"site-search.js": "site-search.ts",
	"search-page.js": "search-page.ts",
	"search-file-mode.js": "search-file-mode.ts",
} as const;

/** The service worker's source; the build writes it to `sw.js` with its configuration in front. */
export const serviceWorkerEntry = "service-worker.ts";

/** The dev server's `sw.js`: removes a worker a built site left on the same origin, and itself. */
export const retiredWorkerEntry = "retired-worker.ts";

/**
 * Bundles in progress. esbuild's service is a process of its own (~20 MB) that would otherwise stay for
 * the whole build, beside the search indexer at the build's memory peak: it is stopped whenever no bundle
 * is running, and the next bundle starts it again (~5 ms).
 */
let running = 0;

/** Bundles one entry of `src/browser/` into a classic script (an IIFE) and returns its text. */
export async function bundleBrowserScript(entry: string): Promise<string> {
	running++;
	try {
		return await bundle(entry);
	} finally {
		running--;
		if (running === 0) await stop();
	}
}

async function bundle(entry: string): Promise<string> {
	const result = await build({
		entryPoints: [path.join(browserSourceDir, entry)],
		absWorkingDir: projectRoot,
		bundle: true,
		write: false,
		format: "iife",
		platform: "browser",
		// Browsers of the last few years (the pages already need dynamic import and WebAssembly).
		target: ["es2022"],
		minify: true,
		legalComments: "none",
		charset: "utf8",
		sourcemap: false,
		logLevel: "silent",
	});
	const [output] = result.outputFiles;
	if (!output) throw new Error(`esbuild wrote nothing for ${entry}`);
	return output.text;
}
