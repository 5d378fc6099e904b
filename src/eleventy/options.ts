/**
 * What one build is asked to do, as one frozen build session: the command line's flags, and what the
 * caller already loaded or wants to hear of. A programmatic build hands its session to Eleventy's config
 * through the `config` callback (which runs before `eleventy.config.ts`): `useSession`, once per config;
 * each plugin reads it with `sessionOf`. A plain `eleventy` run gets the defaults. A session is never
 * changed: the dev server makes a new one for each rebuild (`nextSession`), and the plugins read the one
 * in force when they run.
 */
import { articleCacheDefaults } from "../content/article-cache.ts";
import type { SiteModel } from "../model/collections.ts";
import type { Digest, LoadOptions } from "../content/load.ts";
import type { PageLists } from "../model/page-kinds.ts";
import type { RecentSearchIndex } from "../search/recent.ts";
import { pagesPerIndexDefault } from "../search/indexer.ts";
import type { ReadFragments } from "../search/fragment-reuse.ts";
import type { IndexReuse } from "../search/index-reuse.ts";
import type { PageHash } from "../search/offline.ts";
import type { RenderedResult } from "./search.ts";

/** The flags of a build, as the command line sets them. */
export interface BuildFlags {
	/**
	 * The folder of articles (with `topics.yaml` and `site.yaml`).
	 * @default "articles"
	 */
	articlesDir: string;
	/**
	 * Where the site is served from, e.g. `/repo/` on GitHub Pages.
	 * @default "/"
	 */
	pathPrefix: string;
	/**
	 * The public origin and path, for canonical links, feeds and the sitemap; empty when unknown.
	 * @default ""
	 */
	siteUrl: string;
	/**
	 * Build drafts too (the dev server does).
	 * @default false
	 */
	drafts: boolean;
	/**
	 * Articles without topics and topics missing from the registry are errors.
	 * @default false
	 */
	strict: boolean;
	/**
	 * Build scheduled articles too (a `publishDate` or `date` still to come), as the dev server does.
	 * @default false
	 */
	future: boolean;
	/**
	 * The moment scheduled and expiring articles are judged against (ISO 8601); empty: the
	 * `TOPIC_DIGEST_NOW` environment variable, else the current time.
	 * @default ""
	 */
	now: string;
	/**
	 * Let raw HTML in Markdown through, sanitised (`false`: shown as text).
	 * @default what site.yaml's `rawHtml` says (`sanitize` unless it is `escape`)
	 */
	allowHtml?: boolean;
	/**
	 * Largest article file accepted, in bytes.
	 * @default 1048576
	 */
	maxFileBytes: number;
	/**
	 * Also write the search bundle in the form a browser can load from disk (`file://`), so that a
	 * downloaded copy of the site searches when opened straight from its folder. Costs about 1.35x the
	 * search index in disk space (see src/search/file-bundle.ts).
	 * @default true
	 */
	fileSearch: boolean;
	/**
	 * Above this much search-index data the `file://` bundle is left out (with a warning).
	 * @default 67108864
	 */
	fileSearchMaxBytes: number;
	/**
	 * Above this many articles the search index is split by period into indexes of at most this many, so
	 * that the indexer's memory holds one (~55–65 kB per article); readers search them as one. Doubled as
	 * often as it takes for eight indexes to hold every article (src/search/indexer.ts, `indexSize`).
	 * @default 5000
	 */
	pagesPerIndex: number;
	/**
	 * Above this much filter data (Pagefind's filter files: every topic's, source's, person's… list of
	 * articles) the search page loads the filters only when the reader opens them, so that a first search
	 * on a large digest does not fetch them (163 kB of the 604 kB of a first search at 10,000 articles).
	 * @default 100000
	 */
	filtersOnRequestBytes: number;
	/**
	 * Pages register the service worker that keeps read pages and (on request) search available offline.
	 * The dev server turns it off: its pages register none and remove one a built site left.
	 * @default true
	 */
	serviceWorker: boolean;
	/**
	 * Where parsed articles are kept between builds, by content hash (src/content/article-cache.ts), so a
	 * rebuild parses only what changed; `false` parses everything every time.
	 * @default "node_modules/.cache/topic-digest" of this project
	 */
	cacheDir: string | false;
}

