/**
 * A built site served as GitHub Pages serves one (under its path prefix, every file with
 * `Cache-Control: max-age=600` and an ETag), counting what it sends: the requests and bytes a reader's
 * browser costs the site. Files are looked up on every request, so a rebuild swapped into the folder is
 * served at once, as after a deploy. Not a test file itself.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import sirv from "sirv";
import { folderIndex } from "../../src/commands/serve.ts";

export interface ServedRequest {
	/** Path under the prefix, e.g. `/repo/pagefind/offline.json`. */
	path: string;
	status: number;
	/** Bytes of the response, headers left out. */
	bytes: number;
}

export interface PagesLikeServer {
	/** e.g. `http://127.0.0.1:40123/repo/`. */
	url: string;
	/** Every request answered since the start or the last `reset()`. */
	served: ServedRequest[];
	reset(): void;
	/** Resolves once no request has been answered for `quietMs` (or `maxMs` passed). */
	settle(quietMs?: number, maxMs?: number): Promise<void>;
	close(): Promise<void>;
}

export async function servePagesLike(dir: string, pathPrefix: string): Promise<PagesLikeServer> {
	const prefix = pathPrefix.replace(/\/+$/, "");
	const files = sirv(dir, {
		dev: true,
		etag: true,
		setHeaders: (response) => response.setHeader("Cache-Control", "max-age=600"),
	});
	let served: ServedRequest[] = [];
	let last = performance.now();
	const server: Server = createServer((request, response) => {
		const url = request.url ?? "/";
		let bytes = 0;
		const write = response.write.bind(response);
		const end = response.end.bind(response);
		const count = (chunk: unknown) => {
			if (typeof chunk === "string" || chunk instanceof Uint8Array) bytes += Buffer.byteLength(chunk);
		};
		response.write = ((chunk: unknown, ...rest: unknown[]) => {
			count(chunk);
			return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
		}) as typeof response.write;
		response.end = ((chunk?: unknown, ...rest: unknown[]) => {
			if (typeof chunk !== "function") count(chunk);
			return (end as (...args: unknown[]) => typeof response)(chunk, ...rest);
		}) as typeof response.end;
		response.on("finish", () => {
			served.push({ path: url.split("?")[0] ?? url, status: response.statusCode, bytes });
			last = performance.now();
		});
		if (!url.startsWith(`${prefix}/`)) {
			response.statusCode = 404;
			response.end("not under the prefix");
			return;
		}
		// A folder is its index.html only, as on GitHub Pages (not a `.html` file of the same name).
		request.url = folderIndex(url.slice(prefix.length));
		files(request, response, () => {
			response.statusCode = 404;
			response.end("not found");
		});
	});
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}${prefix}/`,
		get served() {
			return served;
		},
		reset: () => {
			served = [];
		},
		settle: async (quietMs = 2000, maxMs = 30_000) => {
			const started = performance.now();
			last = Math.max(last, started);
			while (performance.now() - last < quietMs && performance.now() - started < maxMs)
				await new Promise((resolve) => setTimeout(resolve, 100));
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
