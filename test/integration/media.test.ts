/**
 * Article bodies as other engines write them, built for real under a path prefix and a public URL: local
 * images and files published beside their page with their size, page bundles, lead images, links between
 * articles written as template tags, `<!--more-->` and Liquid's raw tags. Assertions are on the parsed pages,
 * the feeds and the files in the output.
 */
import { mkdir, readdir, readFile, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseHTML } from "linkedom";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { buildSite } from "../../src/commands/build.ts";
import { type Article, loadDigest } from "../../src/content/load.ts";
import { formatWarning } from "../../src/content/warnings.ts";
import { articleText, readPage, tempDir, writeArticles } from "../support/fixtures.ts";
import { pngBytes } from "../support/images.ts";

const prefix = "/repo/";
const siteUrl = "https://example.github.io/repo";

const riyadhBody = [
	"Officials met at Diriyah Palace.", // body line 1
	"",
	"It was the first meeting in three years.",
	"",
	"<!--more-->",
	"",
	"![The palace](images/palace.png) and [the minutes](minutes.pdf).",
	"",
	"{% raw %}{{ page.title }}{% endraw %} is how the post printed a tag.",
	"",
	"The follow-up came in [Jeddah]({% post_url 2025-03-11-jeddah %}).",
	"",
	"![Gone](images/missing.png)",
	"",
	"![Away](../../../outside.png)",
	"",
	"[Our robots](/robots.txt)",
].join("\n");

const bundleBody = [
	"![A chart](sub/chart.png)",
	"",
	'{{< figure src="harbour.png" alt="The harbour" caption="Odesa <b>harbour</b>" >}}',
	"",
	"{{< youtube 0RKpf3rK57I >}}",
	"",
	'It followed [the talks]({{< ref "2025-02-18-riyadh" >}}).',
	"",
	'{{< tweet user="StateDept" id="1" >}}',
	"",
	'{{< figure src="javascript:alert(1)" caption="<script>alert(1)</script>" >}}',
].join("\n");

async function build() {
	const parent = await tempDir("media-");
	const articlesDir = path.join(parent, "articles");
	const files: Record<string, string | Buffer> = {
		"2025/02/2025-02-18-riyadh.md": articleText({ title: "Riyadh talks", date: "2025-02-18", body: riyadhBody }),
		"2025/02/2025-02-20-other.md": articleText({ title: "Another February story", date: "2025-02-20" }),
		"2025/02/images/palace.png": pngBytes(48, 32),
		"2025/02/images/unused.png": pngBytes(10, 10),
		"2025/02/minutes.pdf": "%PDF-1.4 minutes",
		"2025/03/2025-03-11-jeddah.md": articleText({ title: "Jeddah proposal", date: "2025-03-11" }),
		"2025/03/black-sea/index.md": articleText({
			title: "Black Sea deal",
			date: "2025-03-25",
			extra: "image: harbour.png",
			body: bundleBody,
		}),
		"2025/03/black-sea/harbour.png": pngBytes(40, 30),
		"2025/03/black-sea/sub/chart.png": pngBytes(64, 48),
		"2025/03/black-sea/data.csv": "ship,date\nA,2025-03-26\n",
		"robots.txt": "User-agent: *\nDisallow: /\n",
	};
	for (const [file, content] of Object.entries(files)) {
		await mkdir(path.dirname(path.join(articlesDir, file)), { recursive: true });
		await writeFile(path.join(articlesDir, file), content);
	}
	await writeFile(path.join(parent, "outside.png"), pngBytes(5, 5));
	// A bundle file that is a symbolic link to a file outside the folder: never followed, never published.
	await symlink(path.join(parent, "outside.png"), path.join(articlesDir, "2025/03/black-sea/linked.png"));
	const outputDir = path.join(parent, "_site");
	const result = await buildSite({ articlesDir, outputDir, pathPrefix: prefix, siteUrl, cacheDir: false });
	const byTitle = (title: string) => result.digest.articles.find((article) => article.title === title) as Article;
	return { ...result, articlesDir, outputDir, byTitle };
}

const built = build();

