/**
 * Real Chromium for browser tests: Debian's `/usr/bin/chromium` driven by playwright-core (never a
 * browser download), and a static server for a built site under any path prefix.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import sirv from "sirv";
import { folderIndex } from "../../src/commands/serve.ts";

// Launching lives in src/ because `npm run bench` measures search in Chromium too.
export { chromiumPath, launchChromium } from "../../src/commands/chromium.ts";

export interface StaticServer {
	/** e.g. `http://127.0.0.1:40123` (no trailing slash). */
	origin: string;
	close(): Promise<void>;
}

/** Serves `dir` on a free loopback port; with a prefix, the site answers only under it (as on GitHub Pages). */
export async function serveStatic(dir: string, pathPrefix = "/"): Promise<StaticServer> {
	const prefix = pathPrefix.replace(/\/+$/, "");
	const files = sirv(dir, { dev: true, etag: true });
	const server: Server = createServer((request, response) => {
		const url = request.url ?? "/";
		if (prefix && !(url === prefix || url.startsWith(`${prefix}/`))) {
			response.statusCode = 404;
			response.end("not under the prefix");
			return;
		}
		// A folder is its index.html only, as on GitHub Pages (not a `.html` file of the same name).
		request.url = folderIndex(url.slice(prefix.length) || "/");
		files(request, response, () => {
			response.statusCode = 404;
			response.end("not found");
		});
	});
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	const { port } = server.address() as AddressInfo;
	return {
		origin: `http://127.0.0.1:${port}`,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
