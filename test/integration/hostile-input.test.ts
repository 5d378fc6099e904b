/**
 * Hostile but valid articles (test/fixtures/hostile/) build into a site where nothing they carry runs:
 * a DOM scan of every page, of the feeds' HTML and of the search index finds no injected script, no
 * event-handler attribute and no script URL, and the hostile text still reads as the text it was.
 */
import { cp, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { DOMParser, parseHTML } from "linkedom";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { loadDigest } from "../../src/content/load.ts";
import { ContentError } from "../../src/content/problems.ts";
import { projectRoot } from "../../src/paths.ts";
import { articleText, tempDir, writeArticles } from "../support/fixtures.ts";
import { injections } from "../support/injections.ts";
import { runScript } from "../support/run-script.ts";

const hostileFixture = path.join(projectRoot, "test/fixtures/hostile");

const parse = (html: string) => parseHTML(html).document as unknown as Document;
const parseXml = (xml: string) => new DOMParser().parseFromString(xml, "text/xml") as unknown as Document;
/** A fragment (a feed entry's HTML) as a reader's feed viewer would parse it. */
const parseFragment = (html: string) => parse(`<!doctype html><html><head></head><body>${html}</body></html>`);

async function filesUnder(dir: string, extension: string): Promise<string[]> {
	const entries = await readdir(dir, { recursive: true, withFileTypes: true });
	return entries
		.filter((entry) => entry.isFile() && entry.name.endsWith(extension))
		.map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
		.sort();
}

/** A file name no repository should hold (it cannot be checked out everywhere), so it is made here. */
const hostileFileName = `2025/02/"><img src=x onerror=alert('file name')>.md`;

/**
 * Builds the hostile fixture, plus a file with a hostile name, with the real build command; `settings`
 * is added to its site.yaml (`rawHtml: escape`).
 */
async function buildHostile(extra: string[] = [], settings = ""): Promise<{ work: string; output: string }> {
	const articles = await tempDir("hostile-articles-");
	await cp(hostileFixture, articles, { recursive: true });
	if (settings)
		await writeFile(path.join(articles, "site.yaml"), `${await readFile(path.join(articles, "site.yaml"), "utf8")}${settings}\n`);
	await writeFile(
		path.join(articles, hostileFileName),
		articleText({ title: "Named by its file", date: "2025-02-11", topics: ["registry-script"] }),
	);
	const work = await tempDir("hostile-");
	const output = path.join(work, "_site");
	const result = await runScript("build.ts", ["--articles", articles, "--output", output, ...extra]);
	assert.is(result.code, 0, result.stderr);
	return { work, output };
}

const builds = new Map<string, Promise<{ work: string; output: string }>>();
/** One build per set of flags and settings, shared by the tests below (a build takes seconds). */
const hostileSite = (extra: string[] = [], settings = "") => {
	const key = `${extra.join(" ")}\n${settings}`;
	if (!builds.has(key)) builds.set(key, buildHostile(extra, settings));
	return builds.get(key) as Promise<{ work: string; output: string }>;
};

const hostileTitle = `<script>alert('title')</script> & "quotes" </title></script><!--`;
const pageAt = async (output: string, sitePath: string) => parse(await readFile(path.join(output, sitePath, "index.html"), "utf8"));

test("the DOM scan finds each kind of injection it looks for, and passes the site's own scripts", () => {
	const page = parse(`<!doctype html><html><head>
		<script src="/repo/assets/site-search.js"></script><script src="../pagefind/pagefind.js"></script>
		<script type="application/ld+json">{"headline": "fine"}</script>
		<script type="application/ld+json">{"headline": "</script>
		<script type="application/json">{"siteRoot": "</script>
		<script>alert(1)</script><script src="https://evil.example/x.js"></script><script src="/elsewhere/x.js"></script>
		</head><body>
		<img src="x" onerror="alert(2)"><svg><a xlink:href="javascript:alert(3)">s</a></svg>
		<a href=" JaVa&#x09;Script:alert(4)">a</a><a href="vbscript:msgbox(5)">b</a><form action="data:text/html,x"></form>
		<button formaction="javascript:alert(6)">c</button><iframe src="https://evil.example/"></iframe>
		<meta http-equiv="Refresh" content="0;url=https://evil.example/"><a href="https://example.com/ok">fine</a><a href="jav%09ascript:x">relative</a>
		</body></html>`);
	const found = injections(page, new URL("https://digest.example/repo/search/"), "/repo/");
	for (const expected of [
		/JSON-LD that is not JSON/,
		/JSON data that is not JSON/,
		/inline script "alert\(1\)"/,
		/script from https:\/\/evil/,
		/script from \/elsewhere/,
		/onerror/,
		/xlink:href/,
		/alert\(4\)/,
		/vbscript/,
		/action="data:/,
		/formaction/,
		/<iframe>.*active element/,
		/meta refresh/,
	]) {
		assert.ok(
			found.some((finding) => expected.test(finding)),
			`${expected} not found in ${JSON.stringify(found, null, 1)}`,
		);
	}
	assert.not.ok(
		found.some((finding) => /site-search\.js|pagefind\.js|example\.com\/ok|jav%09/.test(finding)),
		JSON.stringify(found, null, 1),
	);
	assert.is(found.filter((finding) => /JSON-LD/.test(finding)).length, 1, "the valid JSON-LD block passes");
});

const escapeHtml = "rawHtml: escape";

for (const [label, flags, settings, prefix] of [
	["by default (raw HTML sanitised)", [], "", "/"],
	["with rawHtml: escape under a path prefix", ["--path-prefix", "/repo/"], escapeHtml, "/repo/"],
] as const) {
	test(`a DOM scan of every page built from hostile articles ${label} finds no injected script, event handler or script URL`, async () => {
		const { output } = await hostileSite([...flags], settings);
		const pages = await filesUnder(output, ".html");
		assert.ok(pages.length >= 11 + 10, `only ${pages.length} pages`);
		const found: string[] = [];
		for (const file of pages) {
			const pageUrl = new URL(`${prefix}${file.replace(/index\.html$/, "")}`, "https://digest.example");
			found.push(...injections(parse(await readFile(path.join(output, file), "utf8")), pageUrl, prefix));
		}
		assert.equal(found, []);
	});

	test(`the feeds' entry HTML built from hostile articles ${label} carries no script, handler or script URL`, async () => {
		const { output } = await hostileSite([...flags], settings);
		const base = new URL(prefix, "https://digest.example");
		const feed = parseXml(await readFile(path.join(output, "feed.xml"), "utf8"));
		const contents = [...feed.querySelectorAll("entry > content")].map((content) => content.textContent ?? "");
		assert.ok(
			contents.some((html) => html.includes("Emoji mixed with words")),
			"the Atom feed has the articles' HTML",
		);
		const json = JSON.parse(await readFile(path.join(output, "feed.json"), "utf8")) as { items: { content_html: string }[] };
		assert.ok(json.items.length >= 11);
		const topicFeeds = await filesUnder(path.join(output, "topics"), "feed.xml");
		assert.ok(topicFeeds.length >= 10, `${topicFeeds.length} topic feeds`);
		for (const file of topicFeeds) {
			const topicFeed = parseXml(await readFile(path.join(output, "topics", file), "utf8"));
			contents.push(...[...topicFeed.querySelectorAll("entry > content")].map((content) => content.textContent ?? ""));
		}
		const found: string[] = [];
		for (const html of [...contents, ...json.items.map((item) => item.content_html)])
			found.push(...injections(parseFragment(html), base, prefix));
		assert.equal(found, []);
	});
}

test("hostile text in front matter reads as the same text on the page, in the head and in the JSON-LD", async () => {
	const { output } = await hostileSite();
	const page = await pageAt(output, "articles/2025/02/18/script-everywhere");
	assert.equal(
		[...page.querySelectorAll("h1")].map((h1) => h1.textContent),
		[hostileTitle],
	);
	assert.is(page.querySelector("title")?.textContent, `${hostileTitle} · Digest </title><script>alert('site title')</script>`);
	const source = page.querySelector("[data-pagefind-filter=source] a");
	assert.is(source?.textContent, "<b onmouseover=alert('source')>Evil</b> News");
	assert.is(source?.getAttribute("href"), `https://example.com/?q="><script>alert('source url')</script>&x=1`);
	assert.match(page.querySelector(".authors")?.textContent ?? "", `<script>alert('author')</script>, O'Brien "the <i>quoted</i>"`);
	assert.equal(
		[...page.querySelectorAll("article > header .topic-links a")].map((a) => a.textContent),
		["<img src=x onerror=alert('topic')>", "<script>alert('registry title')</script>", "</script><script>alert('topic 3')</script>"],
	);
	assert.equal(
		[...page.querySelectorAll("[data-pagefind-filter=people]")].map((li) => li.textContent?.trim()),
		["<iframe src=javascript:alert('person')>"],
	);
	assert.equal(
		[...page.querySelectorAll("[data-pagefind-filter=places]")].map((li) => li.textContent?.trim()),
		["<a href=javascript:alert('place')>Riyadh</a>"],
	);
	// Articles are not templates: template syntax in a body is text, never evaluated.
	assert.match(
		page.querySelector(".article-body")?.textContent ?? "",
		// biome-ignore lint/suspicious/noTemplateCurlyInString: the article's literal text, not a template.
		"{{ 7 * 7 }} {% include /etc/passwd %} ${process.exit(1)} <%= 7 * 7 %>",
	);
	const summary = '</script><script>alert(\'summary\')</script>\u2028<!-- --> {"@context": "x"}';
	assert.is(page.querySelector("meta[name=description]")?.getAttribute("content"), summary);
	const ld = [...page.querySelectorAll('script[type="application/ld+json"]')].map((script) => JSON.parse(script.textContent ?? ""));
	assert.is(ld.length, 1, "one JSON-LD block on an article page");
	assert.is(ld[0].headline, hostileTitle);
	// Inside a script element `</script` or `<!--` would end or confuse it, whatever JSON thinks.
	for (const script of page.querySelectorAll('script[type="application/ld+json"]')) assert.not.match(script.innerHTML, /<\/script|<!--/i);
});

test("hostile topic and site names read as text on topic pages and the home page", async () => {
	const { output } = await hostileSite();
	const topic = await pageAt(output, "topics/registry-script");
	assert.equal(
		[...topic.querySelectorAll("h1")].map((h1) => h1.textContent?.trim()),
		["<script>alert('registry title')</script>"],
	);
	assert.match(topic.querySelector("main")?.textContent ?? "", "</script><img src=x onerror=alert('registry description')>");
	const home = await pageAt(output, "");
	assert.is(home.querySelector("h1")?.textContent, "Digest </title><script>alert('site title')</script>");
	assert.match(home.querySelector("main")?.textContent ?? "", `"><img src=x onerror=alert('site description')> & friends`);
});

test("the Atom and JSON feeds and the sitemap keep hostile text as text", async () => {
	const { output } = await hostileSite();
	const atom = await readFile(path.join(output, "feed.xml"), "utf8");
	// Every tag in the Atom feed is one the feed itself writes: no markup from the articles got in.
	const tags = new Set([...atom.matchAll(/<\/?([A-Za-z][\w:-]*)/g)].map((match) => match[1]));
	assert.equal(
		[...tags].sort(),
		[
			"author",
			"category",
			"content",
			"entry",
			"feed",
			"generator",
			"id",
			"link",
			"name",
			"published",
			"subtitle",
			"summary",
			"title",
			"updated",
		]
			.filter((tag) => tags.has(tag))
			.sort(),
	);
	for (const tag of ["script", "img", "svg", "iframe", "b", "i", "a"]) assert.not.ok(tags.has(tag), `<${tag}> in the Atom feed`);
	const feed = parseXml(atom);
	const titles = [...feed.querySelectorAll("entry > title")].map((title) => title.textContent);
	assert.ok(titles.includes(hostileTitle), "the hostile title is an entry title, as text");
	const json = JSON.parse(await readFile(path.join(output, "feed.json"), "utf8")) as {
		title: string;
		items: { title: string; tags?: string[] }[];
	};
	assert.is(json.title, "Digest </title><script>alert('site title')</script>");
	const entry = json.items.find((item) => item.title === hostileTitle);
	assert.ok(entry, "the hostile title is an item title, as text");
	assert.ok(entry?.tags?.includes("<img src=x onerror=alert('topic')>"));

	const sitemap = await readFile(path.join(output, "sitemap.xml"), "utf8");
	const sitemapTags = new Set([...sitemap.matchAll(/<\/?([A-Za-z][\w:-]*)/g)].map((match) => match[1]));
	assert.equal(
		[...sitemapTags].sort(),
		["lastmod", "loc", "url", "urlset"].filter((tag) => sitemapTags.has(tag)),
	);
	for (const loc of parseXml(sitemap).querySelectorAll("loc"))
		assert.match(loc.textContent ?? "", /^[\x21-\x7e]+$/, "sitemap URLs are plain ASCII");
});

test("search metadata holds hostile text as plain strings and result excerpts carry no markup but <mark>", async () => {
	const { output } = await hostileSite();
	const results = await searchIndex(output, "alert");
	const script = results.find((result) => result.url === "/articles/2025/02/18/script-everywhere/");
	assert.ok(script, `not found among ${results.map((result) => result.url)}`);
	assert.is(script?.meta.title, hostileTitle);
	assert.is(script?.meta.source, "<b onmouseover=alert('source')>Evil</b> News");
	assert.equal(
		script?.filters.topic?.sort(),
		["</script><script>alert('topic 3')</script>", "<img src=x onerror=alert('topic')>", "<script>alert('registry title')</script>"].sort(),
	);
	assert.equal(script?.filters.people, ["<iframe src=javascript:alert('person')>"]);
	for (const result of results) {
		const excerpt = parseFragment(result.excerpt).body;
		const tags = new Set([...excerpt.querySelectorAll("*")].map((element) => element.localName));
		assert.ok(
			[...tags].every((tag) => tag === "mark"),
			`${result.url} excerpt: ${result.excerpt}`,
		);
	}
});

test("javascript:, vbscript: and data: links in Markdown stay text, in any case and entity-encoded, also as autolinks and references", async () => {
	const { output } = await hostileSite();
	const body = (await pageAt(output, "articles/2025/02/17/markdown-links")).querySelector(".article-body");
	const links = [...(body?.querySelectorAll("a[href], img[src]") ?? [])].map(
		(element) => element.getAttribute("href") ?? element.getAttribute("src") ?? "",
	);
	// Only the harmless links are links at all; `jav%09ascript:` is a relative path to a browser (a `%`
	// cannot be part of a scheme), which the WHATWG URL parser below confirms.
	assert.equal(links, ["jav%09ascript:alert('h')", "https://example.com/", "https://example.com/w"]);
	for (const link of links) assert.is(new URL(link, "https://digest.example/articles/2025/02/17/markdown-links/").protocol, "https:", link);
	const titled = body?.querySelector('a[href="https://example.com/"]');
	assert.is(titled?.getAttribute("title"), `x" onmouseover=alert('v') y`);
	assert.equal([...(titled?.attributes ?? [])].map((attribute) => attribute.name).sort(), ["href", "rel", "title"]);
	const text = body?.textContent ?? "";
	for (const shown of [
		"[a](javascript:alert",
		"[b](JaVaScRiPt:alert",
		"[i](vbscript:msgbox",
		"[k](data:text/html",
		"![o](data:image/png",
		"<javascript:alert",
		"<vbscript:msgbox",
	]) {
		assert.match(text, shown, `${shown} is shown as text`);
	}
});

test("raw HTML in Markdown is sanitised by default and shown as text with rawHtml: escape", async () => {
	const plain = (
		await pageAt((await hostileSite(["--path-prefix", "/repo/"], escapeHtml)).output, "articles/2025/02/16/raw-html")
	).querySelector(".article-body");
	// Shown as text: the tags exactly as written (the text between them is typeset like any text).
	assert.match(plain?.textContent ?? "", /<script>alert\(.raw script.\)<\/script>/);
	assert.match(plain?.textContent ?? "", `<a href="javascript:alert('raw link')" onclick="alert('raw click')">click</a>`);
	assert.match(plain?.textContent ?? "", "<p>A <b>bold</b> raw paragraph");
	assert.equal(
		[...(plain?.querySelectorAll("*") ?? [])].map((element) => element.localName).filter((tag) => tag !== "p"),
		[],
	);

	const allowed = (await pageAt((await hostileSite()).output, "articles/2025/02/16/raw-html")).querySelector(".article-body");
	assert.is(allowed?.querySelector("b")?.textContent, "bold", "harmless markup is kept");
	assert.is(allowed?.querySelector("em")?.textContent, "emphasis");
	const fine = allowed?.querySelector('a[href="https://example.com/raw"]');
	assert.is(fine?.getAttribute("rel"), "noopener");
	for (const selector of [
		"script",
		"svg",
		"iframe",
		"object",
		"embed",
		"form",
		"button",
		"style",
		"base",
		"meta",
		"math",
		"[onclick]",
		"[onerror]",
		"[onload]",
	]) {
		assert.is(allowed?.querySelectorAll(selector).length, 0, selector);
	}
	assert.not.match(allowed?.innerHTML ?? "", /javascript:|alert\('raw script'\)/);
});

test("a slug with ../, / or \\ cannot write outside the output folder", async () => {
	const { work, output } = await hostileSite();
	assert.equal(await readdir(work), ["_site"], "nothing was written beside the output folder");
	const articles = await filesUnder(path.join(output, "articles"), ".html");
	for (const slug of ["escaped", "etc-cron-d-evil", "x-5ec1f7e700", "2e-2e-2fencoded", "img-src-x-onerror-alert-file-name"]) {
		assert.ok(
			articles.some((file) => new RegExp(`^2025/02/\\d{2}/${slug}/index\\.html$`).test(file)),
			slug,
		);
	}
	for (const file of await filesUnder(output, "")) {
		assert.not.match(file, /(^|\/)\.\.?(\/|$)|\\/, file);
	}
});

test("a permalink or an old URL with .. is refused with its line, and nothing is written inside or outside the output", async () => {
	const articles = await writeArticles({
		"2025/02/fine.md": articleText({ title: "Fine" }),
		"2025/02/climber.md": articleText({ title: "Climber", extra: 'permalink: "../../../outside/"' }),
		"2025/02/encoded.md": articleText({ title: "Encoded climber", extra: 'url: "/news/%2e%2e/%2e%2e/%2e%2e/etc/"' }),
		"2025/02/old-url.md": articleText({ title: "Old URL", extra: "redirect_from:\n  - /ok/\n  - /a/../../../../x.html" }),
	});
	const work = await tempDir("permalink-escape-");
	const output = path.join(work, "site", "_site");
	const result = await runScript("build.ts", ["--articles", articles, "--output", output]);
	assert.is(result.code, 1);
	const problems = result.stderr
		.split("\n")
		.filter((line) => line.startsWith(articles))
		.map((line) => line.slice(articles.length + 1))
		.sort();
	assert.equal(problems, [
		'2025/02/climber.md:5: permalink: "../../../outside/" steps out with ".."; write the path from the site root',
		'2025/02/encoded.md:5: url: "/news/%2e%2e/%2e%2e/%2e%2e/etc/" steps out with ".."; write the path from the site root',
		'2025/02/old-url.md:5: redirect_from: "/a/../../../../x.html" steps out with ".."; write the path from the site root',
	]);
	assert.not.match(result.stderr, /\n\s+at /);
	assert.equal(await readdir(work), [], "nothing was written, not even the output's parent's contents");
});

test("Cyrillic, Arabic and emoji titles and topics give plain, valid URLs that are the same on every build", async () => {
	const { output } = await hostileSite();
	const expected = {
		"/articles/2025/03/01/peregovory-v-er-riyade/": "Война в Украине: переговоры в Эр-Рияде",
		"/articles/2025/03/02/mhadthat-alryad/": "محادثات الرياض بين الولايات المتحدة وروسيا",
		"/articles/2025/03/03/x-cbef1b9099/": "🕊️🇺🇦",
		"/articles/2025/03/04/peace-talks/": "Peace talks 🕊️ in Riyadh 🇸🇦",
	};
	for (const [url, title] of Object.entries(expected)) {
		assert.is((await pageAt(output, url)).querySelector("h1")?.textContent, title, url);
	}
	const topics = {
		"voyna-v-ukraine": "Война в Украине",
		diplomatiya: "Дипломатия",
		aldblwmasyt: "الدبلوماسية",
		"x-cbef1b9099": "🕊️",
		"x-165c8c144a": "🌍🔥",
		diplomacy: "Diplomacy 🤝",
	};
	for (const [slug, title] of Object.entries(topics)) {
		assert.is((await pageAt(output, `topics/${slug}`)).querySelector("h1")?.textContent?.trim(), title, slug);
	}
	// The same URLs from a second, independent load: slugs depend on the text only.
	const again = await loadDigest(hostileFixture);
	const urls = again.articles.map((article) => article.url);
	for (const url of Object.keys(expected)) assert.ok(urls.includes(url), url);
	for (const url of urls) assert.match(url, /^\/articles\/\d{4}\/\d{2}\/\d{2}\/[a-z0-9]+(-[a-z0-9]+)*\/$/);
	for (const slug of again.topics.keys()) assert.match(slug, /^[a-z0-9]+(-[a-z0-9]+)*$/);
});

test("source.url accepts only http(s): javascript:, vbscript: and data: are refused in any spelling", async () => {
	const urls = [
		"javascript:alert(1)",
		"JavaScript:alert(1)",
		" javascript:alert(1)",
		"vbscript:msgbox(1)",
		"data:text/html,<script>alert(1)</script>",
		"java\tscript:alert(1)",
		"//evil.example/x",
	];
	const files = Object.fromEntries(
		urls.map((url, i) => [
			`2025/02/source-${i}.md`,
			articleText({ title: `Source ${i}`, extra: `source: { name: Evil, url: ${JSON.stringify(url)} }` }),
		]),
	);
	try {
		await loadDigest(await writeArticles(files));
		assert.unreachable("every one of these URLs must be refused");
	} catch (error) {
		assert.instance(error, ContentError);
		const problems = (error as ContentError).problems;
		assert.equal(
			problems.map((problem) => `${path.basename(problem.path)} ${problem.field}`).sort(),
			urls.map((_, i) => `source-${i}.md source.url`).sort(),
		);
	}
});

test("site.yaml's rawHtml and embeds are validated: a mode that is not sanitize or escape and an embed that is not a host name are problems at their keys' lines", async () => {
	const articles = await writeArticles({
		"site.yaml": 'title: X\nrawHtml: trusted\nembeds:\n  - www.youtube-nocookie.com\n  - "javascript:alert(1)//"\n  - "*.example.com"\n',
		"2025/02/a.md": articleText({ title: "A", topics: ["x"] }),
	});
	try {
		await loadDigest(articles, { cache: false });
		assert.unreachable("the settings must be refused");
	} catch (error) {
		assert.instance(error, ContentError);
		assert.equal(
			(error as ContentError).problems.map((problem) => [path.basename(problem.path), problem.line, problem.field, problem.message]),
			[
				["site.yaml", 2, "rawHtml", "rawHtml must be sanitize or escape"],
				// Each wrong item at its own line.
				["site.yaml", 5, "embeds.1", "each embeds entry must be a host name such as www.youtube-nocookie.com"],
				["site.yaml", 6, "embeds.2", "each embeds entry must be a host name such as www.youtube-nocookie.com"],
			],
		);
	}
});

interface SearchResult {
	url: string;
	excerpt: string;
	meta: Record<string, string>;
	filters: Record<string, string[]>;
}

/** Queries the built Pagefind index in Node, as the browser would: its own JS over its own files. */
async function searchIndex(output: string, query: string): Promise<SearchResult[]> {
	const bundle = path.join(output, "pagefind");
	const realFetch = globalThis.fetch;
	globalThis.fetch = (async (input: string | URL | Request) => {
		const url = String(input instanceof Request ? input.url : input);
		const file = url.replace(/^.*?\/pagefind\//, "").split("?")[0] ?? "";
		const bytes = await readFile(path.join(bundle, file));
		return new Response(bytes, {
			headers: { "content-type": file.endsWith(".pagefind") ? "application/wasm" : "application/octet-stream" },
		});
	}) as typeof fetch;
	try {
		const pagefind = await import(`${new URL(`file://${path.join(bundle, "pagefind.js")}`).href}?${Date.now()}`);
		await pagefind.options({ basePath: "/pagefind/", noWorker: true });
		const search = await pagefind.search(query);
		const results: SearchResult[] = [];
		for (const result of search.results) results.push(await result.data());
		await pagefind.destroy?.();
		return results;
	} finally {
		globalThis.fetch = realFetch;
	}
}

test.run();
