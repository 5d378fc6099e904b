/**
 * Serves a built site from its folder with no network needed, as GitHub Pages would: under the site's
 * path prefix (read from the build unless given), with `404.html` for missing pages. For readers who
 * downloaded a copy, and for checking a build before publishing it.
 */
import { readFile, stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import sirv from "sirv";
import { searchConfigIn } from "../search/page-config.ts";

export interface ServeOptions {
	/**
	 * The built site.
	 * @default "_site"
	 */
	outputDir?: string;
	/**
	 * Port to listen on; 0 picks a free one.
	 * @default 8080
	 */
	port?: number;
	/**
	 * Address to listen on; loopback keeps the site on this machine.
	 * @default "127.0.0.1"
	 */
	host?: string;
	/**
	 * The sub-path the site was built for (`--path-prefix`); read from the build when not given.
	 * @default the build's own
	 */
	pathPrefix?: string;
}

export const serveDefaults = { outputDir: "_site", port: 8080, host: "127.0.0.1" } satisfies Omit<Required<ServeOptions>, "pathPrefix">;

export interface RunningServer {
	/** e.g. `http://127.0.0.1:8080/repo/`. */
	url: string;
	pathPrefix: string;
	close(): Promise<void>;
}

export class NotABuiltSite extends Error {
	override name = "NotABuiltSite";
}

/**
 * A request for a folder (`/a/b/`, with or without a query) as the folder's `index.html` and nothing else,
 * as GitHub Pages answers it: sirv would try `a/b.html` first, which is the redirect page a pattern
 * ending in `.html` leaves beside the article's folder (src/content/urls.ts), and which points back here.
 */
export const folderIndex = (url: string): string => url.replace(/^([^?#]*\/)(?=[?#]|$)/, "$1index.html");

/** Pagefind files whose names carry a content hash never change; everything else is revalidated. */
const immutableFile = /^\/pagefind\/(?:index|fragment|filter)\/|\.pf_meta$/;

export async function startServer(options: ServeOptions = {}): Promise<RunningServer> {
	const { outputDir, port, host } = { ...serveDefaults, ...options };
	const root = path.resolve(outputDir);
	const isSite = await stat(path.join(root, "index.html")).then(
		(info) => info.isFile(),
		() => false,
	);
	if (!isSite) throw new NotABuiltSite(`${root} is not a built site (no index.html): run npm run build -- --output ${outputDir} first`);
	const prefix = normalise(options.pathPrefix ?? (await builtPrefix(root)));
	const notFound = await readFile(path.join(root, "404.html")).catch(() => undefined);

	const files = sirv(root, {
		etag: true,
		dotfiles: false,
		setHeaders(response, pathname) {
			response.setHeader("Cache-Control", immutableFile.test(pathname) ? "public, max-age=31536000, immutable" : "no-cache");
		},
	});
	const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
		const url = request.url ?? "/";
		const bare = prefix.slice(0, -1);
		if (prefix !== "/" && (url === "/" || url === bare)) {
			response.writeHead(302, { Location: prefix }).end();
			return;
		}
		if (!url.startsWith(prefix)) return missing(response);
		request.url = folderIndex(url.slice(bare.length));
		files(request, response, () => missing(response));
	});
	const missing = (response: ServerResponse) => {
		response.statusCode = 404;
		if (notFound) response.setHeader("Content-Type", "text/html; charset=utf-8").end(notFound);
		else response.end("Not found");
	};
	await new Promise<void>((resolve, reject) => {
		server.once("error", reject);
		server.listen(port, host, () => resolve());
	});
	const address = server.address() as AddressInfo;
	const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
	return {
		url: `http://${shownHost}:${address.port}${prefix}`,
		pathPrefix: prefix,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

/**
 * The prefix the site was built for, from the search page's `siteRoot` (the build writes it there
 * through the same `href()` every link uses); `/` when the site has no search page.
 */
export async function builtPrefix(root: string): Promise<string> {
	const html = await readFile(path.join(root, "search", "index.html"), "utf8").catch(() => "");
	return searchConfigIn(html)?.siteRoot ?? "/";
}

const normalise = (prefix: string): string => {
	const trimmed = prefix.trim().replace(/^\/+|\/+$/g, "");
	return trimmed ? `/${trimmed}/` : "/";
};
