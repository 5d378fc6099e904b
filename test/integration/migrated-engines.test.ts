/**
 * A site root is an articles folder: a Hugo site in Russian with a theme, a Jekyll archive with the odd
 * forms real archives hold, and a Zola site whose `path` carries the date behind a section, each built
 * as it is (test/fixtures/migrated/). Every post the engine publishes is an article on its own page;
 * what it does not publish (pages, section lists, headless bundles, a bundle's Markdown resources,
 * template-only pages, drafts, empty files) is no article anywhere and is counted; the engine's
 * configuration sets the language, title, zone and URLs; theme images load at the root and under a
 * prefix; and a build its own engine would refuse leaves the previous output as it was.
 */
import { cp, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseHTML } from "linkedom";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { FileTally } from "../../src/content/tally.ts";
import { projectRoot } from "../../src/paths.ts";
import { searchBuiltSite } from "../../src/search/terminal.ts";
import { crawlSite, fileFor, htmlFiles, visibleTexts } from "../support/crawl.ts";
import { type BuiltFixture, builtFixture, byTitle, readPage, snapshot, tempDir, texts } from "../support/fixtures.ts";
import { runScript } from "../support/run-script.ts";

const fixtures = path.join(projectRoot, "test", "fixtures", "migrated");

interface SiteSpec {
	/** The fixture folder, passed as it is to --articles. */
	folder: string;
	/** Where the engine keeps its Markdown: counted from disk, independently of the loader. */
	contentDir: string;
	/** Every post the engine publishes, by title. */
	titles: string[];
	tally: FileTally;
	/** Text only a non-post file holds: it must be on no page the build writes. */
	neverShown: string[];
}

const sites: Record<string, SiteSpec> = {
	"hugo-ru": {
		folder: "hugo-ru",
		contentDir: "content",
		titles: ["Встреча в Эр-Рияде", "Обмен пленными в Стамбуле"],
		tally: {
			files: 12,
			published: 2,
			skipped: { draft: 1, page: 3, section: 3, headless: 1, resource: 2 },
			refused: 0,
		},
		neverShown: [
			"Кто пишет эти заметки",
			"Правила оформления",
			"Врезка для главной",
			"Ещё не готово",
			"Стенограмма встречи",
			"Заметка без шапки",
		],
	},
	"jekyll-lenient": {
		folder: "jekyll-lenient",
		contentDir: "",
		titles: [
			"Talks resume after a pause",
			"A year written twice",
			"Prisoner exchange on the border",
			"Energy talks: both sides agree to a thirty-day pause",
			"A blank line before the front matter",
		],
		tally: { files: 10, published: 5, skipped: { unpublished: 1, page: 2, empty: 2 }, refused: 0 },
		neverShown: ["Withdrawn before publication", "Who keeps these notes", "A draft headline"],
	},
	"zola-sections": {
		folder: "zola-sections",
		contentDir: "content",
		titles: ["Round one in Riyadh", "Round two in Istanbul", "Technical teams meet before the round"],
		tally: { files: 7, published: 3, skipped: { draft: 1, section: 2, "template-only": 1 }, refused: 0 },
		neverShown: ["An agenda still in draft", "latest.html"],
	},
};

/** The site built once per prefix, from a copy of its fixture folder. Feeds need a site URL to make the bodies' links absolute, as a deploy gives one. */
const built = (name: string, pathPrefix = "/"): Promise<BuiltFixture> =>
	builtFixture(
		path.join(fixtures, (sites[name] as SiteSpec).folder),
		pathPrefix,
		pathPrefix === "/" ? "https://digest.example.org" : `https://example.github.io${pathPrefix.replace(/\/$/, "")}`,
	);

