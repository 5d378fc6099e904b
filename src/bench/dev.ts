/**
 * The editor's wait in `npm start`: the dev server started on a copy of the digest, one new article
 * saved, then the time until its page is served and until the running site's search finds it.
 */
import { cp, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { searchServedSite, waitUntil } from "../authoring/served-search.ts";
import { startDevServer } from "../dev-server.ts";

export interface DevMeasurement {
	/** Milliseconds from starting the dev server to its first build being served. */
	startupMs: number;
	/** Milliseconds from saving the new article to its page being served. */
	servedMs: number;
	/** Milliseconds from saving it to the site's search finding it. */
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
	try {
		const origin = server.url.replace("localhost", "127.0.0.1");
		// The file watcher settles a moment after the first build.
		await new Promise((resolve) => setTimeout(resolve, 1000));
		const word = "zyxbenchprobe";
		const saved = performance.now();
		await mkdir(path.join(copy, "2099", "01"), { recursive: true });
		await writeFile(
			path.join(copy, "2099", "01", "bench-probe.md"),
			`---\ntitle: Bench probe\ndate: 2099-01-01\ntopics: [bench]\n---\nThe ${word} article.\n`,
		);
		const url = "/articles/2099/01/01/bench-probe/";
		await waitUntil("the new page", async () => (await fetch(new URL(url, origin))).ok, timeoutMs);
		const servedMs = performance.now() - saved;
		// Polled while the index is being rewritten, Pagefind may read a half-written file and reject a
		// promise nobody awaits; that only means "not searchable yet".
		const notYet = () => {};
		process.on("unhandledRejection", notYet);
		try {
			await waitUntil("the new article in search", async () => (await searchServedSite(origin, word)).includes(url), timeoutMs);
		} finally {
			process.off("unhandledRejection", notYet);
		}
		const searchableMs = performance.now() - saved;
		return { startupMs, servedMs, searchableMs };
	} finally {
		await server.stop();
	}
}
