// Search from a copy opened straight from disk (file://). Browsers refuse fetch() and module scripts
// there (Pagefind issue #202), but they do run classic <script src> files. So the build writes every file
// of the Pagefind bundle a second time inside classic scripts (`pagefind/file/…`, see
// src/search/file-bundle.ts and file-bundle-names.ts), this shim loads a script only when Pagefind asks for
// a file it carries, answers
// Pagefind's fetch() calls from their bytes, and imports pagefind.js itself from a Blob URL with no worker.
// Nothing here runs when the page is served over http(s).
import { fileBundleScript } from "./file-bundle-names.ts";
import type { PagefindModule } from "./pagefind.ts";

declare global {
	interface Window {
		/** Called by each bundle script with its file's name and bytes (base64). */
		topicDigestPagefindFile?: (name: string, base64: string) => void;
		/** Set by this shim; the search page loads Pagefind through it from disk. */
		topicDigestFileSearch?: { load(dir: string): Promise<PagefindModule> };
	}
}

if (location.protocol === "file:") {
	/** name -> base64, filled in by each bundle script as it runs. */
	const loaded = new Map<string, string>();
	/** bundle script -> promise of it having run (a script of fragments carries many names). */
	const pending = new Map<string, Promise<void>>();
	/** The site's `pagefind/` folder, whose `file/` holds the bundle (of every index of a split one). */
	let bundleDir: string | undefined;

	window.topicDigestPagefindFile = (name, base64) => {
		loaded.set(name, base64);
	};

	const load = (name: string): Promise<Uint8Array<ArrayBuffer>> => {
		const source = fileBundleScript(name);
		let promise = pending.get(source);
		if (!promise) {
			promise = new Promise<void>((resolve, reject) => {
				const script = document.createElement("script");
				script.src = `${bundleDir}file/${source}`;
				script.onload = () => resolve();
				script.onerror = () =>
					reject(new Error(`${source} is missing from the offline search bundle (was the site built with --no-file-search?)`));
				document.head.append(script);
			});
			pending.set(source, promise);
		}
		return promise.then(() => {
			const base64 = loaded.get(name);
			if (base64 === undefined) throw new Error(`${name} is not in the offline search bundle`);
			const binary = atob(base64);
			const bytes = new Uint8Array(binary.length);
			for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
			return bytes;
		});
	};

	const typeOf = (name: string) =>
		name.endsWith(".pagefind")
			? "application/wasm"
			: name.endsWith(".js")
				? "text/javascript"
				: name.endsWith(".json")
					? "application/json"
					: "application/octet-stream";

	/** Answers Pagefind's requests for files under `root` from the bundle. */
	const serveFrom = (root: string) => {
		const original = window.fetch.bind(window);
		window.fetch = (input, init) => {
			const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
			const absolute = new URL(url, location.href).href;
			if (!absolute.startsWith(root)) return original(input, init);
			// Pagefind asks for `pagefind-entry.json?ts=…`; the bundle knows each file by its path inside `pagefind/`.
			const name = decodeURIComponent(absolute.slice(root.length).split(/[?#]/)[0] ?? "");
			return load(name).then((bytes) => new Response(bytes, { status: 200, headers: { "Content-Type": typeOf(name) } }));
		};
	};

	window.topicDigestFileSearch = {
		/**
		 * Loads Pagefind from the bundle in `dir`: a file: URL ending in `/pagefind/`, or in a split index's
		 * other part, `/pagefind/shards/N/`, which the same bundle carries.
		 */
		async load(dir) {
			const root = dir.replace(/shards\/\d+\/$/, "");
			if (bundleDir === undefined) {
				bundleDir = root;
				serveFrom(root);
			} else if (root !== bundleDir) throw new Error(`${dir} is not in the offline search bundle of ${bundleDir}`);
			const source = await load(`${dir.slice(root.length)}pagefind.js`);
			const moduleUrl = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
			// The caller sets `basePath` (a Blob URL tells Pagefind nothing about where its files are) and
			// `noWorker` (workers cannot start from file://) in its one call to options().
			return import(moduleUrl) as Promise<PagefindModule>;
		},
	};
}
