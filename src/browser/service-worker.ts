// The service worker. It costs a reader nothing they did not ask for: a visit stores only what that
// page loaded (it passes through here, or the page hands the URLs over from the HTTP cache), so a read
// page opens again offline; the whole search data is fetched only when the reader asks for search
// offline (or after a first search when it is small, src/search/offline.ts), as a few packs it unpacks
// into its own cache. Online, pages and Pagefind's unhashed files are always revalidated, so a reader
// never searches an old index after a deploy; content-hashed files are answered from the caches.
//
// The build prepends `const config = {scope}` and nothing of the articles: nothing here depends on what
// was built, so a deploy leaves `sw.js` as it was and readers' browsers keep the worker they have. A new
// worker (a new version of this code) takes over at once (skipWaiting, clients.claim), and in that
// handover Chromium was seen to send a navigation to the old worker and never answer it (the tests'
// offline suite, about one run in five while a new worker came with every build). The caches are kept
// across workers: the pages a reader read, and the offline copy, which the search page brings up to date
// by fetching only the packs that changed.
import {
	copyRecordPath,
	type OfflineCopy,
	type OfflineManifest,
	type WorkerAnswer,
	type WorkerConfig,
	type WorkerRequest,
} from "./offline-protocol.ts";
import { contentTypeOf, packContent, unpack } from "./packs.ts";

declare const self: ServiceWorkerGlobalScope;
declare const config: WorkerConfig;

/** What readers' visits stored: pages, stylesheet, scripts, and the Pagefind files searches loaded. */
const visitedCache = "topic-digest-visited";
/** The offline copy of the search data, unpacked, and the record of which packs it holds. */
const copyCache = "topic-digest-search";
const ownCaches = new Set([visitedCache, copyCache]);

const scopeUrl = new URL(config.scope, self.location.href).href;
const bundleUrl = `${scopeUrl}pagefind/`;
const copyRecordUrl = `${scopeUrl}${copyRecordPath}`;

/** Pagefind files whose names carry a hash of their content: the same name is always the same bytes. */
const hashed = /\/pagefind\/(?:shards\/\d+\/)?(?:index|fragment|filter)\/|\.pf_meta$/;

self.addEventListener("install", (event) => {
	// Nothing is fetched on install: a first visit stores what the page loaded, nothing more.
	event.waitUntil(self.skipWaiting());
});

self.addEventListener("activate", (event) => {
	event.waitUntil(
		caches
			.keys()
			// Caches of earlier designs (one per build version) go; the visited pages and the copy stay.
			.then((names) =>
				Promise.all(names.filter((name) => name.startsWith("topic-digest-") && !ownCaches.has(name)).map((name) => caches.delete(name))),
			)
			.then(() => self.clients.claim()),
	);
});

/** One save or update at a time, whichever tab asked. */
let saving: Promise<unknown> = Promise.resolve();

self.addEventListener("message", (event) => {
	const request = event.data as WorkerRequest;
	const port = event.ports[0];
	const answer = (message: WorkerAnswer) => port?.postMessage(message);
	const failed = (error: unknown) => answer({ type: "failed", message: error instanceof Error ? error.message : String(error) });
	if (request?.type === "cache-urls") {
		event.waitUntil(storeVisited(request.urls).then(() => answer({ type: "cached" }), failed));
	} else if (request?.type === "offline-state") {
		event.waitUntil(readCopy().then((copy) => answer({ type: "copy", copy }), failed));
	} else if (request?.type === "offline-save") {
		saving = saving.then(() => saveCopy(request.manifest, answer).then((copy) => answer({ type: "copy", copy }), failed));
		event.waitUntil(saving);
	} else if (request?.type === "offline-remove") {
		saving = saving.then(() => caches.delete(copyCache).then(() => answer({ type: "copy", copy: null }), failed));
		event.waitUntil(saving);
	}
});

/**
 * Stores what the page loaded before this worker controlled it, from the HTTP cache (`force-cache`: no
 * request reaches the site for what the browser already holds).
 */
