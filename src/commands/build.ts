/**
 * A full build: validate every article first, render with Eleventy into a temporary folder beside the
 * output, index for search, and only then swap the new folder in. A failure at any step leaves the
 * previous output exactly as it was.
 */
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import { type Digest, loadDigest } from "../content/load.ts";
import { buildSiteModel } from "../model/collections.ts";
import { type BuildOptions, createSession, loaderOptions, nextSession, useSession } from "../eleventy/options.ts";
import { bundleScriptsAhead } from "../eleventy/browser-bundle.ts";
import { articleIndexKey, articlePagesOf, hashesOf, type RenderedResult, startArticleIndex } from "../eleventy/search.ts";
import { allPages, type PageLists, pageCount, pickKinds } from "../model/page-kinds.ts";
import { type FileIdentity, identityOf, type ReadFragments } from "../search/fragment-reuse.ts";
import { reusableParts } from "../search/index-reuse.ts";
import { searchStepOutputs } from "../search/offline.ts";
import { type SiteSize, siteFiles, siteSize } from "./github-pages.ts";
import {
	type CarriedPages,
	carryOver,
	createPageFolders,
	foldersMadeFirst,
	type RenderRecord,
	readRenderRecord,
	recordedParts,
	renderFingerprint,
	writeRenderRecord,
} from "./carry-over.ts";
import { type ViewHashes, viewHashes } from "./incremental.ts";
import { collectGarbage } from "../eleventy/memory.ts";
import { pagesDir } from "../paths.ts";
import siteConfig from "../../eleventy.config.ts";
import { lastArticleRun, planRenderRuns, siteWideTemplates, type WrittenParts, writtenParts } from "../eleventy/render-runs.ts";
import type { PageHash } from "../search/offline.ts";

export interface SiteBuildOptions extends Partial<Omit<BuildOptions, "digest">> {
	/**
	 * Where the site is written.
	 * @default "_site"
	 */
	outputDir?: string;
	/**
	 * Pages per Eleventy run (src/eleventy/render-runs.ts): a larger digest renders in several runs, so that memory
	 * holds one run's pages at a time; 0 renders everything in one run.
	 * @default 3000
	 */
	pagesPerRun?: number;
	/**
	 * From this many articles, a rebuild with a record of the last build takes the article pages first (carried
	 * over, the changed ones rendered in runs of their own) and starts the index on them; the other pages are
	 * hashed, carried over and rendered while Pagefind reads (one newer article among 10,000 news items: the
	 * rebuild ended ~0.4 s sooner than with every page carried over before the first run, three pairs).
	 * Below it Pagefind reads every article page in less time than a second Eleventy run costs.
	 * @default 2000
	 */
	articlesApartFrom?: number;
	/**
	 * From this many page folders, a build that renders every page makes them on a worker thread while
	 * Eleventy prepares its first run (src/commands/carry-over.ts, `createPageFolders`).
	 * @default 2000
	 */
	foldersApartFrom?: number;
}

export interface BuildResult {
	digest: Digest;
	outputDir: string;
	/** Pages written: rendered by Eleventy or carried over. */
	pages: number;
	/** Of those, pages carried over unchanged from the last build (src/commands/carry-over.ts). */
	carried: number;
	/** What the site weighs, for the GitHub Pages size check. */
	size: SiteSize;
	/** Milliseconds per phase (`npm run bench` reports them). */
	timings: {
		/** Reading and validating the articles. */
		load: number;
		/** Eleventy, until every page is written. */
		render: number;
		/** The search index and what is made from it (Eleventy's `eleventy.after`). */
		search: number;
		/** Putting the finished folder in place of the old one, then measuring and recording it. */
		swap: number;
		total: number;
	};
}