/** Markdown files under `folder` of a fixture, left out: the engine's own parts (layouts, includes, archetypes, themes). */
async function markdownFilesOf(spec: SiteSpec): Promise<number> {
	const root = path.join(fixtures, spec.folder, spec.contentDir);
	const entries = await readdir(root, { recursive: true, withFileTypes: true });
	return entries.filter((entry) => {
		if (!entry.isFile() || !/\.(md|markdown)$/.test(entry.name)) return false;
		const relative = path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep);
		return !relative.some((part) => ["themes", "archetypes", "_layouts", "_includes"].includes(part));
	}).length;
}

/** Where `src` on the page at `pageUrl` (a site path) points, as a site path without the prefix. */
function sitePathOf(src: string, pageUrl: string, pathPrefix: string): string {
	const resolved = decodeURIComponent(new URL(src, `https://example.org${pathPrefix}${pageUrl.slice(1)}`).pathname);
	assert.ok(resolved.startsWith(pathPrefix), `${src} on ${pageUrl} stays under ${pathPrefix}`);
	return `/${resolved.slice(pathPrefix.length)}`;
}

for (const [name, spec] of Object.entries(sites)) {
	test(`${name}: every post its engine publishes is an article on its own page (h1 = title) and in search, and nothing else is`, async () => {
		const { outputDir, result } = await built(name);
		assert.equal(result.digest.articles.map((article) => article.title).sort(), [...spec.titles].sort());
		for (const article of result.digest.articles) {
			const page = await readPage(outputDir, article.url);
			assert.equal(texts(page, "h1"), [article.title], article.url);
		}
		const searched = await searchBuiltSite({ outputDir, query: "", limit: 100 });
		assert.equal(
			searched.results.map((hit) => hit.url).sort(),
			result.digest.articles.map((article) => article.url).sort(),
			"search holds the posts and nothing else",
		);
		for (const [sitePath, text] of await visibleTexts(outputDir))
			for (const words of spec.neverShown) assert.not.match(text, words, `"${words}" on ${sitePath}`);
	});

	test(`${name}: the report adds up: every Markdown file of the site is published, skipped by reason or refused`, async () => {
		const { result } = await built(name);
		const tally = result.digest.tally as FileTally;
		assert.equal(tally, spec.tally);
		const skipped = Object.values(tally.skipped).reduce((sum, count) => sum + (count ?? 0), 0);
		assert.is(tally.files, tally.published + skipped + tally.refused);
		assert.is(tally.files, await markdownFilesOf(spec), "every Markdown file on disk is counted");
		assert.is(tally.published, result.digest.articles.length);
	});

	for (const pathPrefix of ["/", "/x/"])
		test(`${name}: a crawl of every page built under ${pathPrefix} finds no broken link or image and none escaping the prefix`, async () => {
			const { outputDir, siteUrl } = await built(name, pathPrefix);
			const report = await crawlSite({ outputDir, pathPrefix, siteUrl });
			assert.equal(report.broken, [], `${report.broken.length} broken`);
			assert.equal(report.escaping, [], `${report.escaping.length} escaping the prefix`);
			assert.ok(report.pages.length > spec.titles.length, `${report.pages.length} pages crawled`);
		});

	for (const pathPrefix of ["/", "/x/"])
		test(`${name}: every local image on every article page loads, under ${pathPrefix}`, async () => {
			const { outputDir, result } = await built(name, pathPrefix);
			let images = 0;
			for (const article of result.digest.articles) {
				const page = await readPage(outputDir, article.url);
				for (const img of page.querySelectorAll("img")) {
					const src = img.getAttribute("src") ?? "";
					if (/^https?:/.test(src)) continue;
					const target = sitePathOf(src, article.url, pathPrefix);
					assert.ok(await fileFor(outputDir, target), `${src} on ${article.url} (${target}) is in the output`);
					images++;
				}
			}
			assert.ok(images >= 1, `${images} local images checked`);
		});
}