async function storeVisited(urls: string[]): Promise<void> {
	const cache = await caches.open(visitedCache);
	// Each is asked for as the page loaded it (the browser holds `/search/?q=…`, not `/search/`: asked for
	// by its key, the page was fetched a second time) and stored under its key.
	const wanted = new Map<string, string>();
	for (const url of urls.filter(inScope)) {
		const key = storageKey(url);
		if (!key.startsWith(`${bundleUrl}offline`) && !wanted.has(key)) wanted.set(key, url);
	}
	const queue: [key: string, url: string][] = [];
	for (const [key, url] of wanted) if (!(await cache.match(key))) queue.push([key, url]);
	const next = async () => {
		for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
			const [key, url] = item;
			const response = await fetch(url, { cache: "force-cache" }).catch(() => undefined);
			if (response?.ok) await cache.put(key, response);
		}
	};
	await Promise.all(Array.from({ length: 4 }, next));
}

/** The copy's record, or null when there is no copy. */
async function readCopy(): Promise<OfflineCopy | null> {
	// Not `caches.open()`, which would create the cache of a copy nobody asked for.
	const record = await caches.match(copyRecordUrl, { cacheName: copyCache });
	return record ? ((await record.json()) as OfflineCopy) : null;
}

/**
 * Brings the copy to the manifest at `manifestUrl`: fetches the packs the copy does not hold (all of
 * them the first time), unpacks each into the copy's cache, then drops the files no pack names any more.
 * The pack with `pagefind-entry.json`, which names the chunks to load, is unpacked last, so that an
 * update cut short leaves a copy that still searches.
 */
async function saveCopy(manifestUrl: string, answer: (message: WorkerAnswer) => void): Promise<OfflineCopy> {
	const response = await fetch(manifestUrl, { cache: "no-cache" });
	if (!response.ok) throw new Error(`the list of search files is missing (${response.status})`);
	const manifest = (await response.json()) as OfflineManifest;
	const previous = await readCopy();
	const held = new Map((previous?.packs ?? []).map((pack) => [pack.url, pack]));
	const wanted = manifest.packs.map((pack) => ({ ...pack, url: new URL(pack.url, manifestUrl).href }));
	const isMeta = (url: string) => /\/meta-[^/]*$/.test(url);
	const missing = wanted.filter((pack) => !held.has(pack.url)).sort((a, b) => Number(isMeta(a.url)) - Number(isMeta(b.url)));
	const total = missing.reduce((sum, pack) => sum + pack.bytes, 0);
	let done = 0;
	answer({ type: "progress", done, total });
	const cache = await caches.open(copyCache);
	const fetched = new Map<string, string[]>();
	for (const pack of missing) {
		const packResponse = await fetch(pack.url);
		if (!packResponse.ok) throw new Error(`a search pack is missing (${packResponse.status})`);
		const buffer = await readAll(packResponse, (bytes) => {
			done += bytes;
			answer({ type: "progress", done, total });
		});
		const files: string[] = [];
		for (const file of unpack(await packContent(buffer))) {
			const url = `${bundleUrl}${file.path}`;
			files.push(url);
			await cache.put(url, new Response(file.bytes, { headers: { "Content-Type": contentTypeOf(file.path) } }));
		}
		fetched.set(pack.url, files);
	}
	const packs = wanted.map((pack) => ({ url: pack.url, files: fetched.get(pack.url) ?? held.get(pack.url)?.files ?? [] }));
	const kept = new Set(packs.flatMap((pack) => pack.files));
	for (const pack of previous?.packs ?? []) {
		if (fetched.has(pack.url) || wanted.some((want) => want.url === pack.url)) continue;
		for (const file of pack.files) if (!kept.has(file)) await cache.delete(file);
	}
	const copy: OfflineCopy = {
		version: manifest.version,
		...(manifest.updated ? { updated: manifest.updated } : {}),
		bytes: manifest.bytes,
		packs,
	};
	await cache.put(copyRecordUrl, new Response(JSON.stringify(copy), { headers: { "Content-Type": "application/json" } }));
	return copy;
}

