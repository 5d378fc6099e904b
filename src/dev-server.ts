/**
 * `npm start`: build the digest (drafts included) and serve it with Eleventy's dev server, which reloads
 * the browser after every rebuild. The articles folder is watched: adding, editing or deleting an article,
 * or editing site.yaml or topics.yaml, re-renders the pages whose view changed (src/incremental.ts), the
 * few site-wide pages, and the search index: new articles at once in a small second index, then the
 * whole index in the background (src/eleventy/search.ts). A change to layouts or the configuration
 * re-renders every page.
 *
 * The digest is loaded here, before each rebuild, rather than inside Eleventy's data cascade: an invalid
 * edit is then reported as `path:line: field: what` (no Eleventy stack trace) and the rebuild goes on
 * with the last good digest, so the server and the last good site keep running while the editor fixes it.
 */
import { rm } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import { createProgress, type Progress } from "./authoring/progress.ts";
import { buildSiteModel, type SiteModel } from "./collections.ts";
import { type CachedParse, type Digest, type LoadOptions, loadDigest, registryFileName, siteFileName } from "./content/load.ts";
import { ParsedFiles } from "./content/parsed-files.ts";
import { ContentError, formatProblem } from "./content/problems.ts";
import { summariseWarnings } from "./content/warnings.ts";
import { buildDefaults, buildOptionsFor, setBuildOptions } from "./eleventy/options.ts";
import { dirtyPages, pageFiles, updateNewest, type ViewHashes, viewHashes } from "./incremental.ts";
import type { PageLists } from "./page-kinds.ts";
import { configFile, pagesDir } from "./paths.ts";
import { recentIndexFolder, searchIndexChangedMessage } from "./search/contract.ts";
import { RecentSearchIndex } from "./search/recent.ts";
import { searchRecords } from "./search/search-record.tsx";

export interface DevServerOptions {
	/**
	 * The articles folder.
	 * @default "articles"
	 */
	articlesDir?: string;
	/**
	 * Where the served site is written.
	 * @default "_site"
	 */
	outputDir?: string;
	/**
	 * The port to serve on; 0 picks a free one (tests).
	 * @default 8080
	 */
	port?: number;
	/**
	 * Where progress and problems are reported.
	 * @default console
	 */
	log?: Pick<Console, "log" | "error">;
	/**
	 * New articles are indexed ahead of a rebuild (searchable before their pages are written) when the last
	 * build took longer than this to write its pages; a quick rebuild's own reload comes sooner than that.
	 * @default 1000
	 */
	indexAheadAfterMs?: number;
}

export const devServerDefaults = {
	articlesDir: "articles",
	outputDir: "_site",
	port: 8080,
	log: console,
	indexAheadAfterMs: 1000,
} satisfies Required<DevServerOptions>;

export interface DevServer {
	/** `http://localhost:PORT/`. */
	url: string;
	/** The digest the served site was last built from. */
	digest(): Digest;
	/** How many pages the last build rendered (an article change renders only the pages it can alter). */
	pagesRendered(): number;
	stop(): Promise<void>;
}

/** `[digest]` lines sit beside Eleventy's `[11ty]` ones. */
const tag = "[digest]";

