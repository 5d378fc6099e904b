/**
 * `npm start`: build the digest (drafts included) and serve it with Eleventy's dev server, which reloads
 * the browser after every rebuild. The articles folder is watched: adding, editing or deleting an article,
 * or editing site.yaml or topics.yaml, re-renders the pages whose view changed (src/commands/incremental.ts), the
 * few site-wide pages, and the search index: new articles at once in a small second index, then the
 * whole index in the background (src/eleventy/search.ts). A change to the stylesheet re-renders every
 * page; the layouts' and this project's code are compiled into the running process, so an edit there
 * restarts `npm start`'s process (scripts/restart-on-change.mjs).
 *
 * Each rebuild is a pipeline of named steps: **detect** what the change can touch, **load** the digest,
 * **plan** the pages (the model, its views' hashes, the pages whose view changed), **render** them
 * (Eleventy, driven by src/eleventy/dev-host.ts, the only module that touches its internals), **prune**
 * what is no longer a page, and **index** for search. What the steps leave for the next rebuild is the
 * server's state (`DevState`); how long they took is kept apart (`RebuildClock`), for the log and for
 * deciding whether indexing ahead of a rebuild pays.
 *
 * The digest is loaded here, before each rebuild, rather than inside Eleventy's data cascade: an invalid
 * edit is then reported as `path:line: field: what` (no Eleventy stack trace) and the rebuild goes on
 * with the last good digest, so the server and the last good site keep running while the editor fixes it.
 */
import { rm } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { createProgress, type Progress } from "../authoring/progress.ts";
import { buildSiteModel, type SiteModel } from "../model/collections.ts";
import { type CachedParse, type Digest, type LoadOptions, loadDigest, registryFileName, siteFileName } from "../content/load.ts";
import { ParsedFiles } from "../content/parsed-files.ts";
import { ContentError, formatProblem } from "../content/problems.ts";
import { summariseWarnings } from "../content/warnings.ts";
import { type DevHost, startDevHost } from "../eleventy/dev-host.ts";
import { type BuildSession, createSession, loaderOptions, nextSession } from "../eleventy/options.ts";
import { dirtyPages, pageFiles, updateNewest, type ViewHashes, viewHashes } from "./incremental.ts";
import type { PageLists } from "../model/page-kinds.ts";
import { recentIndexFolder, searchIndexChangedMessage } from "../search/contract.ts";
import { RecentSearchIndex } from "../search/recent.ts";
import { searchRecords } from "../search/search-record.tsx";

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

/** What a rebuild leaves for the next one. */
interface DevState {
	/** The last good digest. */
	digest: Digest;
	model: SiteModel;
	/** The hashes of the model's views, and of the views of the pages on disk (none: render everything). */
	rendering: ViewHashes;
	renderedFrom?: ViewHashes;
	/** What the next render renders; absent: every page. */
	pages?: PageLists;
	/** What the plugins read: a new session whenever the above change. */
	session: BuildSession;
	/** Every file written since the server started, that is still there. */
	written: Set<string>;
	/** Pages the last render wrote. */
	rendered: number;
}

/** How long the current rebuild's steps took, in milliseconds from `performance.now()`. */
interface RebuildClock {
	/** When the change being rebuilt was seen; absent between rebuilds (or after a failed load). */
	changeStarted?: number;
	loadedIn: number;
	pagesWritten: number;
	/** When the last render started, and how long it took to write its pages (from the change, after the first). */
	renderStarted: number;
	lastPagesMs: number;
}

/** What a set of changed files can touch. */
interface Change {
	/** Some file is in the articles folder: the digest is loaded again. */
	content: boolean;
	/** Every file is: pages change only through their views, which are compared. */
	onlyContent: boolean;
	/** Only articles (and their files), no settings: new articles can be indexed ahead of the rebuild. */
	onlyArticles: boolean;
}

/** detect: what the changed files can touch. Layouts, styles or the configuration change how views become pages. */
function detect(changed: readonly string[], articlesRoot: string): Change {
	const inside = changed.map((file) => isInside(path.resolve(file), articlesRoot));
	const onlyContent = inside.every(Boolean);
	return {
		content: inside.some(Boolean),
		onlyContent,
		onlyArticles: onlyContent && !changed.some((file) => isSettingsFile(path.resolve(file))),
	};
}