/** A response's whole body, reporting each chunk's size as it arrives. */
async function readAll(response: Response, progress: (bytes: number) => void): Promise<ArrayBuffer> {
	if (!response.body) return response.arrayBuffer();
	const reader = response.body.getReader();
	const chunks: Uint8Array[] = [];
	let length = 0;
	for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
		chunks.push(chunk.value);
		length += chunk.value.length;
		progress(chunk.value.length);
	}
	const whole = new Uint8Array(length);
	let offset = 0;
	for (const chunk of chunks) {
		whole.set(chunk, offset);
		offset += chunk.length;
	}
	return whole.buffer;
}

self.addEventListener("fetch", (event) => {
	const request = event.request;
	if (request.method !== "GET" || !inScope(request.url)) return;
	const url = request.url;
	// The manifest and the packs are fetched by this worker itself, fresh; nothing to answer for them.
	if (url.startsWith(`${bundleUrl}offline`)) return;
	// What is stored on the way is stored while the answer goes out, not before: a store can wait behind
	// the copy's thousands of writes, and a navigation that waited on it was seen to stall in CI.
	const keep = (stored: Promise<unknown>) => event.waitUntil(stored.catch(() => undefined));
	if (url.startsWith(bundleUrl))
		event.respondWith(hashed.test(new URL(url).pathname) ? hashedFile(request, keep) : freshSearchFile(request, keep));
	else event.respondWith(page(request, keep));
});

/** Stores a copy of `response` under `key` in `cacheName`. */
const store = async (cacheName: string, key: string, response: Response): Promise<void> =>
	(await caches.open(cacheName)).put(key, response);

function inScope(url: unknown): url is string {
	return typeof url === "string" && url.startsWith(scopeUrl);
}

/**
 * The URL a response is stored under: pages without their query (the search page is one page whatever
 * `?q=` says), Pagefind's entry without the `?ts=` it is asked with (there is one current entry).
 */
function storageKey(url: string): string {
	const parsed = new URL(url);
	parsed.hash = "";
	if (!url.startsWith(bundleUrl) || parsed.pathname.endsWith("/pagefind-entry.json")) parsed.search = "";
	return parsed.href;
}

/** A content-hashed Pagefind file: the copy, else what a visit stored, else the network (and stored). */
async function hashedFile(request: Request, keep: (stored: Promise<unknown>) => void): Promise<Response> {
	const hit = (await caches.match(request.url, { cacheName: copyCache })) ?? (await caches.match(request.url, { cacheName: visitedCache }));
	if (hit) return hit;
	const response = await fetch(request);
	if (response.ok) keep(store(visitedCache, request.url, response.clone()));
	return response;
}

/**
 * Pagefind's unhashed files (pagefind.js, its worker and WebAssembly, `pagefind-entry.json`): revalidated
 * with the site every time (a 304 when unchanged), so a search online always loads the deployed index;
 * offline, the copy's (which agrees with its chunks), else what a visit stored.
 */
async function freshSearchFile(request: Request, keep: (stored: Promise<unknown>) => void): Promise<Response> {
	try {
		const response = await fetch(request, { cache: "no-cache" });
		if (response.ok) keep(store(visitedCache, storageKey(request.url), response.clone()));
		return response;
	} catch (error) {
		const key = storageKey(request.url);
		const hit = (await caches.match(key, { cacheName: copyCache })) ?? (await caches.match(key, { cacheName: visitedCache }));
		if (hit) return hit;
		throw error;
	}
}

/** Pages, the stylesheet and scripts: the network first (pages revalidated), stored as they pass; offline, what was stored. */
async function page(request: Request, keep: (stored: Promise<unknown>) => void): Promise<Response> {
	const navigation = request.mode === "navigate";
	const key = storageKey(request.url);
	try {
		const response = await fetch(request, navigation ? { cache: "no-cache" } : {});
		if (response.ok) keep(store(visitedCache, key, response.clone()));
		return response;
	} catch (error) {
		// `/search/?q=…` offline is the stored search page; its script then searches the copy.
		const hit = await caches.match(key, { cacheName: visitedCache });
		if (hit) return hit;
		if (navigation) {
			return new Response("This page was not saved for offline reading. Search and the pages you visited still work.", {
				status: 503,
				headers: { "Content-Type": "text/plain; charset=utf-8" },
			});
		}
		throw error;
	}
}