test("hugo-ru: hugo.toml gives every page lang=ru, the site's title, its zone and its permalink pattern", async () => {
	const { outputDir, result } = await built("hugo-ru");
	for (const sitePath of await htmlFiles(outputDir)) {
		const { document } = parseHTML(await readFile((await fileFor(outputDir, sitePath)) as string, "utf8"));
		assert.is(document.documentElement.getAttribute("lang"), "ru", sitePath);
	}
	assert.match((await readPage(outputDir, "/")).querySelector("title")?.textContent ?? "", "Хроника переговоров");
	const riyadh = byTitle(result.digest.articles, "Встреча в Эр-Рияде");
	assert.is(riyadh.url, "/2025/02/riyadh-meeting/", "[permalinks.page] posts = '/:year/:month/:slug/'");
	// A date without an offset is read in timeZone = 'Europe/Moscow'.
	assert.is(Date.parse(riyadh.date), Date.parse("2025-02-18T10:00:00+03:00"));
	assert.is(result.digest.site.description, "Заметки о переговорах по Украине.");
});

test("hugo-ru: the theme's /img/ image is published from themes/<theme>/static/ and sized", async () => {
	const { outputDir, result } = await built("hugo-ru", "/x/");
	const riyadh = byTitle(result.digest.articles, "Встреча в Эр-Рияде");
	const img = (await readPage(outputDir, riyadh.url)).querySelector('.article-body img[alt="Эмблема хроники"]');
	assert.is(sitePathOf(img?.getAttribute("src") ?? "", riyadh.url, "/x/"), "/img/emblem.png");
	assert.equal([img?.getAttribute("width"), img?.getAttribute("height")], ["24", "16"]);
	const published = await readFile(path.join(outputDir, "img", "emblem.png"));
	assert.ok(published.equals(await readFile(path.join(fixtures, "hugo-ru/themes/hroniki/static/img/emblem.png"))));
});

