/**
 * A full build of a large digest renders its pages in several Eleventy runs into the same folder.
 * Eleventy keeps every page's data and rendered content until its run has written them all (the
 * heap held 1.2 GB after rendering 10,000 news items, 12 GB at 100,000 articles), so one run per few
 * thousand pages holds one run's worth at a time, and what a run held is freed before the next.
 *
 * The templates of the page-kind table (src/model/page-kinds.ts), which make their pages from the global
 * `pages`, are split across the runs; every other template (home, feeds, sitemaps, indexes…) renders in
 * the last run only, after the article runs, so that the search index starts on the article pages
 * without waiting for them.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { type PageKindName, type PageLists, pageKindNames, pageKinds } from "../model/page-kinds.ts";
import { pagesDir } from "../paths.ts";

/** The templates paginated over `pages.*` (one per page kind): what the runs split. */
export const splitTemplates: readonly string[] = pageKindNames.map((name) => pageKinds[name].template);

/** Every other template of `layouts/pages/`, as absolute paths: rendered by the last run alone. */
export function siteWideTemplates(): string[] {
	return readdirSync(pagesDir)
		.filter((name) => name.endsWith(".11ty.tsx") && !splitTemplates.includes(name))
		.sort()
		.map((name) => path.join(pagesDir, name));
}

/**
 * Cuts `all` into runs of at most `pagesPerRun` pages, in the table's order (articles first); one run
 * when everything fits. Article pages never share a run with other pages, so
 * that once the article runs are written the search index can read them while the rest renders
 * (src/commands/build.ts). Each run is a complete `PageLists`, frozen as the model is.
 */
export function planRenderRuns(all: PageLists, pagesPerRun: number): PageLists[] {
	const total = pageKindNames.reduce((sum, name) => sum + all[name].length, 0);
	if (!(pagesPerRun > 0) || total <= pagesPerRun) return [all];
	if (!(pagesPerRun > 0)) pagesPerRun = total;
	const runs: Record<PageKindName, unknown[]>[] = [];
	let room = 0;
	for (const name of pageKindNames) {
		const items = all[name];
		if (name !== "articles" && runs.at(-1)?.articles.length) room = 0;
		let from = 0;
		while (from < items.length) {
			if (room === 0) {
				runs.push(Object.fromEntries(pageKindNames.map((kind) => [kind, []])) as unknown as Record<PageKindName, unknown[]>);
				room = pagesPerRun;
			}
			const taken = items.slice(from, from + room);
			runs.at(-1)?.[name].push(...taken);
			from += taken.length;
			room -= taken.length;
		}
	}
	return runs.map((run) => Object.freeze(run) as unknown as PageLists);
}

/** The index of the last run with article pages (-1 when none has any). */
export function lastArticleRun(runs: readonly PageLists[]): number {
	let last = -1;
	for (const [index, run] of runs.entries()) if (run.articles.length > 0) last = index;
	return last;
}

/** Which parts of a split index have every page written (`writtenParts`). */
export interface WrittenParts {
	/** Per part: resolves once its pages are written, rejects when the build fails first. */
	ready: Promise<void>[];
	/** Notes article pages as written. */
	written(urls: readonly string[]): void;
	/** Every article page is written. */
	all(): void;
	/** Whether any part is complete. */
	any(): boolean;
	/** The build failed: the parts still waiting are rejected with its error. */
	failed(error: unknown): void;
}

/**
 * Tracks the article pages of each part of a split search index (`partUrls`) as the runs write them
 * (`carried` are there already), so that the index starts on a part as soon as its pages are written
 * (src/commands/build.ts).
 */
export function writtenParts(partUrls: readonly (readonly string[])[], carried: ReadonlySet<string>): WrittenParts {
	const partOf = new Map<string, number>();
	const left = partUrls.map((urls, part) => {
		for (const url of urls) partOf.set(url, part);
		return urls.filter((url) => !carried.has(url)).length;
	});
	const settle = partUrls.map(() => ({ resolve: () => {}, reject: (_error: unknown) => {} }));
	const ready = partUrls.map(
		(_, part) =>
			new Promise<void>((resolve, reject) => {
				settle[part] = { resolve, reject };
			}),
	);
	// A build that fails before the index starts leaves them unawaited: not an unhandled rejection.
	for (const promise of ready) promise.catch(() => undefined);
	left.forEach((count, part) => {
		if (count === 0) settle[part]?.resolve();
	});
	return {
		ready,
		written(urls) {
			for (const url of urls) {
				const part = partOf.get(url);
				if (part === undefined) continue;
				left[part] = (left[part] ?? 0) - 1;
				if (left[part] === 0) settle[part]?.resolve();
			}
		},
		all() {
			for (const [part, { resolve }] of settle.entries()) {
				left[part] = 0;
				resolve();
			}
		},
		any: () => left.some((count) => count <= 0),
		failed(error) {
			for (const { reject } of settle) reject(error);
		},
	};
}
