/**
 * A crawl of a built site on disk: every internal reference in every HTML page (links, images, sources,
 * scripts, stylesheets, a meta refresh), in the feeds (item links and the links and images inside item
 * content) and in the sitemap must name a file the build wrote, under the site's path prefix. No server:
 * a URL maps to a file the way GitHub Pages maps it (`/x/` is `/x/index.html`; `/x` may be `/x/index.html`).
 */
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { parseHTML } from "linkedom";

export interface CrawlOptions {
	outputDir: string;
	/**
	 * The prefix the site was built with; every internal URL must start with it.
	 * @default "/"
	 */
	pathPrefix?: string;
	/**
	 * The public URL the site was built with (`siteUrl`); absolute URLs that start with it are internal.
	 * @default ""
	 */
	siteUrl?: string;
}

export interface Reference {
	/** As written in the file. */
	url: string;
	/** The file it was found in (site path) and the element or field. */
	from: string;
}

export interface CrawlReport {
	/** Internal references whose file the build did not write (or whose `#id` is not on the page). */
	broken: string[];
	/** Internal references outside the path prefix. */
	escaping: string[];
	/** Every internal reference checked, resolved to a site path without the prefix. */
	checked: Map<string, Reference[]>;
	/** The images (`img src`) of each HTML page, resolved to site paths without the prefix. */
	imagesByPage: Map<string, string[]>;
	/** Site paths of the HTML pages read. */
	pages: string[];
}

const origin = "http://crawl.invalid";

/** Every `.html` file of the output as a site path (`/a/b/` for `/a/b/index.html`). */
export async function htmlFiles(outputDir: string): Promise<string[]> {
	const files = (await readdir(outputDir, { recursive: true })) as string[];
	return files
		.filter((file) => file.endsWith(".html") && !file.split(path.sep).includes("pagefind"))
		.map((file) => `/${file.split(path.sep).join("/")}`.replace(/(^|\/)index\.html$/, "$1"))
		.sort();
}

/** The file a site path (without the prefix) is served from, if the build wrote one. */
export async function fileFor(outputDir: string, sitePath: string): Promise<string | undefined> {
	let decoded: string;
	try {
		decoded = decodeURIComponent(sitePath);
	} catch {
		return undefined;
	}
	const candidates = decoded.endsWith("/") ? [`${decoded}index.html`] : [decoded, `${decoded}/index.html`];
	for (const candidate of candidates) {
		const file = path.join(outputDir, ...candidate.split("/"));
		// Never outside the output folder, whatever the URL says.
		if (!file.startsWith(path.resolve(outputDir) + path.sep)) continue;
		if ((await stat(file).catch(() => undefined))?.isFile()) return file;
	}
	return undefined;
}