test("hugo-ru: a Markdown file inside a bundle is published as a file beside the page, and the page's link to it works", async () => {
	const { outputDir, result } = await built("hugo-ru");
	const istanbul = byTitle(result.digest.articles, "Обмен пленными в Стамбуле");
	const link = [...(await readPage(outputDir, istanbul.url)).querySelectorAll(".article-body a")].find((a) => a.textContent === "записке");
	const target = sitePathOf(link?.getAttribute("href") ?? "", istanbul.url, "/");
	assert.is(target, `${istanbul.url}transcript.md`);
	assert.match(await readFile((await fileFor(outputDir, target)) as string, "utf8"), "Стенограмма встречи");
	assert.not.ok(result.digest.articles.some((article) => /transcript|teasers|about|docs\//.test(article.file)));
});

test("jekyll-lenient: odd dates keep their date and time, a repeated key keeps its last value, a continued title is one title", async () => {
	const { outputDir, result } = await built("jekyll-lenient");
	const odd = byTitle(result.digest.articles, "Talks resume after a pause");
	// `16:30-:00+16:30`: +16:30 is no zone on Earth, so the time is read in _config.yml's timezone.
	assert.is(Date.parse(odd.date), Date.parse("2021-02-08T16:30:00+02:00"));
	const twice = byTitle(result.digest.articles, "A year written twice");
	assert.is(Date.parse(twice.date), Date.parse("2023-01-29T18:30:22-08:00"));
	assert.is(twice.url, "/2023/01/30/year-twice/", "permalink: pretty, the day in Europe/Kyiv");
	const ignored = result.digest.warnings.filter((warning) => warning.kind === "date-text-ignored");
	assert.equal(
		ignored.map((warning) => [path.basename(warning.path ?? ""), warning.line]),
		[
			["2021-02-08-odd-offset.md", 4],
			["2023-01-29-year-twice.md", 4],
		],
	);
	assert.match(ignored[0]?.message ?? "", '"-:00+16:30"');
	const repeated = result.digest.warnings.filter((warning) => warning.kind === "repeated-key");
	assert.equal(
		repeated.map((warning) => [path.basename(warning.path ?? ""), warning.line]),
		[["2024-05-01-repeated-key.md", 6]],
	);
	const blank = byTitle(result.digest.articles, "A blank line before the front matter");
	assert.is(blank.lines.body, 8, "the body's line is the file's own");
	const page = await readPage(outputDir, blank.url);
	assert.match(page.querySelector(".article-body")?.textContent ?? "", "The editor left an empty line");
	assert.is(page.documentElement.getAttribute("lang"), "en-GB");
	const empties = result.digest.warnings
		.filter((warning) => warning.kind === "empty-file")
		.map((warning) => path.basename(warning.path ?? ""));
	assert.equal(empties, ["2024-08-04-empty.md", "2024-08-05-placeholder.md"]);
});

test("zola-sections: a YYYY/MM/DD behind a section in `path` dates the post, and the path is its URL", async () => {
	const { result } = await built("zola-sections");
	const technical = byTitle(result.digest.articles, "Technical teams meet before the round");
	assert.is(technical.day, "2025-03-23");
	assert.is(technical.url, "/inside-talks/2025/03/23/technical-teams/");
	assert.is(byTitle(result.digest.articles, "Round one in Riyadh").day, "2025-02-18");
	assert.is(result.digest.site.title, "The Talks Blog");
});

test("npm run build on a site root says in one line what it read from the engine's configuration, and ends with the count", async () => {
	const work = await tempDir("engine-cli-");
	const run = await runScript("build.ts", [
		"--articles",
		path.join(fixtures, "hugo-ru"),
		"--output",
		path.join(work, "_site"),
		"--no-cache",
	]);
	assert.is(run.code, 0, run.stderr);
	const lines = run.stdout.trim().split("\n");
	assert.is(
		lines[0],
		"read hugo.toml: title, description, language ru, time zone Europe/Moscow, permalinks, mainSections posts, themes/hroniki/static/",
	);
	assert.is(
		lines.at(-1),
		"12 files: 2 published, 10 skipped (1 draft, 3 site pages, 3 section lists, 1 headless bundle, 2 bundle resources), 0 refused",
	);
	const check = await runScript("check.ts", ["--articles", path.join(fixtures, "zola-sections")]);
	assert.is(check.code, 0, check.stderr);
	assert.match(check.stdout, "4 articles and 0 topics are valid.", "check validates the draft too");
	assert.is(
		check.stdout.trim().split("\n").at(-1),
		"7 files: 3 published, 4 skipped (1 draft, 2 section lists, 1 template-only page), 0 refused",
		"but counts it as a build does",
	);
});

test("a post its own engine would refuse stops the build, counted as refused, and the previous output stays byte for byte", async () => {
	const work = await tempDir("engine-refused-");
	const site = path.join(work, "site");
	const output = path.join(work, "_site");
	await cp(path.join(fixtures, "jekyll-lenient"), site, { recursive: true });
	const first = await runScript("build.ts", ["--articles", site, "--output", output, "--no-cache"]);
	assert.is(first.code, 0, first.stderr);
	const before = await snapshot(output);
	// Jekyll stops on a date it cannot read ("Invalid date"): so does the digest.
	await writeFile(path.join(site, "_posts", "2024-10-01-bad-date.md"), '---\nlayout: post\ntitle: "Bad"\ndate: next Tuesday\n---\nBody.\n');
	const failed = await runScript("build.ts", ["--articles", site, "--output", output, "--no-cache"]);
	assert.is(failed.code, 1);
	const lines = failed.stderr.trim().split("\n");
	assert.match(lines[0] ?? "", /_posts\/2024-10-01-bad-date\.md:4: date: "next Tuesday" is not a date/);
	assert.is(lines.at(-1), "11 files: 5 published, 5 skipped (1 marked published: false, 2 site pages, 2 empty files), 1 refused");
	assert.not.match(failed.stderr, /^\s+at /m, "no stack trace");
	assert.equal(await snapshot(output), before);
	assert.equal((await readdir(work)).sort(), ["_site", "site"], "no staging folder is left behind");
});

test.run();
