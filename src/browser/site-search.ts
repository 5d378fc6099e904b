// On every page: the `/` key focuses the search box, and the service worker that keeps the digest
// searchable offline is registered. A classic deferred script (no modules, no inline code) so that it
// runs under a strict CSP and from a copy opened from disk.
const script = document.currentScript instanceof HTMLScriptElement ? document.currentScript : null;

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

const worker = script?.dataset.serviceWorker;
if (worker && "serviceWorker" in navigator && location.protocol !== "file:") {
	const scope = script?.dataset.scope || "/";
	const inScope = (url: string) => url.startsWith(new URL(scope, location.href).href);
	// What this visit fetched before the worker was in control is handed to it, so that the page and the
	// parts of the index it used are there offline too; later requests pass through the worker itself.
	const handOver = (registration: ServiceWorkerRegistration) =>
		new Promise<void>((resolve) => {
			const urls = [location.href, ...performance.getEntriesByType("resource").map((entry) => entry.name)].filter(inScope);
			const channel = new MessageChannel();
			channel.port1.onmessage = () => resolve();
			registration.active?.postMessage({ type: "cache-urls", urls }, [channel.port2]);
		});
	navigator.serviceWorker
		.register(worker, { scope })
		.then(() => navigator.serviceWorker.ready)
		.then(handOver)
		.then(() => {
			// Tests and curious readers can see when the digest is ready to be read offline.
			document.documentElement.dataset.offlineReady = "true";
		})
		.catch((error: unknown) => console.warn("Offline reading is unavailable:", error));
}