/** Where a URL found on the page at `pageUrl` lands in the output folder (under the prefix), if it does. */
function outputPath(outputDir: string, pageUrl: string, reference: string): string | undefined {
	const resolved = new URL(reference, `https://example.github.io${prefix.replace(/\/$/, "")}${pageUrl}`);
	if (resolved.origin !== "https://example.github.io" || !resolved.pathname.startsWith(prefix)) return undefined;
	const sitePath = `/${decodeURIComponent(resolved.pathname.slice(prefix.length))}`;
	return path.join(outputDir, sitePath.endsWith("/") ? `${sitePath}index.html` : sitePath);
}

async function allFiles(dir: string): Promise<string[]> {
	const entries = await readdir(dir, { recursive: true, withFileTypes: true });
	return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
}

test("a local image is published beside its page, with width, height and lazy loading, and loads under the path prefix", async () => {
	const { outputDir, articlesDir, byTitle } = await built;
	const article = byTitle("Riyadh talks");
	const page = await readPage(outputDir, article.url);
	const image = page.querySelector('.article-body img[alt="The palace"]');
	assert.ok(image, "the image is on the page");
	assert.is(image?.getAttribute("width"), "48");
	assert.is(image?.getAttribute("height"), "32");
	assert.is(image?.getAttribute("loading"), "lazy");
	const file = outputPath(outputDir, article.url, image?.getAttribute("src") ?? "");
	assert.ok(file, "the src stays under the prefix");
	assert.equal(await readFile(file as string), await readFile(path.join(articlesDir, "2025/02/images/palace.png")));
	const pdf = outputPath(outputDir, article.url, page.querySelector('.article-body a[href$="minutes.pdf"]')?.getAttribute("href") ?? "");
	assert.is(await readFile(pdf as string, "utf8"), "%PDF-1.4 minutes");
});

test("a folder of many articles publishes only what each article shows, beside that article's page", async () => {
	const { outputDir, byTitle } = await built;
	const other = byTitle("Another February story");
	const files = await allFiles(outputDir);
	assert.not.ok(
		files.some((file) => file.startsWith(other.url.slice(1)) && file.endsWith(".png")),
		"no image beside the article that shows none",
	);
	assert.not.ok(
		files.some((file) => file.endsWith("unused.png")),
		"an image no article shows is not published",
	);
});

test("a missing local image is a warning naming the file and line; an image outside the articles folder or behind a symbolic link is not copied", async () => {
	const { digest, outputDir } = await built;
	const messages = digest.warnings.map(formatWarning);
	const riyadh = messages.filter((message) => message.includes("2025-02-18-riyadh.md"));
	// The body starts on line 6 of the file (after five front-matter lines), so body line 13 is file line 18.
	assert.ok(
		riyadh.some((message) => /2025-02-18-riyadh\.md:18: body: image "images\/missing\.png" is not there/.test(message)),
		riyadh.join("\n"),
	);
	assert.ok(
		riyadh.some((message) => /:20: body: image "\.\.\/\.\.\/\.\.\/outside\.png" points outside the articles folder/.test(message)),
		riyadh.join("\n"),
	);
	const published = await allFiles(outputDir);
	assert.not.ok(published.some((file) => file.endsWith("outside.png") || file.endsWith("linked.png")));
});

test("a linked file never replaces a file the build writes itself", async () => {
	const { outputDir } = await built;
	const robots = await readFile(path.join(outputDir, "robots.txt"), "utf8");
	assert.match(robots, "Sitemap:");
	assert.not.match(robots, "Disallow");
});

test("<!--more--> ends the summary and is never shown; Liquid raw tags are unwrapped", async () => {
	const { outputDir, byTitle } = await built;
	const article = byTitle("Riyadh talks");
	assert.is(article.summary, "Officials met at Diriyah Palace. It was the first meeting in three years.");
	const page = await readPage(outputDir, article.url);
	assert.is(page.querySelector('meta[name="description"]')?.getAttribute("content"), article.summary);
	const html = page.querySelector(".article-body")?.innerHTML ?? "";
	const text = page.querySelector(".article-body")?.textContent ?? "";
	assert.not.match(html, /more/);
	assert.match(text, "{{ page.title }} is how the post printed a tag.");
	assert.not.match(text, /raw/);
});