/** The flags and what the caller hands over: the content it loaded, the hooks it wants called. */
export interface BuildOptions extends BuildFlags {
	/** Content loaded before Eleventy started (the build validates first, then renders). */
	digest?: Digest;
	/** The site model of `digest`, when the caller already built it (the dev server compares models). */
	model?: SiteModel;
	/**
	 * The pages the paginated templates render; absent, all of them. The dev server narrows it to the
	 * pages an article change can alter (src/commands/incremental.ts: the pages whose view changed).
	 */
	pages?: PageLists;
	/**
	 * Runs once Eleventy has written the pages and before the search index reads the article pages back
	 * (the dev server removes the pages of deleted articles there).
	 */
	beforeSearchIndex?: (outputDir: string, results: RenderedResult[]) => Promise<void>;
	/**
	 * Set by the dev server. Rebuilds after the first then index only the articles added since the last
	 * full index, into a small second index the search page merges in (`recentIndexFolder`), and hand the
	 * full re-index (tens of seconds at 10,000 articles) to this function to run after the rebuild; the
	 * recent index is emptied once the full one holds those articles.
	 */
	deferSearchIndex?: (reindex: () => Promise<void>) => void;
	/**
	 * Set by the dev server with `deferSearchIndex`: the recent index's state, which it also writes from
	 * before the rebuild (a new article is searchable before its page is written). Without it the plugin
	 * keeps its own.
	 */
	recentIndex?: RecentSearchIndex;
	/**
	 * Set by a full build that renders in several Eleventy runs (src/eleventy/render-runs.ts). Only the last run
	 * publishes the media and writes the search index, with the pages the earlier runs rendered;
	 * `articleIndex` is the article pages' index, started by the build once the runs of article pages were
	 * written (see `startArticleIndex`), which the last run waits for instead of indexing.
	 */
	renderRun?: { last: boolean; earlierPages: readonly PageHash[]; articleIndex?: Promise<number> };
	/**
	 * Set by a build that carried article pages over from the last one (src/commands/carry-over.ts): what
	 * the article index takes of the last one as it is, whole or its pages' result fragments
	 * (src/search/index-reuse.ts, src/search/fragment-reuse.ts).
	 */
	reusableIndex?: IndexReuse;
	/**
	 * Set by a build that keeps a render record: the search step notes there each result fragment's page and
	 * hash as the offline packs read it, and the record takes them rather than read every fragment again
	 * (10,000 news items: ~0.2 s of a first build).
	 */
	readFragments?: ReadFragments;
}

export const buildDefaults = {
	articlesDir: "articles",
	pathPrefix: "/",
	siteUrl: "",
	drafts: false,
	strict: false,
	future: false,
	now: "",
	maxFileBytes: 1024 * 1024,
	fileSearch: true,
	fileSearchMaxBytes: 64 * 1024 * 1024,
	filtersOnRequestBytes: 100_000,
	pagesPerIndex: pagesPerIndexDefault,
	serviceWorker: true,
	cacheDir: articleCacheDefaults.dir,
} satisfies BuildFlags;

/** One build's options, frozen: a change is a new session. */
export type BuildSession = Readonly<BuildOptions>;

/** A session from `options`, the defaults filling in what is left out (or given as undefined). */
export function createSession(options: Partial<BuildOptions> = {}): BuildSession {
	const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<BuildOptions>;
	return Object.freeze({ ...buildDefaults, ...given, pathPrefix: normalisePrefix(given.pathPrefix ?? "/") });
}

/** `session` with its content replaced (a dev rebuild's digest, model and pages): a new session. */
export function nextSession(
	session: BuildSession,
	content: Partial<
		Pick<BuildOptions, "digest" | "model" | "pages" | "renderRun" | "beforeSearchIndex" | "reusableIndex" | "readFragments">
	>,
): BuildSession {
	return Object.freeze({ ...session, ...content });
}

/** What the loader is asked, from a build's flags: the one place the two meet. */
export function loaderOptions(flags: BuildFlags): LoadOptions {
	return {
		drafts: flags.drafts,
		strict: flags.strict,
		future: flags.future,
		now: flags.now || undefined,
		allowHtml: flags.allowHtml,
		maxFileBytes: flags.maxFileBytes,
		cache: flags.cacheDir === false ? false : { dir: flags.cacheDir },
	};
}

// biome-ignore lint/suspicious/noExplicitAny: Eleventy's config object is untyped.
type EleventyConfig = any;
/** Per Eleventy config (two builds in one process stay apart), how to read the session in force. */
const sessions = new WeakMap<object, () => BuildSession>();
const defaultSession = createSession();

/**
 * Hands `eleventyConfig` its build's session: a session, or a function returning the one in force (the
 * dev server's, replaced on each rebuild). Called once per config, before the plugins read it.
 */
export function useSession(eleventyConfig: EleventyConfig, session: BuildSession | (() => BuildSession)): void {
	sessions.set(eleventyConfig, typeof session === "function" ? session : () => session);
}

/** How a plugin reads its build's session: call it when the session is needed, not once at registration. */
export function sessionOf(eleventyConfig: EleventyConfig): () => BuildSession {
	return sessions.get(eleventyConfig) ?? (() => defaultSession);
}

/** `repo`, `/repo` and `/repo/` all mean `/repo/`. */
export function normalisePrefix(prefix: string): string {
	const trimmed = prefix.trim().replace(/^\/+|\/+$/g, "");
	return trimmed ? `/${trimmed}/` : "/";
}