export async function startDevServer(options: DevServerOptions = {}): Promise<DevServer> {
	const { articlesDir, outputDir, port, log, indexAheadAfterMs } = { ...devServerDefaults, ...options };
	const articlesRoot = path.resolve(articlesDir);
	const outputRoot = path.resolve(outputDir);
	// The first load uses the content-hash cache on disk; a rebuild then reads only the files whose
	// timestamps changed since (the process remembers the rest).
	const loadOptions: LoadOptions = {
		drafts: true,
		future: true,
		cache: { dir: buildDefaults.cacheDir },
		memory: new ParsedFiles<CachedParse>(),
	};

	// A first load that fails has no last good site to fall back on: the command reports it and exits.
	let current = await loadDigest(articlesRoot, loadOptions);
	reportWarnings(current, log);
	// Pages left by an earlier build of other articles would be served and indexed as if they were current.
	await rm(outputRoot, { recursive: true, force: true });
	let changeStarted: number | undefined;
	let loadedIn = 0;
	let pagesWritten = 0;
	// How long the last build took to write its pages (the first: from its start; later ones: from the
	// change). Indexing ahead of a rebuild pays only when that is long (`indexAheadAfterMs`): on a small
	// digest the rebuild's own reload comes within a second, and one more just before it would only delay
	// the results.
	let buildStarted = 0;
	let lastPagesMs = 0;
	let written = new Set<string>();
	let rendered = 0;
	// The views of the pages on disk (their hashes), and of the model being rendered now.
	const modelOf = (digest: Digest): SiteModel =>
		Object.freeze(buildSiteModel(digest, { pathPrefix: "/", siteUrl: "", serviceWorker: false }));
	let model = modelOf(current);
	let renderedFrom: ViewHashes | undefined;
	let rendering = viewHashes(model);
	let pages: PageLists | undefined;
	// Full re-indexes run one at a time after their rebuilds; a rebuild's request replaces one still waiting.
	let indexing = Promise.resolve();
	const recentIndex = new RecentSearchIndex();
	let waitingReindex: { reindex: () => Promise<void>; changeStarted: number | undefined } | undefined;
	const deferSearchIndex = (reindex: () => Promise<void>) => {
		const queued = waitingReindex !== undefined;
		waitingReindex = { reindex, changeStarted };
		if (queued) return;
		indexing = indexing.then(async () => {
			const next = waitingReindex;
			waitingReindex = undefined;
			if (!next) return;
			try {
				await next.reindex();
				announceSearchChange();
				if (next.changeStarted !== undefined)
					log.log(`${tag} search index rebuilt ${seconds(performance.now() - next.changeStarted)} after the change.`);
			} catch (error) {
				// A newer rebuild, already waiting, may have changed the pages under this one; it indexes them again.
				if (!waitingReindex) log.error(`${tag} the search index was not rebuilt: ${(error as Error).message}`);
			}
		});
	};
	// Search pages reload on this: after new articles went into the recent index ahead of a rebuild, and
	// after a background full index (a page may have read the full index before the new one was swapped
	// in and the recent one after it was emptied, and so miss the newest articles).
	const announceSearchChange = () => {
		try {
			// biome-ignore lint/suspicious/noExplicitAny: Eleventy's dev server is untyped.
			(eleventy as any).eleventyServe.server.sendUpdateNotification({ type: "eleventy.msg", message: searchIndexChangedMessage });
		} catch {
			// The server has stopped (Eleventy throws when it has none): no page is left to tell.
		}
	};
	// The rebuild that follows holds this thread, which also serves the pages, for seconds: a search page
	// reloading then would wait for it. When a search page is open (it read the recent index since the
	// last change), the rebuild waits until a page has searched again and asked for a result's fragment,
	// or for at most `catchUpMs`.
	const catchUpMs = 2000;
	let recentReadsSinceChange = 0;
	let fragmentRead: () => void = () => {};
	const noteRecentIndexReads = (request: IncomingMessage, _response: ServerResponse, next: () => void) => {
		const url = request.url ?? "";
		if (url.includes(`/${recentIndexFolder}/`)) recentReadsSinceChange++;
		// A result's fragment, from either index: the page has searched and is showing what it found.
		if (url.includes("/fragment/")) fragmentRead();
		next();
	};
	const searchPagesCaughtUp = async () => {
		if (recentReadsSinceChange === 0) return;
		recentReadsSinceChange = 0;
		let timer: NodeJS.Timeout | undefined;
		await new Promise<void>((resolve) => {
			fragmentRead = resolve;
			timer = setTimeout(resolve, catchUpMs);
		});
		clearTimeout(timer);
		fragmentRead = () => {};
	};
	let announceUrl: (url: string) => void = () => {};
	const listening = new Promise<string>((resolve) => {
		announceUrl = resolve;
	});

	const eleventy = new Eleventy(pagesDir, outputRoot, {
		source: "cli",
		configPath: configFile,
		runMode: "serve",
		// biome-ignore lint/suspicious/noExplicitAny: Eleventy's config object is untyped.
		config: (eleventyConfig: any) => {
			// This runs again whenever Eleventy reloads its configuration; `current` carries the digest over.
			setBuildOptions(eleventyConfig, {
				articlesDir: articlesRoot,
				drafts: true,
				future: true,
				digest: current,
				model,
				...(pages ? { pages } : {}),
				fileSearch: false,
				// A worker would answer the dev server's pages from its caches; the pages remove one instead.
				serviceWorker: false,
				beforeSearchIndex: (_outputDir, results) => removeUnwritten(results),
				deferSearchIndex,
				recentIndex,
			});
			const live = buildOptionsFor(eleventyConfig);
			eleventyConfig.setServerOptions({
				port,
				showVersion: false,
				middleware: [noteRecentIndexReads],
				// biome-ignore lint/suspicious/noExplicitAny: Eleventy's dev server is untyped.
				ready: (server: any) => announceUrl(server.getServerUrl("localhost")),
			});

			eleventyConfig.on("eleventy.beforeWatch", async (changed: string[]) => {
				// A change inside the articles folder (articles, settings, registries, the images and files they
				// show) changes pages through their views, which are compared; layouts, styles or the configuration
				// change how views become pages, so everything is rendered again.
				const onlyContent = changed.every((file) => isInside(path.resolve(file), articlesRoot));
				const onlyArticles = onlyContent && !changed.some((file) => isSettingsFile(path.resolve(file)));
				live.pages = pages = undefined;
				renderedFrom = onlyContent ? renderedFrom : undefined;
				if (!changed.some((file) => isInside(path.resolve(file), articlesRoot))) return;
				changeStarted = performance.now();
				try {
					current = await loadDigest(articlesRoot, loadOptions);
					loadedIn = performance.now() - (changeStarted ?? 0);
					reportWarnings(current, log);
				} catch (error) {
					if (!(error instanceof ContentError)) throw error;
					changeStarted = undefined;
					for (const problem of error.problems) log.error(formatProblem(problem));
					log.error(
						`${tag} ${error.problems.length} problem${error.problems.length === 1 ? "" : "s"}; still serving the last good site (${current.articles.length} articles).`,
					);
				}
				live.digest = current;
				// New articles are searchable before a slow rebuild: their indexed part, rendered from the digest,
				// goes into the recent index now (0.1 s), not after the model and the pages (~4 s at 10,000).
				if (onlyArticles && changeStarted !== undefined && recentIndex.hasFullIndex && lastPagesMs > indexAheadAfterMs) {
					const loaded = current;
					const written = await recentIndex
						.update(outputRoot, () => loaded, searchRecords(model, loaded))
						.then(
							() => true,
							(error: Error) => {
								log.error(`${tag} new articles were not indexed ahead of the rebuild: ${error.message}`);
								return false;
							},
						);
					if (written) {
						announceSearchChange();
						log.log(
							`${tag} new articles searchable ${seconds(performance.now() - (changeStarted ?? 0))} after the change, ahead of the rebuild.`,
						);
						await searchPagesCaughtUp();
					}
				}
				if (live.model?.articles !== current.articles) {
					live.model = model = modelOf(current);
					rendering = viewHashes(model);
				}
				live.pages = pages = dirtyPages(model, renderedFrom, rendering);
			});

			// A big digest takes a while to render: a progress bar over the article pages on a terminal.
			let progress: Progress | undefined;
			let articleUrls = new Set<string>();
			eleventyConfig.on("eleventy.before", () => {
				buildStarted = performance.now();
				articleUrls = new Set((live.pages?.articles ?? current.articles).map((article) => article.url));
				progress = createProgress({
					label: "Rendering",
					total: live.pages?.articles.length ?? current.articles.length,
					stream: process.stderr,
				});
			});
			eleventyConfig.addTransform("digest-progress", function (this: { page: { url?: string | false } }, content: string) {
				if (typeof this.page.url === "string" && articleUrls.has(this.page.url)) progress?.tick();
				return content;
			});

			// Eleventy writes what it rendered and never removes anything: a deleted article's page (or a topic
			// no article uses any more) would still be served, and indexed. A rebuild renders only some pages, so
			// what goes is what was written once and is neither written now nor a page of the current model.
			// The search plugin runs this before it reads the article pages back.
			const removeUnwritten = async (results: { outputPath?: string | false }[]) => {
				progress?.stop();
				rendered = results.length;
				const now = new Set(
					results
						.map((result) => result.outputPath)
						.filter((file): file is string => typeof file === "string")
						.map((file) => path.resolve(file)),
				);
				const modelFiles = pageFiles(outputRoot, rendering);
				// The pages kept as they were whose view differs only in the newest date get the new one.
				if (renderedFrom)
					await updateNewest(
						[...modelFiles].filter((file) => !now.has(file)),
						renderedFrom,
						rendering,
					);
				for (const file of written) {
					if (now.has(file) || modelFiles.has(file)) now.add(file);
					else if (isInside(file, outputRoot)) await rm(file, { force: true });
				}
				written = now;
				// Only now are the pages on disk those of this model: a failed render compares with the last good one.
				renderedFrom = rendering;
				if (changeStarted !== undefined) pagesWritten = performance.now() - changeStarted;
				lastPagesMs = changeStarted !== undefined ? pagesWritten : performance.now() - buildStarted;
			};

			// After every `eleventy.after` handler, the search plugin's included: the whole rebuild is done.
			eleventyConfig.on("eleventy.afterwatch", () => {
				if (changeStarted === undefined) return;
				log.log(
					`${tag} ${current.articles.length} articles: rebuilt ${seconds(performance.now() - changeStarted)} after the change (articles read in ${seconds(loadedIn)}, pages written by ${seconds(pagesWritten)}, then new articles indexed); the whole search index follows.`,
				);
				changeStarted = undefined;
			});
		},
	});
	await eleventy.init();
	// Eleventy only logs a deleted file; a deleted article must rebuild like an added one.
	const rebuildFor = (await eleventy.watch()) as unknown as (file: string) => Promise<void>;
	// biome-ignore lint/suspicious/noExplicitAny: Eleventy's chokidar watcher is untyped.
	(eleventy as any).watcher?.on("unlink", (file: string) => {
		if (isInside(path.resolve(file), articlesRoot)) void rebuildFor(file);
	});
	await eleventy.serve(port);
	return {
		url: await listening,
		digest: () => current,
		pagesRendered: () => rendered,
		stop: async () => {
			await eleventy.stopWatch();
			// A rebuild already under way still finishes, and so does its re-index: Pagefind's backend is one per
			// process, and closing it under the next server started in this process (tests, the latency script)
			// would break that one.
			// biome-ignore lint/suspicious/noExplicitAny: Eleventy's watch state is untyped.
			const watchManager = (eleventy as any).watchManager as { isBuildRunning(): boolean } | undefined;
			const deadline = performance.now() + 120_000;
			while (watchManager?.isBuildRunning() && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
			await indexing;
		},
	};
}

function reportWarnings(digest: Digest, log: Pick<Console, "error">): void {
	for (const line of summariseWarnings(digest.warnings)) log.error(line);
}

/** site.yaml and topics.yaml, which every page reads. */
const isSettingsFile = (file: string): boolean => [siteFileName, registryFileName].includes(path.basename(file));

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

const isInside = (file: string, folder: string): boolean => {
	const relative = path.relative(folder, file);
	return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
};