test("{% post_url %} and Hugo's ref resolve to the target article's new URL under the prefix", async () => {
	const { outputDir, byTitle } = await built;
	const riyadh = byTitle("Riyadh talks");
	const jeddah = byTitle("Jeddah proposal");
	const bundle = byTitle("Black Sea deal");
	const riyadhPage = await readPage(outputDir, riyadh.url);
	const toJeddah = [...riyadhPage.querySelectorAll(".article-body a")].find((a) => a.textContent === "Jeddah");
	assert.is(outputPath(outputDir, riyadh.url, toJeddah?.getAttribute("href") ?? ""), path.join(outputDir, jeddah.url, "index.html"));
	const bundlePage = await readPage(outputDir, bundle.url);
	const toRiyadh = [...bundlePage.querySelectorAll(".article-body a")].find((a) => a.textContent === "the talks");
	assert.is(outputPath(outputDir, bundle.url, toRiyadh?.getAttribute("href") ?? ""), path.join(outputDir, riyadh.url, "index.html"));
});

test("a page bundle publishes every file of its folder beside its page and shows its lead image atop the article", async () => {
	const { outputDir, articlesDir, byTitle } = await built;
	const bundle = byTitle("Black Sea deal");
	assert.is(bundle.slug, "black-sea");
	for (const file of ["harbour.png", "sub/chart.png", "data.csv"]) {
		assert.equal(
			await readFile(path.join(outputDir, bundle.url, file)),
			await readFile(path.join(articlesDir, "2025/03/black-sea", file)),
			file,
		);
	}
	const page = await readPage(outputDir, bundle.url);
	const lead = page.querySelector("article .lead-image img");
	assert.is(lead?.getAttribute("src"), `${prefix}${bundle.url.slice(1)}harbour.png`);
	assert.is(lead?.getAttribute("width"), "40");
	assert.is(lead?.getAttribute("height"), "30");
	const absolute = `${siteUrl}${bundle.url}harbour.png`;
	assert.is(page.querySelector('meta[property="og:image"]')?.getAttribute("content"), absolute);
	const jsonLd = JSON.parse(page.querySelector('script[type="application/ld+json"]')?.textContent ?? "{}") as { image?: string };
	assert.is(jsonLd.image, absolute);
	const chart = page.querySelector('.article-body img[alt="A chart"]');
	assert.equal([chart?.getAttribute("width"), chart?.getAttribute("height")], ["64", "48"]);
});

test("Hugo's figure becomes a figure with its caption as text, youtube a link to the video, other shortcodes text and one warning", async () => {
	const { outputDir, digest, byTitle } = await built;
	const bundle = byTitle("Black Sea deal");
	const page = await readPage(outputDir, bundle.url);
	const figure = page.querySelector(".article-body figure");
	const image = figure?.querySelector("img");
	assert.is(image?.getAttribute("alt"), "The harbour");
	assert.equal([image?.getAttribute("width"), image?.getAttribute("height")], ["40", "30"]);
	assert.is(figure?.querySelector("figcaption")?.textContent, "Odesa <b>harbour</b>");
	assert.is(page.querySelectorAll(".article-body b, .article-body script, .article-body iframe").length, 0);
	assert.is(
		page.querySelector('.article-body a[href="https://www.youtube.com/watch?v=0RKpf3rK57I"]')?.textContent,
		"Watch the video on YouTube",
	);
	// A figure whose src markdown-it refuses stays the tag it was, as text.
	assert.not.ok([...page.querySelectorAll(".article-body img")].some((img) => /javascript/i.test(img.getAttribute("src") ?? "")));
	assert.match(page.querySelector(".article-body")?.textContent ?? "", '{{< figure src="javascript:alert(1)"');
	const tagWarnings = digest.warnings.filter((warning) => warning.kind === "template-tag").map(formatWarning);
	const bundleWarnings = tagWarnings.filter((message) => message.includes("black-sea"));
	// Once per file, at the file's line of the first such tag (body line 9, after six front-matter lines).
	assert.is(bundleWarnings.length, 1, bundleWarnings.join("\n"));
	assert.ok(
		bundleWarnings[0]?.endsWith('2025/03/black-sea/index.md:15: body: unsupported template tag "{{< tweet … >}}" shown as text'),
		bundleWarnings[0],
	);
});