export async function buildSite(options: SiteBuildOptions = {}): Promise<BuildResult> {
	const started = performance.now();
	const outputDir = path.resolve(options.outputDir ?? "_site");
	const { outputDir: _output, pagesPerRun: _perRun, articlesApartFrom: _apart, foldersApartFrom: _folders, ...sessionOptions } = options;
	const session = createSession(sessionOptions);
	bundleScriptsAhead();
	const digest = await loadDigest(session.articlesDir, loaderOptions(session));
	const loaded = performance.now();

	// The site the last build replaced goes now, while this one builds (see `swapIn`).
	const earlierSitesRemoved = removeEarlierSites(outputDir);
	const staging = `${outputDir}.building-${process.pid}`;
	await rm(staging, { recursive: true, force: true });
	await mkdir(path.dirname(outputDir), { recursive: true });
	let pages = 0;
	let carriedPages = 0;
	let rendered = 0;
	let written = 0;
	let articleIndex: Promise<number> | undefined;
	let partsWritten: WrittenParts | undefined;
	let pageFolders: Promise<void> | undefined;
	// With a cache folder, the build records what it wrote, and the next one carries over what is unchanged.
	const { cacheDir } = session;
	const fingerprint = cacheDir === false ? undefined : await renderFingerprint(session);
	const indexKey = articleIndexKey(nextSession(session, { digest }));
	let hashes: ViewHashes | undefined;
	let previousRecord: RenderRecord | undefined;
	let writtenPages: PageHash[] = [];
	// The result fragments the search step's packs read, for the record.
	const readFragments: ReadFragments = new Map();
	// The site's files but for the search step's, listed while the search index is written.
	let listedFiles: Map<string, FileIdentity> | undefined;
	try {
		// Frozen: Eleventy hands frozen global data to each template as it is (src/eleventy/content.ts).
		const model = session.model ?? Object.freeze(buildSiteModel(digest, session));
		const all = allPages(model);
		const record = cacheDir && fingerprint ? await readRenderRecord(cacheDir, outputDir, fingerprint) : undefined;
		// Pages carried over go into their folders at once; a build that renders them all makes the folders
		// on another thread while Eleventy prepares its first run, whose pages wait for them to be written.
		pageFolders = createPageFolders(staging, all, model, record ? {} : { apartFrom: options.foldersApartFrom ?? 2000 });
		// A failure is the first run's to report (its pages wait for the folders).
		pageFolders?.catch(() => undefined);
		previousRecord = record;
		let earlierPages: PageHash[] = [];
		/** Carries over what is unchanged of `lists`; returns what is left to render. */
		const carry = (lists: PageLists): CarriedPages => {
			if (!record) return { render: lists, carried: [] };
			const found = viewHashes(model, lists);
			hashes = hashes ? { ...found, pages: new Map([...hashes.pages, ...found.pages]) } : found;
			const taken = carryOver(model, found, record, outputDir, staging, lists);
			pages += taken.carried.length;
			carriedPages += taken.carried.length;
			// Not push(...carried): 170,000 arguments (100,000 articles) overflow the call stack.
			writtenPages = writtenPages.concat(taken.carried);
			earlierPages = earlierPages.concat(taken.carried);
			return taken;
		};
		// A large digest's rebuild takes its article pages first, carried over or rendered, and starts the index
		// on them; the other pages are hashed, carried over and rendered while Pagefind reads (below that size
		// Pagefind reads every article page in less time than a second Eleventy run costs).
		const articlesFirst =
			record !== undefined && digest.articles.length > 0 && digest.articles.length >= (options.articlesApartFrom ?? 2000);
		const { render, carried } = carry(articlesFirst ? pickKinds(all, (name) => name === "articles") : all);
		// The carried article pages' result fragments, for each index to take as they are; an index of the same
		// pages as one of the last build's, every one carried over, takes that one whole.
		const lastIndex = path.join(outputDir, "pagefind");
		const carriedUrls = new Set(carried.map((page) => page.url));
		const indexParts = articlePagesOf(digest, session.pagesPerIndex).partUrls;
		const reuse = record ? reusableParts(lastIndex, recordedParts(record), indexKey, indexParts, carriedUrls) : undefined;
		const indexing = nextSession(session, {
			digest,
			...(reuse?.some(Boolean) ? { reusableIndex: { lastIndex, parts: reuse } } : {}),
			...(fingerprint ? { readFragments } : {}),
		});

		let finishedRuns = 0;
		const renderPages = async (runPages: PageLists, last: boolean): Promise<void> => {
			const eleventy = new Eleventy(pagesDir, staging, {
				// No file: eleventy.config.ts is applied at the end of `config`, so that Eleventy imports no TypeScript.
				configPath: "",
				quietMode: true,
				pathPrefix: session.pathPrefix,
				// biome-ignore lint/suspicious/noExplicitAny: Eleventy's config object is untyped.
				config: (eleventyConfig: any) => {
					// One run of several, or after pages carried over: the last one hashes every page for the offline version.
					const renderRun =
						!last || earlierPages.length > 0 ? { renderRun: { last, earlierPages, ...(articleIndex ? { articleIndex } : {}) } } : {};
					// What the last run would otherwise do after the search index is written, it does while Pagefind
					// (started with the article runs, its own process) writes it: the views' hashes for the record,
					// and a listing of the folder but for what the search step writes (every page is written by now,
					// and the other steps' `eleventy.after` handlers, media and GitHub Pages, have run: the search
					// step's runs last, eleventy.config.ts).
					const beforeSearchIndex = async (folder: string) => {
						if (fingerprint) hashes ??= viewHashes(model);
						listedFiles = siteFiles(folder, { skip: writtenBySearchStep });
					};
					useSession(
						eleventyConfig,
						nextSession(indexing, { model, pages: runPages, ...renderRun, ...(last ? { beforeSearchIndex } : {}) }),
					);
					if (pageFolders && finishedRuns === 0) eleventyConfig.addTransform("page-folders-made", foldersMadeFirst(pageFolders));
					// Eleventy resolves its ignores against the working directory, as it does the input folder.
					if (!last) for (const file of siteWideTemplates()) eleventyConfig.ignores.add(path.relative(process.cwd(), file));
					// Registered before the config's own plugins, so it runs as the search plugin starts.
					if (last)
						eleventyConfig.on("eleventy.after", () => {
							rendered = performance.now();
						});
					siteConfig(eleventyConfig);
				},
			});
			eleventy.disableLogger?.();
			// Eleventy's write() resolves to [passthrough copies, rendered templates].
			const [, templates] = (await eleventy.write()) as [unknown, RenderedResult[]];
			pages += templates.length;
			const runHashes = fingerprint || !last ? hashesOf(templates) : [];
			if (fingerprint) writtenPages = writtenPages.concat(runHashes);
			if (!last) earlierPages = earlierPages.concat(runHashes);
			// A finished run's pages and Eleventy's copies of them are garbage now: Node's peak while rendering
			// 10,000 news items 790-900 -> 670 MB, in the same time. After the last, the index is written already.
			// Each collection marks the whole model again (40-80 ms of this thread): after every second run,
			// the heap holds two runs' garbage at most (10,000 news items: 0.3 s sooner, Node's peak ~410
			// instead of ~345 MB, docs/performance.md).
			finishedRuns++;
			if (!last && finishedRuns % 2 === 0) collectGarbage();
		};

		const pagesPerRun = options.pagesPerRun ?? 3000;
		let runs: PageLists[];
		if (articlesFirst) {
			// The changed article pages in runs of their own, the index on all of them, then the rest.
			if (pageCount(render) > 0) for (const runPages of planRenderRuns(render, pagesPerRun)) await renderPages(runPages, false);
			const index = startArticleIndex(staging, indexing);
			articleIndex = index.done;
			// Pagefind reads the pages on both cores, then builds and writes the index on about one: the rest is
			// carried and rendered beside that, not against its reading (10,000 news items, one article added:
			// its 3.4 s alone took 4.6 s beside the rest).
			await index.pagesRead;
			runs = planRenderRuns(carry(pickKinds(all, (name) => name !== "articles")).render, pagesPerRun);
		} else runs = planRenderRuns(render, pagesPerRun);
		const articlesWritten = lastArticleRun(runs);
		// Every article page carried over: the index reads them while the rest renders.
		if (!articleIndex && articlesWritten < 0 && carried.length > 0 && digest.articles.length > 0)
			articleIndex = startArticleIndex(staging, indexing).done;
		// A split index starts as soon as one of its parts is written, while the other article pages render,
		// each part once its own pages are there (10,000 news items in three parts, cold: 8.96–9.11 → 8.45–8.50 s).
		partsWritten =
			!articleIndex && indexParts.length > 1 && articlesWritten >= 0 && articlesWritten < runs.length - 1
				? writtenParts(indexParts, carriedUrls)
				: undefined;
		for (const [index, runPages] of runs.entries()) {
			const last = index === runs.length - 1;
			await renderPages(runPages, last);
			if (partsWritten && index <= articlesWritten) {
				partsWritten.written(runPages.articles.map((article) => article.url));
				if (index === articlesWritten) partsWritten.all();
				if (!articleIndex && partsWritten.any()) articleIndex = startArticleIndex(staging, indexing, partsWritten.ready).done;
			}
			// Every article page is written and other pages are still to render: Pagefind (its own process)
			// indexes the article pages meanwhile instead of after them, and the next run starts once it has
			// read them, as above (10,000 news items into a new folder: 11.1–11.5 → 10.6–11.2 s). The last run
			// waits for the index.
			if (index === articlesWritten && !last && !partsWritten) {
				const started = startArticleIndex(staging, indexing);
				articleIndex = started.done;
				await started.pagesRead;
			}
		}
		written = performance.now();
		await swapIn(staging, outputDir);
	} catch (error) {
		// An index started during rendering writes into the staging folder: let it finish (its own failure is
		// not the one to report). The search indexer may still be finishing a file when Eleventy fails: retry
		// the removal, and never let a leftover staging folder hide the error the user needs to see.
		partsWritten?.failed(error);
		await articleIndex?.catch(() => undefined);
		// Nor may the thread making the pages' folders make one after the removal. Its failure is the one to
		// report: Eleventy's says only that a page's transform failed.
		const foldersFailure = await pageFolders?.then(
			() => undefined,
			(reason: unknown) => reason,
		);
		await rm(staging, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }).catch(() => undefined);
		await earlierSitesRemoved;
		throw foldersFailure ?? error;
	}
	// What the search step wrote, looked at now that it is written (or the whole folder, when the last run
	// did not list it).
	const files = listedFiles ? withSearchStepFiles(outputDir, listedFiles) : siteFiles(outputDir);
	// Without a record the next build renders everything: never a reason to fail this one.
	if (cacheDir && fingerprint && hashes)
		await writeRenderRecord(cacheDir, outputDir, fingerprint, hashes, writtenPages, files, {
			previous: previousRecord,
			indexKey,
			readFragments,
		}).catch(() => undefined);
	// Usually done long since; once this returns, nothing removes a file the new site shares.
	await earlierSitesRemoved;
	const finished = performance.now();
	const timings = {
		load: loaded - started,
		render: rendered - loaded,
		search: written - rendered,
		swap: finished - written,
		total: finished - started,
	};
	return { digest, outputDir, pages, carried: carriedPages, size: siteSize(files), timings };
}

