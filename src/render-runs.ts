/**
 * A full build of a large digest renders its pages in several Eleventy runs into the same folder.
 * Eleventy keeps every page's data and rendered content until its run has written them all (the
 * heap held 1.2 GB after rendering 10,000 news items, 12 GB at 100,000 articles), so one run per few
 * thousand pages holds one run's worth at a time, and what a run held is freed before the next.
 *
 * The paginated templates that make their pages from the global `pages` are split across the runs; every
 * other template (home, feeds, sitemaps, the timeline's years, redirects…) renders in the first run only.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import type { PageLists } from "./incremental.ts";
import { pagesDir } from "./paths.ts";

/** The templates paginated over `pages.*` (src/incremental.ts' PageLists): what the runs split. */
export const splitTemplates = [
	"article.11ty.tsx",
	"topic.11ty.tsx",
	"topic-feed.11ty.tsx",
	"timeline-month.11ty.tsx",
	"facet.11ty.tsx",
	"facet-feed.11ty.tsx",
] as const;

/** Every other template of `layouts/pages/`, as absolute paths: rendered by the first run alone. */
export function firstRunTemplates(): string[] {
	return readdirSync(pagesDir)
		.filter((name) => name.endsWith(".11ty.tsx") && !(splitTemplates as readonly string[]).includes(name))
		.sort()
		.map((name) => path.join(pagesDir, name));
}

const listNames = [
	"articles",
	"topicPages",
	"monthPages",
	"topicFeeds",
	"facetPages",
	"facetFeeds",
] as const satisfies readonly (keyof PageLists)[];

/**
 * Cuts `all` into runs of at most `pagesPerRun` pages, in the lists' order (articles first); one run
 * when everything fits. Each run is a complete `PageLists`, frozen as the model is.
 */
export function planRenderRuns(all: PageLists, pagesPerRun: number): PageLists[] {
	const total = listNames.reduce((sum, name) => sum + all[name].length, 0);
	if (!(pagesPerRun > 0) || total <= pagesPerRun) return [all];
	const runs: Record<(typeof listNames)[number], unknown[]>[] = [];
	let room = 0;
	for (const name of listNames) {
		const items = all[name];
		let from = 0;
		while (from < items.length) {
			if (room === 0) {
				runs.push({ articles: [], topicPages: [], monthPages: [], topicFeeds: [], facetPages: [], facetFeeds: [] });
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