const modelOf = (digest: Digest): SiteModel =>
	Object.freeze(buildSiteModel(digest, { pathPrefix: "/", siteUrl: "", serviceWorker: false }));

/** plan: the model of `digest` (kept when the articles are the same), its views' hashes, and the pages to render. */
function plan(state: DevState, digest: Digest): Pick<DevState, "model" | "rendering" | "pages"> {
	const same = state.model.articles === digest.articles;
	const model = same ? state.model : modelOf(digest);
	const rendering = same ? state.rendering : viewHashes(model);
	return { model, rendering, pages: dirtyPages(model, state.renderedFrom, rendering) };
}

/**
 * prune: Eleventy writes what it rendered and never removes anything, so a deleted article's page (or a
 * topic no article uses any more) would still be served, and indexed. A rebuild renders only some pages:
 * what goes is what was written once and is neither written now nor a page of the current model. The
 * pages kept whose view differs only in the newest date get the new one. Returns every file now written.
 */
async function prune(state: DevState, outputRoot: string, renderedFiles: Set<string>): Promise<Set<string>> {
	const modelFiles = pageFiles(outputRoot, state.rendering);
	if (state.renderedFrom)
		await updateNewest(
			[...modelFiles].filter((file) => !renderedFiles.has(file)),
			state.renderedFrom,
			state.rendering,
		);
	const now = new Set(renderedFiles);
	for (const file of state.written) {
		if (now.has(file) || modelFiles.has(file)) now.add(file);
		else if (isInside(file, outputRoot)) await rm(file, { force: true });
	}
	return now;
}