/** The paths of a site the search step writes once the index is: `pagefind/` and `searchStepOutputs`. */
const searchStepPaths = new Set(["pagefind", ...Object.values(searchStepOutputs)]);
const writtenBySearchStep = (file: string): boolean => searchStepPaths.has(file);

/** `listed` (a site's files but for the search step's) with the search step's files. */
function withSearchStepFiles(outputDir: string, listed: ReadonlyMap<string, FileIdentity>): Map<string, FileIdentity> {
	const files = new Map([...listed, ...siteFiles(outputDir, { under: "pagefind" })]);
	for (const file of Object.values(searchStepOutputs)) {
		const identity = identityOf(path.join(outputDir, file));
		if (identity) files.set(file, identity);
	}
	return files;
}

/**
 * Replaces `target` with `staging` using renames, so readers never see a half-written site. The old site
 * is left beside it, as `<target>.previous-…`, until the next build into `target` removes it
 * (`removeEarlierSites`): the new site shares files with it (pages and index files carried over are
 * links), and removing it changes those files' link counts, which a `tar` of the new site run right after
 * the build reads as "file changed as we read it" and fails on (GitHub's upload-pages-artifact, a cache's
 * save).
 */
async function swapIn(staging: string, target: string): Promise<void> {
	// A name of its own per swap: an earlier swap's old folder may still be there.
	const previous = `${target}.previous-${process.pid}-${++swaps}`;
	const exists = await stat(target).then(
		() => true,
		() => false,
	);
	if (exists) await rename(target, previous);
	await rename(staging, target);
}

