// Loading Pagefind for the search page: from the site's bundle when served, through the file:// shim
// (src/browser/search-file-mode.ts) from disk; every index of a split one as one
// (src/search/combine.ts); under the dev server, its index of newly added articles merged in.
import { asOneIndex } from "../search/combine.ts";
import { type SearchPageConfig, searchIndexChangedMessage } from "../search/contract.ts";
import type { PagefindModule } from "./pagefind.ts";

/** Words in an excerpt, Pagefind's and ours (src/search/word-forms.ts) alike. */
export const excerptWords = 28;

/** Where the search page finds the site and the index: as served, or inside the folder opened from disk. */
export interface SiteLocation {
	fromDisk: boolean;
	/** The site's root, which result paths are resolved against. */
	siteRoot: string;
	/** Pagefind's bundle, absolute. */
	bundle: string;
}

export function siteLocation(config: SearchPageConfig): SiteLocation {
	const fromDisk = location.protocol === "file:";
	return {
		fromDisk,
		siteRoot: fromDisk ? new URL(config.siteRootFromPage, location.href).href : config.siteRoot,
		bundle: new URL(fromDisk ? config.bundleFromPage : config.bundle, location.href).href,
	};
}

export async function loadPagefind(config: SearchPageConfig, { fromDisk, siteRoot, bundle }: SiteLocation): Promise<PagefindModule> {
	const fileSearch = window.topicDigestFileSearch;
	if (fromDisk && !fileSearch) throw new Error("the offline search shim did not load");
	const recent = fromDisk ? undefined : config.recentBundle;
	// Under the dev server: listening before any index is read, so no change to the indexes is missed.
	if (recent) await reloadWhenIndexChanges();
	// A split index (src/search/combine.ts): each part is a bundle of its own, with its own pagefind.js (from
	// disk, the one file:// bundle carries them all).
	const parts = config.indexParts;
	const modules = await Promise.all(
		[bundle, ...parts.map((part) => new URL(part, bundle).href)].map(async (base): Promise<PagefindModule> => {
			const module: PagefindModule = fileSearch && fromDisk ? await fileSearch.load(base) : await import(`${base}pagefind.js`);
			// One call: options() before the first search replaces, not merges, what an earlier call set.
			await module.options({
				basePath: base,
				baseUrl: siteRoot,
				excerptLength: excerptWords,
				// From disk: no worker (none can start from file://). Served: the build's content hash, so that
				// Pagefind's metadata URL stays the same until the next build and the browser and the service
				// worker can cache it (without it Pagefind adds a timestamp to every load).
				...(fromDisk ? { noWorker: true } : { metaCacheTag: config.indexVersion }),
			});
			return module;
		}),
	);
	const pagefind = asOneIndex(modules);
	// The dev server's index of articles added since its last full index, when it holds any.
	if (recent) await mergeRecent(pagefind, new URL(recent, location.href).href, siteRoot);
	return pagefind;
}

/**
 * The dev server puts new articles into the recent index as soon as it has read them (before the
 * rebuild and its reload), rebuilds the full index in the background, then empties the recent one. A
 * page that read the full index before that swap and the recent one after it would miss the newest
 * articles. The dev server says when either index changed, on the socket its live reload uses, and the
 * page reloads (the search is in the address). Resolves once listening (or after 2 s without a socket:
 * the page still searches).
 */
function reloadWhenIndexChanges(): Promise<void> {
	return new Promise((resolve) => {
		const listening = setTimeout(resolve, 2000);
		const ready = () => {
			clearTimeout(listening);
			resolve();
		};
		const socket = new WebSocket(location.origin.replace(/^http/, "ws"));
		socket.addEventListener("open", ready);
		socket.addEventListener("error", ready);
		socket.addEventListener("message", (event) => {
			const message = parseMessage(event.data);
			if (message?.type === "eleventy.msg" && message.message === searchIndexChangedMessage) location.reload();
		});
	});
}

async function mergeRecent(pagefind: PagefindModule, recent: string, siteRoot: string): Promise<void> {
	const entry: { languages?: object } = await fetch(`${recent}pagefind-entry.json`, { cache: "no-store" })
		.then((response) => (response.ok ? response.json() : {}))
		.catch(() => ({}));
	if (Object.keys(entry.languages || {}).length === 0) return;
	// Without it the digest is still searched, just not the newest articles until the full index has them.
	await pagefind
		.mergeIndex(recent, { baseUrl: siteRoot })
		.catch((error: unknown) => console.warn("New articles are not searchable yet:", error));
}

function parseMessage(data: unknown): { type?: unknown; message?: unknown } | undefined {
	try {
		const parsed: unknown = JSON.parse(String(data));
		return typeof parsed === "object" && parsed !== null ? parsed : undefined;
	} catch {
		return undefined;
	}
}
