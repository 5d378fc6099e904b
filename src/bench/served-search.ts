/**
 * The running site's search, from outside: what the dev-server tests and the latency measurements use to
 * know that an article is searchable, the same way the site's search page finds it.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { recentIndexFolder } from "../search/contract.ts";
import { searchTerms } from "../search/word-forms.ts";

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
		// The dev server's index of articles added since its last full one, as the search page merges it.
		const recent = new URL(`${recentIndexFolder}/`, origin).toString();
		const recentEntry = (await fetch(`${recent}pagefind-entry.json`)
			.then((answer) => (answer.ok ? answer.json() : {}))
			.catch(() => ({}))) as { languages?: object };
		if (Object.keys(recentEntry.languages ?? {}).length > 0) await pagefind.mergeIndex(recent);
		const found = await pagefind.search(searchTerms(query));
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
