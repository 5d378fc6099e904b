// The service worker: keeps the digest readable and searchable after a first visit with the network off.
// The build prepends `const config = {version, scope, precache, warmList, warmBudget}` (src/search/offline.ts): `version` is a
// content hash of the build, so a new build installs a new worker whose cache replaces the old one.
import type { WorkerConfig } from "./offline-protocol.ts";

declare const self: ServiceWorkerGlobalScope;
declare const config: WorkerConfig;

const cacheName = `topic-digest-${config.version}`;
const cachePrefix = "topic-digest-";

// Files whose names carry a content hash never change: the cache answers first. Everything else
// (pages, pagefind.js, the stylesheet) is fetched fresh when the network is there and cached as it
// passes, so a reader online always sees the newest build.
const immutable = /\/pagefind\/(?:index|fragment|filter)\/|\.pf_meta$|\/pagefind\/pagefind-entry\.json\?ts=/;

self.addEventListener("install", (event) => {
	event.waitUntil(
		caches
			.open(cacheName)
			.then((cache) => cache.addAll(config.precache))
			.then(() => self.skipWaiting()),
	);
});

self.addEventListener("activate", (event) => {
	event.waitUntil(
		caches
			.keys()
			.then((names) =>
				Promise.all(names.filter((name) => name.startsWith(cachePrefix) && name !== cacheName).map((name) => caches.delete(name))),
			)
			.then(() => self.clients.claim()),
	);
});

self.addEventListener("message", (event) => {
	if (event.data?.type !== "cache-urls") return;
	const urls = ((event.data.urls as unknown[]) || []).filter(inScope);
	event.waitUntil(
		caches
			.open(cacheName)
			.then((cache) => store(cache, urls).then(() => warm(cache)))
			.then(() => event.ports[0]?.postMessage({ type: "cached" })),
	);
});

/**
 * After a first visit, the whole search index (so any word can be searched offline) and as many result
 * fragments as fit in `config.warmBudget` bytes, from the list the build wrote. Fragments beyond the
 * budget are cached as readers open them.
 */
async function warm(cache: Cache): Promise<void> {
	const response = await fetch(config.warmList).catch(() => undefined);
	if (!response?.ok) return;
	const files = (await response.json()) as [string, number][];
	const urls: string[] = [];
	let bytes = 0;
	for (const [file, size] of files) {
		if (bytes + size > config.warmBudget) break;
		bytes += size;
		urls.push(`${config.scope}${file}`);
	}
	await store(cache, urls);
}

/**
 * Caches each URL not cached yet, in batches (one cache transaction per batch is far quicker than one per
 * file); a batch with a failing URL is retried file by file, and a file that fails is left for later.
 */
async function store(cache: Cache, urls: string[]): Promise<void> {
	const cached = new Set((await cache.keys()).map((request) => request.url));
	const missing = [...new Set(urls.map((url) => new URL(url, self.registration.scope).href))].filter((url) => !cached.has(url));
	const batches: string[][] = [];
	for (let i = 0; i < missing.length; i += 40) batches.push(missing.slice(i, i + 40));
	const next = async () => {
		for (let batch = batches.shift(); batch !== undefined; batch = batches.shift()) {
			const files = batch;
			await cache.addAll(files).catch(() => Promise.all(files.map((url) => cache.add(url).catch(() => undefined))));
		}
	};
	await Promise.all(Array.from({ length: 4 }, next));
}

self.addEventListener("fetch", (event) => {
	const request = event.request;
	if (request.method !== "GET" || !inScope(request.url)) return;
	event.respondWith(immutable.test(request.url) ? cacheFirst(request) : networkFirst(request));
});

function inScope(url: unknown): url is string {
	return typeof url === "string" && url.startsWith(self.registration.scope);
}

async function cacheFirst(request: Request): Promise<Response> {
	const cache = await caches.open(cacheName);
	const hit = await cache.match(request);
	if (hit) return hit;
	const response = await fetch(request);
	if (response.ok) await cache.put(request, response.clone());
	return response;
}

async function networkFirst(request: Request): Promise<Response> {
	const cache = await caches.open(cacheName);
	try {
		const response = await fetch(request);
		if (response.ok) await cache.put(request, response.clone());
		return response;
	} catch (error) {
		// `/search/?q=…` offline is the cached search page; the script then searches the cached index.
		const hit =
			(await cache.match(request)) || (request.mode === "navigate" ? await cache.match(request, { ignoreSearch: true }) : undefined);
		if (hit) return hit;
		if (request.mode === "navigate") {
			return new Response("This page was not saved for offline reading. Search and the pages you visited still work.", {
				status: 503,
				headers: { "Content-Type": "text/plain; charset=utf-8" },
			});
		}
		throw error;
	}
}