let swaps = 0;

/**
 * Whether `name` is a folder a build into `base` works in (its staging folder, `<base>.building-<pid>`, or
 * that folder's `.article-pages-<pid>` and `.article-pages-<pid>-N`) whose process is no longer running:
 * a build that was stopped.
 */
function leftByStoppedBuild(base: string, name: string): boolean {
	if (!name.startsWith(`${base}.building-`)) return false;
	const match = /^\.building-(\d+)(\.article-pages-\d+(-\d+)?)?$/.exec(name.slice(base.length));
	const pid = Number(match?.[1]);
	if (!match || pid === process.pid) return false;
	try {
		process.kill(pid, 0);
	} catch (error) {
		// EPERM: a process of another user holds that number; it may be a build.
		return (error as NodeJS.ErrnoException).code === "ESRCH";
	}
	// A process killed a moment ago may still be listed, not yet reaped (on Linux, in state Z).
	return /\)\s+Z\s/.test(readFileIfAny(`/proc/${pid}/stat`));
}

const readFileIfAny = (file: string): string => {
	try {
		return readFileSync(file, "utf8");
	} catch {
		return "";
	}
};

/**
 * Removes the sites earlier builds left beside `target` (`swapIn`), and what a build stopped midway left
 * there (Ctrl+C or a kill: its staging folder, and the folder of links its search index read, named by
 * its process), in a process of its own (17,000 files at 10,000 news items: 0.4 s in memory, 3.3 s on
 * disk, a build's worth of waiting if it were on the build's path); resolves when it is done.
 */
function removeEarlierSites(target: string): Promise<void> {
	const parent = path.dirname(target);
	const base = path.basename(target);
	const prefix = `${base}.previous-`;
	let folders: string[];
	try {
		folders = readdirSync(parent, { withFileTypes: true })
			.filter((entry) => entry.isDirectory() && (entry.name.startsWith(prefix) || leftByStoppedBuild(base, entry.name)))
			.map((entry) => path.join(parent, entry.name));
	} catch {
		return Promise.resolve(); // no parent folder yet: a first build
	}
	if (folders.length === 0) return Promise.resolve();
	return new Promise((resolve) => {
		const remover = spawn(
			process.execPath,
			[
				"-e",
				"for (const folder of process.argv.slice(1)) require('node:fs').rmSync(folder, { recursive: true, force: true, maxRetries: 5 })",
				...folders,
			],
			{ stdio: "ignore" },
		);
		remover.on("error", () => resolve());
		remover.on("exit", () => resolve());
	});
}
