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

/** Bundles made or under way in this process, by entry. */
const bundled = new Map<string, Promise<string>>();

/**
 * An entry of `src/browser/` bundled once per process: a build renders in several Eleventy runs, each of
 * which writes `assets/` (10,000 news items: six runs, ~50 ms of bundling each), and the dev server
 * re-indexes on every change. The sources are this project's, not the digest's, and do not change while it
 * runs (`npm start` restarts when they do). A failed bundle is tried again by the next caller rather than
 * remembered.
 */
export function bundledScript(entry: string): Promise<string> {
	let script = bundled.get(entry);
	if (!script) {
		script = bundleBrowserScript(entry);
		script.catch(() => bundled.delete(entry));
		bundled.set(entry, script);
	}
	return script;
}

/**
 * Starts bundling the page scripts and the service worker, one after another as their callers take them,
 * for a build to call before it loads the articles: its first run then finds the page scripts bundled
 * instead of waiting ~60 ms for esbuild (its own process) with nothing else to do, and the search step its
 * worker script (10,000 news items). A failure is left for the caller to meet again.
 */
export function bundleScriptsAhead(): void {
	let previous: Promise<unknown> = Promise.resolve();
	for (const entry of [...Object.values(pageScripts), serviceWorkerEntry])
		previous = previous.then(() => bundledScript(entry)).catch(() => undefined);
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