/** The references an HTML document makes, with the element and attribute each came from. */
export function referencesInHtml(html: string): { url: string; how: string }[] {
	const { document } = parseHTML(html);
	const found: { url: string; how: string }[] = [];
	const add = (value: string | null | undefined, how: string) => {
		if (value?.trim()) found.push({ url: value.trim(), how });
	};
	for (const element of document.querySelectorAll("a[href], link[href], area[href]"))
		add(element.getAttribute("href"), `${element.localName} href`);
	for (const element of document.querySelectorAll("img[src], source[src], script[src], iframe[src], video[src], audio[src]"))
		add(element.getAttribute("src"), `${element.localName} src`);
	for (const element of document.querySelectorAll("img[srcset], source[srcset]"))
		for (const candidate of (element.getAttribute("srcset") ?? "").split(","))
			add(candidate.trim().split(/\s+/)[0], `${element.localName} srcset`);
	for (const element of document.querySelectorAll('meta[http-equiv="refresh" i]')) {
		const target = /url\s*=\s*['"]?([^'"]+)/i.exec(element.getAttribute("content") ?? "")?.[1];
		add(target, "meta refresh");
	}
	for (const element of document.querySelectorAll('meta[property="og:image"], meta[property="og:url"]'))
		add(element.getAttribute("content"), `meta ${element.getAttribute("property")}`);
	return found;
}

/** The ids on a page, for `#fragment` links. */
const idsOf = (html: string): Set<string> =>
	new Set([...parseHTML(html).document.querySelectorAll("[id]")].map((element) => element.getAttribute("id") ?? ""));

/** Crawls every page, feed and sitemap file of a built site and reports what does not resolve. */
export async function crawlSite({ outputDir, pathPrefix = "/", siteUrl = "" }: CrawlOptions): Promise<CrawlReport> {
	const prefix = pathPrefix.endsWith("/") ? pathPrefix : `${pathPrefix}/`;
	const publicBase = siteUrl.replace(/\/+$/, "");
	const report: CrawlReport = { broken: [], escaping: [], checked: new Map(), imagesByPage: new Map(), pages: [] };
	const idsByPage = new Map<string, Set<string>>();

	/** Resolves `url` found in the file served at `base` (a URL path with the prefix); undefined if external. */
	const resolve = (url: string, base: string): URL | undefined => {
		if (/^(mailto|tel|javascript|data|blob):/i.test(url)) return undefined;
		const absolute =
			publicBase && url.startsWith(publicBase)
				? `${origin}${new URL(publicBase).pathname.replace(/\/$/, "")}${url.slice(publicBase.length)}`
				: url;
		const resolved = new URL(absolute, `${origin}${base}`);
		return resolved.origin === origin ? resolved : undefined;
	};

	const check = async (reference: Reference, base: string): Promise<string | undefined> => {
		const resolved = resolve(reference.url, base);
		if (!resolved) return undefined;
		if (!resolved.pathname.startsWith(prefix)) {
			report.escaping.push(`${reference.url} from ${reference.from}`);
			return undefined;
		}
		const sitePath = `/${resolved.pathname.slice(prefix.length)}`;
		report.checked.set(sitePath, [...(report.checked.get(sitePath) ?? []), reference]);
		const file = await fileFor(outputDir, sitePath);
		if (!file) {
			report.broken.push(`${reference.url} (no file for ${sitePath}) from ${reference.from}`);
			return sitePath;
		}
		if (resolved.hash.length > 1 && file.endsWith(".html")) {
			if (!idsByPage.has(file)) idsByPage.set(file, idsOf(await readFile(file, "utf8")));
			const id = decodeURIComponent(resolved.hash.slice(1));
			if (!idsByPage.get(file)?.has(id)) report.broken.push(`${reference.url} (no id "${id}" on ${sitePath}) from ${reference.from}`);
		}
		return sitePath;
	};

	for (const sitePath of await htmlFiles(outputDir)) {
		report.pages.push(sitePath);
		const file = (await fileFor(outputDir, sitePath)) as string;
		const html = await readFile(file, "utf8");
		const base = `${prefix}${sitePath.slice(1)}`;
		const images: string[] = [];
		for (const { url, how } of referencesInHtml(html)) {
			const resolved = await check({ url, from: `${sitePath} (${how})` }, base);
			if (resolved && how === "img src") images.push(resolved);
		}
		report.imagesByPage.set(sitePath, images);
	}

	// Feeds: each item's link, and the links and images inside its content, resolved against the item.
	const jsonFeeds = ((await readdir(outputDir, { recursive: true })) as string[]).filter((file) => file.endsWith("feed.json"));
	for (const feedFile of jsonFeeds) {
		const feedPath = `/${feedFile.split(path.sep).join("/")}`;
		const feed = JSON.parse(await readFile(path.join(outputDir, feedFile), "utf8")) as {
			items?: { url?: string; image?: string; content_html?: string }[];
		};
		for (const item of feed.items ?? []) {
			if (item.url) await check({ url: item.url, from: `${feedPath} (item url)` }, `${prefix}${feedPath.slice(1)}`);
			if (item.image) await check({ url: item.image, from: `${feedPath} (item image)` }, `${prefix}${feedPath.slice(1)}`);
			const itemBase = item.url ? (resolve(item.url, prefix)?.pathname ?? prefix) : prefix;
			for (const { url, how } of referencesInHtml(item.content_html ?? "")) {
				const from = `${feedPath} item ${item.url} (${how})`;
				if (!isAbsolute(url)) report.broken.push(`${url} (not an absolute URL, which a feed reader needs) from ${from}`);
				await check({ url, from }, itemBase);
			}
		}
	}
	const xmlFiles = ((await readdir(outputDir, { recursive: true })) as string[]).filter((file) => file.endsWith(".xml"));
	for (const xmlFile of xmlFiles) {
		const xmlPath = `/${xmlFile.split(path.sep).join("/")}`;
		const body = await readFile(path.join(outputDir, xmlFile), "utf8");
		const base = `${prefix}${xmlPath.slice(1)}`;
		for (const [, url] of body.matchAll(/<loc>([^<]+)<\/loc>/g))
			await check({ url: unescapeXml(url ?? ""), from: `${xmlPath} (loc)` }, base);
		for (const [, url] of body.matchAll(/<link[^>]*\shref="([^"]+)"/g))
			await check({ url: unescapeXml(url ?? ""), from: `${xmlPath} (link)` }, base);
		// Atom entry content is escaped HTML; its relative URLs resolve against xml:base or the entry's link.
		for (const [, entry] of body.matchAll(/<entry>([\s\S]*?)<\/entry>/g)) {
			const link = /<link[^>]*\shref="([^"]+)"/.exec(entry ?? "")?.[1];
			const entryBase = link ? (resolve(unescapeXml(link), base)?.pathname ?? base) : base;
			for (const [, content] of (entry ?? "").matchAll(/<content[^>]*>([\s\S]*?)<\/content>/g))
				for (const { url, how } of referencesInHtml(unescapeXml(content ?? ""))) {
					const from = `${xmlPath} entry ${link} (${how})`;
					if (!isAbsolute(url)) report.broken.push(`${url} (not an absolute URL, which a feed reader needs) from ${from}`);
					await check({ url, from }, entryBase);
				}
		}
	}
	return report;
}

/** Absolute, or a link within the same document: what is safe in feed content read out of context. */
const isAbsolute = (url: string): boolean => /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith("#");

const unescapeXml = (text: string): string =>
	text
		.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, "$1")
		.replace(/&lt;/g, "<")
		.replace(/&gt;/g, ">")
		.replace(/&quot;/g, '"')
		.replace(/&#39;|&apos;/g, "'")
		.replace(/&amp;/g, "&");

/** The visible text of every HTML page the build wrote (scripts, styles and templates left out), by site path. */
export async function visibleTexts(outputDir: string): Promise<Map<string, string>> {
	const pages = new Map<string, string>();
	for (const sitePath of await htmlFiles(outputDir)) {
		const { document } = parseHTML(await readFile((await fileFor(outputDir, sitePath)) as string, "utf8"));
		for (const element of document.querySelectorAll("script, style, template")) element.remove();
		pages.set(sitePath, document.body?.textContent ?? "");
	}
	return pages;
}
