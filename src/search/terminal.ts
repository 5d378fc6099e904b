/**
 * Search a built site from Node, with the very bundle the browser uses (no second index): `pagefind.js`
 * is imported from the output folder, and its fetch() calls for files under the bundle are answered from
 * disk. Pagefind runs without a worker, as in a browser opened from disk.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { asOneIndex } from "./combine.ts";
import type { searchFacets } from "./contract.ts";
import { indexFolders } from "./packs.ts";
import { resultExcerpt, searchTerms } from "./word-forms.ts";

export interface TerminalSearchOptions {
	/** The built site (with its `pagefind/` folder). */
	outputDir: string;
	/** Words to find; empty lists every article that matches the filters. */
	query: string;
	/** Filter values by facet (e.g. `{ topic: ["Diplomacy"] }`); several values in one facet mean any of them. */
	filters?: Partial<Record<FacetKey, string[]>>;
	/**
	 * Newest first instead of by relevance.
	 * @default false
	 */
	newest?: boolean;
	/**
	 * How many results to load (title, excerpt); the count is always the full one.
	 * @default 10
	 */
	limit?: number;
}

export const terminalSearchDefaults = { newest: false, limit: 10 } satisfies Partial<TerminalSearchOptions>;

export type FacetKey = (typeof searchFacets)[number]["key"];

export interface TerminalResult {
	title: string;
	/** `YYYY-MM-DD`. */
	date: string;
	source: string;
	/** Site path without the prefix, e.g. `/articles/2025/02/18/slug/`. */
	url: string;
	/** Plain text with the matched words between `«` and `»`. */
	excerpt: string;
	topics: string[];
}

export interface TerminalSearchResult {
	/** Every match, of which `results` holds the first `limit`. */
	count: number;
	results: TerminalResult[];
	/** Every value of every facet with its number of articles in the whole digest. */
	facets: Record<string, Record<string, number>>;
}

interface PagefindFragment {
	raw_url?: string;
	url: string;
	excerpt: string;
	content?: string;
	meta: Record<string, string | undefined>;
	filters: Record<string, string[] | undefined>;
}
interface PagefindModule {
	options(options: Record<string, unknown>): Promise<void>;
	filters(): Promise<Record<string, Record<string, number>>>;
	search(
		term: string | null,
		options?: { filters?: Record<string, unknown>; sort?: Record<string, "asc" | "desc"> },
	): Promise<{ results: Array<{ score?: number; data(): Promise<PagefindFragment> }>; filters: Record<string, Record<string, number>> }>;
	mergeIndex(path: string, options?: { baseUrl?: string }): Promise<void>;
}

/** `--language ru` means the filter value Русский (each language is filtered by its own name). */
export function languageFilterValue(wanted: string): string {
	if (!/^[a-z]{2,3}(-[a-z0-9]{2,8})?$/i.test(wanted)) return wanted;
	try {
		const name = new Intl.DisplayNames([wanted], { type: "language", fallback: "none" }).of(wanted);
		return name ? name.charAt(0).toLocaleUpperCase(wanted) + name.slice(1) : wanted;
	} catch {
		return wanted;
	}
}

/** Words in an excerpt, Pagefind's and ours alike. */
const excerptWords = 24;

export class SearchBundleMissing extends Error {
	override name = "SearchBundleMissing";
}

export async function searchBuiltSite(options: TerminalSearchOptions): Promise<TerminalSearchResult> {
	const { newest, limit } = { ...terminalSearchDefaults, ...options };
	// An index with no page (every article a draft, or without a word) has no language, and Pagefind's
	// loader throws where no caller can catch it: nothing is found, without loading it.
	if (await isEmptyIndex(path.resolve(options.outputDir))) return { count: 0, facets: {}, results: [] };
	const pagefind = await loadPagefind(path.resolve(options.outputDir));
	const facets = await pagefind.filters();
	const filters: Record<string, { any: string[] }> = {};
	for (const [facet, values] of Object.entries(options.filters ?? {})) {
		if (values && values.length > 0) filters[facet] = { any: values.map((value) => matchFacetValue(facet, value, facets[facet] ?? {})) };
	}
	const query = options.query.trim();
	const sort = newest || !query ? ({ date: "desc" } as const) : undefined;
	const found = await pagefind.search(query ? searchTerms(query) : null, { filters, ...(sort ? { sort } : {}) });
	const fragments = await Promise.all(found.results.slice(0, limit).map((result) => result.data()));
	return {
		count: found.results.length,
		facets,
		results: fragments.map((fragment) => ({
			title: fragment.meta.title ?? fragment.url,
			date: fragment.meta.date ?? "",
			source: fragment.meta.source ?? "",
			url: fragment.raw_url ?? fragment.url,
			excerpt: plainExcerpt(query ? resultExcerpt(fragment, query, excerptWords) : (fragment.meta.summary ?? fragment.excerpt)),
			topics: fragment.filters.topic ?? [],
		})),
	};
}

