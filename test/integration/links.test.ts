/**
 * The link crawl: a site built with `--path-prefix /topic-digest/` and served only under that prefix (as
 * GitHub Pages serves a project site) is crawled from its home page. Every internal reference in pages,
 * stylesheets, feeds and the sitemap must answer 200 and stay under the prefix.
 */
import { parseHTML } from "linkedom";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { searchConfigIn } from "../../src/search/page-config.ts";
import { serveStatic } from "../support/browser.ts";
import { gatePrefix, gateSite, gateSiteUrl, htmlPages, missingKinds, onePagePerKind } from "../support/gate-site.ts";

interface Reference {
	url: string;
	/** The page or file it was found in, and how. */
	from: string;
}

/** What a fetched file refers to: links and sources in HTML, `url()` in CSS, links in feeds and the sitemap. */
function referencesIn(body: string, contentType: string, base: string): Reference[] {
	const found: Reference[] = [];
	const add = (value: string | null | undefined, how: string) => {
		if (value?.trim()) found.push({ url: value.trim(), from: `${base} (${how})` });
	};
	if (contentType.includes("html")) {
		const { document } = parseHTML(body);
		for (const element of document.querySelectorAll("a[href], link[href]")) {
			const href = element.getAttribute("href") ?? "";
			// A link within the page needs its target on the page; a missing one is reported as broken.
			if (href.startsWith("#")) {
				if (href.length > 1 && !document.getElementById(decodeURIComponent(href.slice(1)))) add(`${href}?missing-target`, "fragment");
			} else add(href, `${element.localName} href`);
		}
		for (const element of document.querySelectorAll("script[src], img[src], source[src]"))
			add(element.getAttribute("src"), `${element.localName} src`);
		for (const element of document.querySelectorAll("img[srcset], source[srcset]"))
			for (const candidate of (element.getAttribute("srcset") ?? "").split(",")) add(candidate.trim().split(/\s+/)[0], "srcset");
		for (const element of document.querySelectorAll("form[action]")) add(element.getAttribute("action"), "form action");
		// Paths handed to scripts (service worker, search bundle) must respect the prefix as well.
		for (const element of document.querySelectorAll("*"))
			for (const attribute of element.attributes)
				if (attribute.name.startsWith("data-") && attribute.value.startsWith("/")) add(attribute.value, attribute.name);
		const search = searchConfigIn(body);
		if (search) {
			add(search.siteRoot, "search siteRoot");
			// A folder (the search bundle) has no page of its own: check what is in it.
			add(`${search.bundle}pagefind.js`, "search bundle");
		}
	} else if (contentType.includes("css")) {
		for (const [, , url] of body.matchAll(/url\(\s*(["']?)([^"')]+)\1\s*\)/g)) add(url, "css url()");
	} else if (contentType.includes("xml")) {
		for (const [, url] of body.matchAll(/<loc>([^<]+)<\/loc>/g)) add(url, "sitemap loc");
		for (const [, url] of body.matchAll(/<link[^>]*\shref="([^"]+)"/g)) add(url?.replace(/&amp;/g, "&"), "feed link");
	} else if (contentType.includes("json") && body.includes("jsonfeed.org")) {
		const feed = JSON.parse(body) as { home_page_url?: string; feed_url?: string; items?: { url?: string }[] };
		add(feed.home_page_url, "home_page_url");
		add(feed.feed_url, "feed_url");
		for (const item of feed.items ?? []) add(item.url, "item url");
	}
	return found;
}

test("crawling from the home page under /topic-digest/ finds no broken link and none escaping the prefix", async () => {
	const outputDir = await gateSite();
	const server = await serveStatic(outputDir, gatePrefix);
	const start = `${server.origin}${gatePrefix}`;
	const broken: string[] = [];
	const escaping: string[] = [];
	const visited = new Set<string>();
	const pages = new Set<string>();
	try {
		const queue: Reference[] = [
			{ url: start, from: "start" },
			// GitHub Pages answers any missing URL with 404.html: its links must work from any depth.
			{ url: `${start}404.html`, from: "start" },
			{ url: `${start}robots.txt`, from: "start" },
		];
		const baseFor = new Map<string, string>([[`${start}404.html`, `${start}no/such/page/here/`]]);
		while (queue.length > 0) {
			const reference = queue.shift() as Reference;
			if (/^(mailto|tel|javascript|data|blob):/i.test(reference.url)) continue;
			if (reference.url.endsWith("?missing-target")) {
				broken.push(`${reference.url.replace("?missing-target", "")} (no such id) from ${reference.from}`);
				continue;
			}
			let url = reference.url.startsWith(gateSiteUrl)
				? `${server.origin}${gatePrefix}${reference.url.slice(gateSiteUrl.length + 1)}`
				: reference.url;
			url = new URL(url, start).href.replace(/#.*$/, "");
			if (new URL(url).origin !== server.origin) continue;
			if (!new URL(url).pathname.startsWith(gatePrefix)) {
				escaping.push(`${reference.url} from ${reference.from}`);
				continue;
			}
			// A folder named in a data- attribute has been checked for the prefix; there is no page to fetch.
			if (reference.from.includes("(data-") && url.endsWith("/")) continue;
			if (visited.has(url)) continue;
			visited.add(url);
			const response = await fetch(url);
			const body = await response.text();
			if (response.status !== 200) {
				broken.push(`${reference.url} (${response.status}) from ${reference.from}`);
				continue;
			}
			const contentType = response.headers.get("content-type") ?? "";
			if (contentType.includes("html")) pages.add(new URL(url).pathname.slice(gatePrefix.length - 1));
			if (contentType.includes("text/plain")) {
				for (const [, sitemap] of body.matchAll(/^Sitemap:\s*(\S+)/gim)) queue.push({ url: sitemap ?? "", from: `${url} (Sitemap)` });
				continue;
			}
			const base = baseFor.get(url) ?? url;
			for (const found of referencesIn(body, contentType, base))
				queue.push({ url: found.url.endsWith("?missing-target") ? found.url : new URL(found.url, base).href, from: found.from });
		}
	} finally {
		await server.close();
	}
	assert.equal(broken.slice(0, 20), [], `${broken.length} broken`);
	assert.equal(escaping.slice(0, 20), [], `${escaping.length} escaping the prefix`);
	// The crawl reached every page the build wrote, so every page's own links were checked.
	const written = await htmlPages(outputDir);
	assert.equal(
		written.filter((sitePath) => !pages.has(sitePath)),
		[],
		"pages the crawl never reached",
	);
	assert.equal(missingKinds(onePagePerKind(pages).keys()), []);
	assert.ok(visited.size > written.length, `${visited.size} URLs checked`);
});

test("the crawl's reference finder sees links, sources, missing link targets, CSS url()s, feed links and the search page's paths, so a broken one cannot hide", () => {
	const html =
		'<a href="#top">top</a><a href="#nowhere">x</a><h1 id="top">t</h1><a href="/a/">a</a><link rel="stylesheet" href="s.css"><script src="/x.js"></script><img src="i.png" srcset="i2.png 2x"><div data-scope="/q/"></div>' +
		'<script type="application/json" id="search-config">{"siteRoot":"/r/","bundle":"/p/"}</script>';
	assert.equal(
		referencesIn(html, "text/html", "b").map((reference) => reference.url),
		["#nowhere?missing-target", "/a/", "s.css", "/x.js", "i.png", "i2.png", "/q/", "/r/", "/p/pagefind.js"],
	);
	assert.equal(
		referencesIn('a { background: url("../img/x.svg") } b { mask: url(y.svg) }', "text/css", "b").map((reference) => reference.url),
		["../img/x.svg", "y.svg"],
	);
	assert.equal(
		referencesIn('<feed><link href="https://e.org/a/?x=1&amp;y=2"/><loc>https://e.org/b/</loc></feed>', "application/xml", "b").map(
			(reference) => reference.url,
		),
		["https://e.org/b/", "https://e.org/a/?x=1&y=2"],
	);
});

test.run();
