import { readdir } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { type PageKindName, type PageLists, pageKindNames } from "../../src/model/page-kinds.ts";
import { pagesDir } from "../../src/paths.ts";
import { siteWideTemplates, lastArticleRun, planRenderRuns, splitTemplates, writtenParts } from "../../src/eleventy/render-runs.ts";

const lists = (counts: Partial<Record<PageKindName, number>>): PageLists =>
	Object.fromEntries(
		pageKindNames.map((name) => [name, Array.from({ length: counts[name] ?? 0 }, (_, i) => `${name}-${i}`)]),
	) as unknown as PageLists;

test("runs take every page once, in order, at most the given number each; article pages never share a run", () => {
	const all = lists({ articles: 7, facetPages: 3, months: 1, facetFeeds: 3, redirects: 2 });
	const runs = planRenderRuns(all, 4);
	const sizes = runs.map((run) => Object.values(run).reduce((sum: number, items: readonly unknown[]) => sum + items.length, 0));
	assert.equal(sizes, [4, 3, 4, 4, 1]);
	for (const name of pageKindNames) {
		assert.equal(
			runs.flatMap((run) => [...run[name]]),
			[...all[name]],
			name,
		);
	}
	assert.equal(runs[1]?.articles, ["articles-4", "articles-5", "articles-6"]);
	assert.equal(runs[1]?.facetPages, [], "the last article run ends with the articles: the index can start there");
	assert.is(lastArticleRun(runs), 1);
	assert.equal(runs[2]?.facetPages, ["facetPages-0", "facetPages-1", "facetPages-2"]);
	assert.equal(runs[2]?.months, ["months-0"], "other kinds go on in the next list where one ends");
	assert.is(lastArticleRun(planRenderRuns(lists({ facetPages: 5 }), 2)), -1, "no article, no article run");
});

test("a digest that fits, or no limit, is one run of everything", () => {
	const all = lists({ articles: 3, facetPages: 2 });
	assert.is(planRenderRuns(all, 5)[0], all);
	assert.is(planRenderRuns(all, 0).length, 1);
});

test("the split templates are exactly those paginated over the global `pages`; the others render in the last run", async () => {
	const names = (await readdir(pagesDir)).filter((name) => name.endsWith(".11ty.tsx")).sort();
	const paginatedOverPages: string[] = [];
	for (const name of names) {
		const module = (await import(pathToFileURL(path.join(pagesDir, name)).href)) as { data?: { pagination?: { data?: string } } };
		if (module.data?.pagination?.data?.startsWith("pages.")) paginatedOverPages.push(name);
	}
	assert.equal([...splitTemplates].sort(), paginatedOverPages);
	assert.equal(
		siteWideTemplates().map((file) => path.basename(file)),
		names.filter((name) => !paginatedOverPages.includes(name)),
	);
});

test("a split index's part is ready once every one of its pages is written, carried ones counting; a failed build rejects the rest", async () => {
	const settled = (promise: Promise<void>) =>
		Promise.race([
			promise.then(
				() => "ready",
				() => "rejected",
			),
			new Promise((resolve) => setTimeout(() => resolve("waiting"), 20)),
		]);
	const parts = writtenParts([["/c/", "/d/"], ["/a/", "/b/"], ["/e/"]], new Set(["/a/"]));
	assert.is(parts.any(), false);
	parts.written(["/b/", "/c/"]);
	assert.equal(await Promise.all(parts.ready.map(settled)), ["waiting", "ready", "waiting"], "/a/ was carried over");
	assert.is(parts.any(), true);
	parts.written(["/d/"]);
	assert.is(await settled(parts.ready[0] as Promise<void>), "ready");
	parts.failed(new Error("render failed"));
	assert.is(await settled(parts.ready[2] as Promise<void>), "rejected");
	const all = writtenParts([["/x/"], ["/y/"]], new Set());
	all.all();
	assert.equal(await Promise.all(all.ready.map(settled)), ["ready", "ready"], "every article run written: every part");
});

test.run();