/**
 * An editor types `--topic diplomacy` or `--topic us-russia-relations` for the topic titled
 * "U.S.–Russia relations": values match ignoring case, punctuation and spaces.
 */
export function matchFacetValue(facet: string, wanted: string, values: Record<string, number>): string {
	const key = (text: string) =>
		text
			.normalize("NFKD")
			.toLowerCase()
			.replace(/[^\p{L}\p{N}]+/gu, "");
	const exact = Object.keys(values).find((value) => value === wanted) ?? Object.keys(values).find((value) => key(value) === key(wanted));
	if (exact !== undefined) return exact;
	const close = Object.keys(values)
		.filter((value) => key(value).includes(key(wanted)))
		.slice(0, 5);
	throw new UnknownFacetValue(
		`no ${facet} "${wanted}" in the index${close.length > 0 ? `; did you mean ${close.map((value) => `"${value}"`).join(", ")}?` : ` (${Object.keys(values).length} ${facet} values; see --list)`}`,
	);
}

export class UnknownFacetValue extends Error {
	override name = "UnknownFacetValue";
}

/** Pagefind's excerpt is escaped HTML with <mark> around matches; the terminal gets text and «…». */
export function plainExcerpt(excerpt: string): string {
	return excerpt
		.replace(/<mark>/g, "«")
		.replace(/<\/mark>/g, "»")
		.replace(/<[^>]*>/g, "")
		.replace(
			/&(lt|gt|quot|#39|#x27|amp);/g,
			(_, name: string) => ({ lt: "<", gt: ">", quot: '"', "#39": "'", "#x27": "'", amp: "&" })[name] ?? "",
		)
		.replace(/\s+/g, " ")
		.trim();
}

const loaded = new Map<string, Promise<PagefindModule>>();

async function isEmptyIndex(outputDir: string): Promise<boolean> {
	const entry = await readFile(path.join(outputDir, "pagefind", "pagefind-entry.json"), "utf8").then(
		(text) => JSON.parse(text) as { languages?: object },
		() => undefined,
	);
	return entry !== undefined && Object.keys(entry.languages ?? {}).length === 0;
}

function loadPagefind(outputDir: string): Promise<PagefindModule> {
	const bundleDir = path.join(outputDir, "pagefind");
	let pagefind = loaded.get(bundleDir);
	if (!pagefind) {
		pagefind = (async () => {
			await readFile(path.join(bundleDir, "pagefind.js")).catch(() => {
				throw new SearchBundleMissing(`no search index in ${outputDir}: build the site first (npm run build -- --output ${outputDir})`);
			});
			answerBundleFetchesFromDisk();
			// A split index: each part's own pagefind.js (a module of its own), searched as one (combine.ts).
			const modules = await Promise.all(
				(await indexFolders(bundleDir)).map(async (folder) => {
					const dir = path.join(bundleDir, folder);
					const module = (await import(pathToFileURL(path.join(dir, "pagefind.js")).href)) as PagefindModule;
					await module.options({
						basePath: pathToFileURL(`${dir}${path.sep}`).href,
						baseUrl: "/",
						noWorker: true,
						excerptLength: excerptWords,
					});
					return module;
				}),
			);
			return asOneIndex(modules);
		})();
		loaded.set(bundleDir, pagefind);
	}
	return pagefind;
}

let installed = false;

/** Node's fetch() cannot read file: URLs; Pagefind asks for its own files with them (plus `?ts=`). */
function answerBundleFetchesFromDisk(): void {
	if (installed) return;
	installed = true;
	const original = globalThis.fetch;
	globalThis.fetch = async (input: string | URL | Request, init?: RequestInit) => {
		const href = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
		if (!href.startsWith("file:")) return original(input, init);
		const url = new URL(href);
		url.search = "";
		try {
			return new Response(await readFile(fileURLToPath(url)), { status: 200 });
		} catch {
			return new Response(null, { status: 404, statusText: "Not Found" });
		}
	};
}