export async function startDevServer(options: DevServerOptions = {}): Promise<DevServer> {
	const { articlesDir, outputDir, port, log, indexAheadAfterMs } = { ...devServerDefaults, ...options };
	const articlesRoot = path.resolve(articlesDir);
	const outputRoot = path.resolve(outputDir);
	// The first load uses the content-hash cache on disk; a rebuild then reads only the files whose
	// timestamps changed since (the process remembers the rest).
	const flags = createSession({
		articlesDir: articlesRoot,
		drafts: true,
		future: true,
		fileSearch: false,
		// A worker would answer the dev server's pages from its caches; the pages remove one instead.
		serviceWorker: false,
	});
	const loadOptions: LoadOptions = { ...loaderOptions(flags), memory: new ParsedFiles<CachedParse>() };

	// A first load that fails has no last good site to fall back on: the command reports it and exits.
	const first = await loadDigest(articlesRoot, loadOptions);
	reportWarnings(first, log);
	// Pages left by an earlier build of other articles would be served and indexed as if they were current.
	await rm(outputRoot, { recursive: true, force: true });
	const firstModel = modelOf(first);
	const state: DevState = {
		digest: first,
		model: firstModel,
		rendering: viewHashes(firstModel),
		session: flags,
		written: new Set(),
		rendered: 0,
	};
	const clock: RebuildClock = { loadedIn: 0, pagesWritten: 0, renderStarted: 0, lastPagesMs: 0 };
	const renew = () => {
		state.session = nextSession(state.session, { digest: state.digest, model: state.model, pages: state.pages });
	};

	// index: full re-indexes run one at a time after their rebuilds; a rebuild's request replaces one still waiting.
	let indexing = Promise.resolve();
	const recentIndex = new RecentSearchIndex();
	let waitingReindex: { reindex: () => Promise<void>; changeStarted: number | undefined } | undefined;
	const deferSearchIndex = (reindex: () => Promise<void>) => {
		const queued = waitingReindex !== undefined;
		waitingReindex = { reindex, changeStarted: clock.changeStarted };
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
	let host: DevHost | undefined;
	const announceSearchChange = () => host?.announce(searchIndexChangedMessage);
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
	/** index, ahead of the rebuild: new articles are searchable before a slow rebuild (0.1 s, not ~4 s at 10,000). */
	const indexAhead = async (digest: Digest) => {
		const written = await recentIndex
			.update(outputRoot, () => digest, searchRecords(state.model, digest))
			.then(
				() => true,
				(error: Error) => {
					log.error(`${tag} new articles were not indexed ahead of the rebuild: ${error.message}`);
					return false;
				},
			);
		if (!written) return;
		announceSearchChange();
		log.log(
			`${tag} new articles searchable ${seconds(performance.now() - (clock.changeStarted ?? 0))} after the change, ahead of the rebuild.`,
		);
		await searchPagesCaughtUp();
	};

	/** load: the digest again; an invalid edit is reported and the last good digest kept (undefined). */
	const load = async (): Promise<Digest | undefined> => {
		try {
			const digest = await loadDigest(articlesRoot, loadOptions);
			clock.loadedIn = performance.now() - (clock.changeStarted ?? 0);
			reportWarnings(digest, log);
			return digest;
		} catch (error) {
			if (!(error instanceof ContentError)) throw error;
			for (const problem of error.problems) log.error(formatProblem(problem));
			log.error(
				`${tag} ${error.problems.length} problem${error.problems.length === 1 ? "" : "s"}; still serving the last good site (${state.digest.articles.length} articles).`,
			);
			return undefined;
		}
	};

	// A big digest takes a while to render: a progress bar over the article pages on a terminal.
	let progress: Progress | undefined;
	let articleUrls = new Set<string>();

	state.session = createSession({
		...flags,
		digest: state.digest,
		model: state.model,
		beforeSearchIndex: async (_outputDir, results) => {
			// render is done: prune, before the search plugin reads the article pages back.
			progress?.stop();
			state.rendered = results.length;
			const renderedFiles = new Set(
				results
					.map((result) => result.outputPath)
					.filter((file): file is string => typeof file === "string")
					.map((file) => path.resolve(file)),
			);
			state.written = await prune(state, outputRoot, renderedFiles);
			// Only now are the pages on disk those of this model: a failed render compares with the last good one.
			state.renderedFrom = state.rendering;
			if (clock.changeStarted !== undefined) clock.pagesWritten = performance.now() - clock.changeStarted;
			clock.lastPagesMs = clock.changeStarted !== undefined ? clock.pagesWritten : performance.now() - clock.renderStarted;
		},
		deferSearchIndex,
		recentIndex,
	});

	host = await startDevHost({
		outputDir: outputRoot,
		port,
		session: () => state.session,
		middleware: noteRecentIndexReads,
		rebuildOnDelete: (file) => isInside(path.resolve(file), articlesRoot),
		steps: {
			beforeRebuild: async (changed) => {
				const change = detect(changed, articlesRoot);
				state.pages = undefined;
				if (!change.onlyContent) state.renderedFrom = undefined;
				renew();
				if (!change.content) return;
				clock.changeStarted = performance.now();
				const digest = await load();
				if (digest) state.digest = digest;
				else clock.changeStarted = undefined;
				renew();
				if (digest && change.onlyArticles && recentIndex.hasFullIndex && clock.lastPagesMs > indexAheadAfterMs) await indexAhead(digest);
				Object.assign(state, plan(state, state.digest));
				renew();
			},
			rendering: () => {
				clock.renderStarted = performance.now();
				articleUrls = new Set((state.pages?.articles ?? state.digest.articles).map((article) => article.url));
				progress = createProgress({
					label: "Rendering",
					total: state.pages?.articles.length ?? state.digest.articles.length,
					stream: process.stderr,
				});
			},
			rendered: (url) => {
				if (articleUrls.has(url)) progress?.tick();
			},
			afterRebuild: () => {
				if (clock.changeStarted === undefined) return;
				log.log(
					`${tag} ${state.digest.articles.length} articles: rebuilt ${seconds(performance.now() - clock.changeStarted)} after the change (articles read in ${seconds(clock.loadedIn)}, pages written by ${seconds(clock.pagesWritten)}, then new articles indexed); the whole search index follows.`,
				);
				clock.changeStarted = undefined;
			},
		},
	});
	return {
		url: host.url,
		digest: () => state.digest,
		pagesRendered: () => state.rendered,
		stop: async () => {
			// A rebuild already under way still finishes, and so does its re-index: Pagefind's backend is one per
			// process, and closing it under the next server started in this process (tests, the latency script)
			// would break that one.
			await host.stop();
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