test("feeds carry the body's images and links as absolute URLs, and the lead image", async () => {
	const { outputDir, byTitle } = await built;
	const riyadh = byTitle("Riyadh talks");
	const bundle = byTitle("Black Sea deal");
	const feed = JSON.parse(await readFile(path.join(outputDir, "feed.json"), "utf8")) as {
		items: { url: string; content_html: string; image?: string }[];
	};
	const item = feed.items.find((entry) => entry.url === `${siteUrl}${riyadh.url}`);
	const { document } = parseHTML(`<div>${item?.content_html ?? ""}</div>`);
	assert.is(document.querySelector('img[alt="The palace"]')?.getAttribute("src"), `${siteUrl}${riyadh.url}images/palace.png`);
	const jeddah = byTitle("Jeddah proposal");
	assert.is([...document.querySelectorAll("a")].find((a) => a.textContent === "Jeddah")?.getAttribute("href"), `${siteUrl}${jeddah.url}`);
	assert.is(feed.items.find((entry) => entry.url === `${siteUrl}${bundle.url}`)?.image, `${siteUrl}${bundle.url}harbour.png`);
	const atom = await readFile(path.join(outputDir, "feed.xml"), "utf8");
	assert.match(atom, `<media:content url="${siteUrl}${bundle.url}harbour.png" medium="image" type="image/png"/>`);
});

test("with raw HTML on, the sanitiser keeps what the body rules add: sizes, resolved links, figures", async () => {
	const articlesDir = await writeArticles({
		"2025/02/2025-02-18-a.md": articleText({
			title: "A",
			date: "2025-02-18",
			body: '![Map](map.png) <b>bold</b> <img src="x.png" onerror="alert(1)">\n\nSee [B]({% post_url 2025-02-19-b %}).\n\n{{< figure src="map.png" caption="Map" >}}',
		}),
		"2025/02/2025-02-19-b.md": articleText({ title: "B", date: "2025-02-19" }),
	});
	await writeFile(path.join(articlesDir, "2025/02/map.png"), pngBytes(12, 8));
	const digest = await loadDigest(articlesDir, { allowHtml: true, cache: false });
	const a = digest.articles.find((article) => article.title === "A") as Article;
	const b = digest.articles.find((article) => article.title === "B") as Article;
	const { document } = parseHTML(`<div>${a.html}</div>`);
	const map = document.querySelector('p img[alt="Map"]');
	assert.equal([map?.getAttribute("width"), map?.getAttribute("height"), map?.getAttribute("loading")], ["12", "8", "lazy"]);
	assert.is(document.querySelector("b")?.textContent, "bold");
	assert.is(document.querySelector("[onerror]"), null);
	const link = [...document.querySelectorAll("a")].find((anchor) => anchor.textContent === "B");
	assert.is(new URL(link?.getAttribute("href") ?? "", `https://x.org${a.url}`).pathname, b.url);
	assert.is(document.querySelector("figure figcaption")?.textContent, "Map");
	assert.equal(document.querySelector("figure img")?.getAttribute("width"), "12");
});

test("a link tag naming no article stays as written, escaped, with a warning; hostile tag text cannot become markup", async () => {
	const articlesDir = await writeArticles({
		"2025/02/2025-02-18-a.md": articleText({
			title: "A",
			date: "2025-02-18",
			body: 'See [this]({% post_url x"><script>alert(1)</script> %}) and {{< ref "<img src=x onerror=alert(1)>" >}}.\n\n{{< figure src="ok.png" alt=\'" onerror="alert(1)\' link="javascript:alert(1)" >}}',
		}),
	});
	const digest = await loadDigest(articlesDir, { cache: false });
	const { document } = parseHTML(`<div>${digest.articles[0]?.html ?? ""}</div>`);
	assert.is(document.querySelectorAll("script, [onerror], figure").length, 0);
	assert.match(document.querySelector("a")?.getAttribute("href") ?? "", "{% post_url");
	assert.match(document.querySelector("div")?.textContent ?? "", '{{< ref "<img src=x onerror=alert(1)>" >}}');
	assert.equal(
		digest.warnings.filter((warning) => warning.kind === "missing-link-target").map((warning) => warning.line),
		[6, 6],
	);
});

test.run();
