// On every page: the `/` key focuses the search box, the service worker that keeps the digest
// searchable offline is registered, and what is new since the last visit is marked (new-since.ts). A classic deferred script (no modules, no inline code) so that it
// runs under a strict CSP and from a copy opened from disk.
import { markNewSinceLastVisit } from "./new-since.ts";

const script = document.currentScript instanceof HTMLScriptElement ? document.currentScript : null;
// What is new since the reader's last visit: one script per page rather than two (~70 bytes on each).
markNewSinceLastVisit(script);

document.addEventListener("keydown", (event) => {
	if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
	const target = event.target;
	// Where `/` is a character being typed, it stays one; from a link, checkbox or button it jumps to search.
	const typing = "textarea, select, input:not([type=checkbox]):not([type=radio]):not([type=button]):not([type=submit]):not([type=reset])";
	if (target instanceof HTMLElement && (target.isContentEditable || target.matches(typing))) return;
	// The search page's own box when there is one, else the header's.
	const box = document.querySelector("[data-search-input]") || document.getElementById("site-search");
	if (!(box instanceof HTMLInputElement)) return;
	event.preventDefault();
	box.focus();
	box.select();
});

/** `navigator.connection` is not in TypeScript's DOM library (it is not in every browser). */
const saveData = (navigator as Navigator & { connection?: { saveData?: boolean } }).connection?.saveData === true;
const worker = script?.dataset.serviceWorker;
const scope = new URL(script?.dataset.scope || "/", location.href).href;
const inScope = (url: string) => url.startsWith(scope);

if ("serviceWorker" in navigator && location.protocol !== "file:") {
	if (worker) register(worker);
	// The dev server's pages name no worker: one that a built site left on this origin must not keep
	// answering for it (with its caches) while the editor works.
	else void retire();
}

function register(url: string): void {
	// What this visit fetched before the worker was in control (the page, its stylesheet and scripts) is
	// handed to it from the HTTP cache, so that the page opens offline too; later requests pass through
	// the worker itself. Save-Data: nothing is stored beyond what passes through.
	const handOver = (registration: ServiceWorkerRegistration) =>
		new Promise<void>((resolve) => {
			if (saveData || !registration.active) return resolve();
			const urls = [location.href, ...performance.getEntriesByType("resource").map((entry) => entry.name)].filter(inScope);
			const channel = new MessageChannel();
			channel.port1.onmessage = () => resolve();
			registration.active.postMessage({ type: "cache-urls", urls }, [channel.port2]);
		});
	navigator.serviceWorker
		.register(url, { scope })
		.then(() => navigator.serviceWorker.ready)
		.then(handOver)
		.then(() => {
			// Tests and curious readers can see when this page is ready to be read offline.
			document.documentElement.dataset.offlineReady = "true";
		})
		.catch((error: unknown) => console.warn("Offline reading is unavailable:", error));
}

async function retire(): Promise<void> {
	const registrations = await navigator.serviceWorker.getRegistrations();
	await Promise.all(registrations.filter((registration) => inScope(registration.scope)).map((registration) => registration.unregister()));
	const names = await caches.keys();
	await Promise.all(names.filter((name) => name.startsWith("topic-digest-")).map((name) => caches.delete(name)));
}
