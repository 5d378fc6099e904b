/**
 * How long the editor waits in `npm start`: from saving a new article to its page being served and the
 * article being found by the running site's search. Measured on a generated digest of any size.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { writeCorpus } from "../bench/corpus.ts";
import { startDevServer } from "../dev-server.ts";

export interface LatencyOptions {
	/**
	 * Articles in the generated digest.
	 * @default 5000
	 */
	articles?: number;
	/**
	 * Give up waiting after this many milliseconds.
	 * @default 600000
	 */
	timeoutMs?: number;
	/** Lines about progress (the dev server's own included); silent by default. */
	log?: (line: string) => void;
}

export const latencyDefaults = { articles: 5000, timeoutMs: 600_000, log: () => {} } satisfies Required<LatencyOptions>;

export interface LatencyReport {
	articles: number;
	/** Milliseconds from `npm start` to the first page being served. */
	startup: number;
	/** Milliseconds from writing the new file to its page being served. */
	served: number;
	/** Milliseconds from writing the new file to the running site's search finding it. */
	searchable: number;
}

/**
 * Searches a running site the way its search page does: the site's own `pagefind.js`, loaded into this
 * process, fetching the index over HTTP. A fresh module per call sees the index as it is now.
 */
export async function searchServedSite(origin: string, query: string): Promise<string[]> {
	// An index being rewritten is not searchable yet: its entry file must parse and name files that exist.
	const entry = await fetch(new URL("pagefind/pagefind-entry.json", origin));
	if (!entry.ok) return [];
	const languages = Object.values(
		((await entry.json().catch(() => ({}))) as { languages?: Record<string, { hash: string }> }).languages ?? {},
	);
	if (languages.length === 0) return [];
	for (const language of languages) if (!(await fetch(new URL(`pagefind/pagefind.${language.hash}.pf_meta`, origin))).ok) return [];
	const response = await fetch(new URL("pagefind/pagefind.js", origin));
	if (!response.ok) return [];
	const dir = await mkdtemp(path.join(tmpdir(), "pagefind-client-"));
	// If the index still changes under it, Pagefind's loader rejects a promise it never awaits; the caller
	// polls again, so that rejection must not end the process.
	const ignorePagefind = (reason: unknown) => {
		if (!String((reason as Error)?.message ?? reason).includes("Pagefind")) throw reason;
	};
	process.on("unhandledRejection", ignorePagefind);
	try {
		const file = path.join(dir, "pagefind.mjs");
		await writeFile(file, await response.text());
		const pagefind = await import(pathToFileURL(file).href);
		await pagefind.options({ basePath: new URL("pagefind/", origin).toString(), noWorker: true });
		const found = await pagefind.search(query);
		const pages = await Promise.all(found.results.map((result: { data: () => Promise<{ url: string }> }) => result.data()));
		await pagefind.destroy?.();
		return pages.map((page: { url: string }) => new URL(page.url, origin).pathname);
	} finally {
		await new Promise((resolve) => setTimeout(resolve, 0));
		process.off("unhandledRejection", ignorePagefind);
		await rm(dir, { recursive: true, force: true });
	}
}

/** Polls `check` every 50 ms until it holds; returns the milliseconds it took. */
export async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
	const started = performance.now();
	while (performance.now() - started < timeoutMs) {
		if (await check().catch(() => false)) return performance.now() - started;
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

export async function measureDevLatency(options: LatencyOptions = {}): Promise<LatencyReport> {
	const { articles, timeoutMs, log } = { ...latencyDefaults, ...options };
	const root = await mkdtemp(path.join(tmpdir(), "dev-latency-"));
	const articlesDir = path.join(root, "articles");
	try {
		await writeCorpus(articlesDir, { articles });
		const started = performance.now();
		const server = await startDevServer({ articlesDir, outputDir: path.join(root, "_site"), port: 0, log: { log, error: log } });
		const startup = performance.now() - started;
		try {
			const origin = server.url.replace("localhost", "127.0.0.1");
			// The watcher settles a moment after the first build (see the dev-server test).
			await new Promise((resolve) => setTimeout(resolve, 1000));
			const word = "zyxquokka";
			const written = performance.now();
			await mkdir(path.join(articlesDir, "2099", "01"), { recursive: true });
			await writeFile(
				path.join(articlesDir, "2099", "01", "latency-probe.md"),
				`---\ntitle: Latency probe\ndate: 2099-01-01\ntopics: [latency]\n---\nThe ${word} probe article.\n`,
			);
			await waitUntil("the new page", async () => (await fetch(new URL("articles/2099/01/latency-probe/", origin))).ok, timeoutMs);
			const served = performance.now() - written;
			await waitUntil(
				"the new article in search",
				async () => (await searchServedSite(origin, word)).includes("/articles/2099/01/latency-probe/"),
				timeoutMs,
			);
			const searchable = performance.now() - written;
			return { articles: server.digest().articles.length - 1, startup, served, searchable };
		} finally {
			await server.stop();
		}
	} finally {
		// A rebuild started by an unrelated change may still be writing; the figures matter more than the cleanup.
		await rm(root, { recursive: true, force: true, maxRetries: 10, retryDelay: 500 }).catch(() => undefined);
	}
}
