// The dev server's `sw.js`. `npm start` registers no service worker, but a built site served earlier on
// the same origin (`npm run serve` on the same port) may have left one, which would keep answering the
// dev server's pages from its caches. The browser checks `sw.js` for a new version on navigation: this
// one takes over at once, deletes the site's caches and unregisters itself, so the tab talks to the dev
// server directly from then on.
export {};
declare const self: ServiceWorkerGlobalScope;

self.addEventListener("install", (event) => {
	event.waitUntil(self.skipWaiting());
});

self.addEventListener("activate", (event) => {
	event.waitUntil(
		caches
			.keys()
			.then((names) => Promise.all(names.filter((name) => name.startsWith("topic-digest-")).map((name) => caches.delete(name))))
			.then(() => self.registration.unregister()),
	);
});
