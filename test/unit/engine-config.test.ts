/**
 * A site root's own configuration, read through the real loader from files on disk: Docusaurus's
 * JavaScript read as text, Hugo's YAML with a per-language table, Jekyll's permalink styles, site.yaml
 * winning, settings the digest cannot follow reported, and a stray config file in a plain folder ignored.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { loadDigest } from "../../src/content/load.ts";
import { draftsLeftOut } from "../../src/content/tally.ts";
import { writeArticles } from "../support/fixtures.ts";
import { pngBytes } from "../support/images.ts";

const load = async (files: Record<string, string>) => {
	const dir = await writeArticles(files);
	return { dir, digest: await loadDigest(dir, { cache: false, displayPath: (p) => p.slice(dir.length + 1) }) };
};

test("docusaurus.config.ts is read as text: title, tagline, default locale; blog/ holds the posts, docs and pages are counted as pages", async () => {
	const { digest } = await load({
		"docusaurus.config.ts": `import type {Config} from '@docusaurus/types';
const config: Config = {
  title: 'Talks Field Notes',
  tagline: "Notes from the negotiating rooms",
  url: 'https://notes.example.org',
  baseUrl: '/',
  i18n: {
    defaultLocale: 'uk',
    locales: ['uk', 'en'],
  },
  presets: [['classic', { blog: { showReadingTime: true }, docs: { sidebarPath: './sidebars.ts' } }]],
  themeConfig: { navbar: { title: 'Navbar words' } },
};
export default config;
`,
		"blog/2021-08-26-welcome/index.md": "---\ntitle: Welcome\ntags: [hello]\n---\nFirst post.\n\n![Logo](/img/logo.png)\n",
		"blog/2019-05-28-first-blog-post.md": "---\ntitle: First blog post\nauthors: [ann]\n---\nAn older post.\n",
		"blog/_shared-note.md": "A partial that posts import.\n",
		"docs/intro.md": "---\nsidebar_position: 1\n---\n# Intro\n",
		"src/pages/markdown-page.md": "---\ntitle: A page\n---\nText.\n",
		"README.md": "# The site's readme\n",
	});
	assert.equal(
		[digest.site.title, digest.site.description, digest.site.language],
		["Talks Field Notes", "Notes from the negotiating rooms", "uk"],
	);
	assert.equal(digest.articles.map((article) => [article.title, article.day]).sort(), [
		["First blog post", "2019-05-28"],
		["Welcome", "2021-08-26"],
	]);
	assert.equal(digest.tally, { files: 4, published: 2, skipped: { page: 2 }, refused: 0 });
	assert.is(digest.engineConfig, "read docusaurus.config.ts: title, tagline, language uk, posts in blog/");
});

test("a Docusaurus site's static/ folder serves images written from the root", async () => {
	const dir = await writeArticles({
		"docusaurus.config.js": "module.exports = { title: 'Notes', baseUrl: '/' };\n",
		"blog/2021-08-26-welcome.md": "---\ntitle: Welcome\n---\n![Logo](/img/logo.png)\n",
	});
	mkdirSync(path.join(dir, "static", "img"), { recursive: true });
	writeFileSync(path.join(dir, "static", "img", "logo.png"), pngBytes(12, 6));
	const digest = await loadDigest(dir, { cache: false });
	assert.equal(digest.media, [{ from: "static/img/logo.png", to: "/img/logo.png" }]);
	assert.match(digest.articles[0]?.html ?? "", /width="12" height="6"/);
	assert.match(digest.engineConfig ?? "", "static/");
});

test("Hugo YAML configuration: the default language's own table gives the language; an unknown time zone is a warning, not a failure", async () => {
	const { digest } = await load({
		"hugo.yaml":
			"title: Desk\ndefaultContentLanguage: ru\ntimeZone: Mars/Olympus\nlanguages:\n  ru:\n    languageCode: ru-RU\n    title: Стол новостей\n  en:\n    languageCode: en-US\n",
		"content/posts/a.md": "---\ntitle: A\ndate: 2025-02-18T10:00:00\n---\nBody.\n",
	});
	assert.equal([digest.site.title, digest.site.language, digest.site.zone], ["Стол новостей", "ru-RU", "UTC"]);
	const notes = digest.warnings.filter((warning) => warning.kind === "engine-setting");
	assert.is(notes.length, 1);
	assert.match(notes[0]?.message ?? "", /timeZone "Mars\/Olympus" is not used/);
	assert.is(digest.articles[0]?.date, "2025-02-18T10:00:00.000Z", "the digest's own zone is used instead");
});

test("site.yaml wins over the engine's configuration field by field", async () => {
	const { digest } = await load({
		"hugo.toml": "title = 'From Hugo'\nlanguageCode = 'ru'\ntimeZone = 'Europe/Kyiv'\n[permalinks]\nposts = '/:year/:slug/'\n",
		"site.yaml": "title: From site.yaml\npermalink: /notes/:year/:month/:day/:slug/\n",
		"content/posts/a.md": "---\ntitle: A\ndate: 2025-02-18T10:00:00\n---\nBody.\n",
	});
	assert.equal([digest.site.title, digest.site.language, digest.site.zone], ["From site.yaml", "ru", "Europe/Kyiv"]);
	assert.is(digest.articles[0]?.url, "/notes/2025/02/18/a/");
});

test("Jekyll's permalink styles become patterns, categories included; a token the digest lacks leaves its default with a warning", async () => {
	const jekyll = (permalink: string) =>
		load({
			"_config.yml": `title: Notes\npermalink: ${permalink}\n`,
			"_posts/2025-02-18-talks.md": "---\ntitle: Talks\ncategories: diplomacy\n---\nBody.\n",
		});
	assert.is((await jekyll("pretty")).digest.articles[0]?.url, "/diplomacy/2025/02/18/talks/");
	assert.is((await jekyll("none")).digest.articles[0]?.url, "/diplomacy/talks/");
	const html = (await jekyll("/:categories/:year/:title.html")).digest.articles[0];
	assert.equal([html?.url, html?.aliases], ["/diplomacy/2025/talks/", ["/diplomacy/2025/talks.html"]], "a redirect where the post was");
	const date = (await jekyll("date")).digest.articles[0];
	assert.equal([date?.url, date?.aliases], ["/diplomacy/2025/02/18/talks/", ["/diplomacy/2025/02/18/talks.html"]]);
	const odd = (await jekyll("/:short_year/:title/")).digest;
	assert.is(odd.articles[0]?.url, "/articles/2025/02/18/talks/");
	assert.match(odd.warnings.find((warning) => warning.kind === "engine-setting")?.message ?? "", /":short_year" is not a token/);
});

test("Hugo's buildDrafts, buildFuture and buildExpired publish what Hugo then publishes; without them each is skipped and counted", async () => {
	const site = (settings: string) => ({
		"hugo.toml": `title = 'Desk'\n${settings}`,
		"content/posts/now.md": "---\ntitle: Now\ndate: 2025-02-18T10:00:00Z\n---\nBody.\n",
		"content/posts/ahead.md": "---\ntitle: Ahead\ndate: 2025-02-18T10:00:00Z\npublishDate: 2099-01-01T00:00:00Z\n---\nBody.\n",
		"content/posts/unfinished.md": "---\ntitle: Unfinished\ndate: 2025-02-17\ndraft: true\n---\nBody.\n",
		"content/posts/gone.md": "---\ntitle: Gone\ndate: 2025-02-16\nexpiryDate: 2025-03-01\n---\nBody.\n",
	});
	const titles = (digest: Awaited<ReturnType<typeof load>>["digest"]) => digest.articles.map((article) => article.title).sort();
	const plain = (await load(site(""))).digest;
	assert.equal(titles(plain), ["Now"]);
	assert.equal(plain.tally?.skipped, { draft: 1, scheduled: 1, expired: 1 });
	const { dir, digest: all } = await load(site("buildDrafts = true\nbuildFuture = true\nbuildExpired = 'true'\n"));
	assert.equal(titles(all), ["Ahead", "Gone", "Now", "Unfinished"]);
	assert.equal(all.tally?.skipped, {});
	// `check` loads drafts too and counts them as a build would: this one is published.
	const checked = await loadDigest(dir, { cache: false, drafts: true });
	assert.is(checked.tally && draftsLeftOut(checked.tally, checked.articles).published, 4);
	assert.match(all.engineConfig ?? "", /: title, buildDrafts, buildFuture, buildExpired$/);
	const some = (await load(site("buildFuture = true\nbuildDrafts = false\n"))).digest;
	assert.equal(titles(some), ["Ahead", "Now"]);
});

test("Jekyll's future, show_drafts and unpublished publish what Jekyll then publishes; Zola publishes a page dated ahead", async () => {
	const jekyll = (settings: string) =>
		load({
			"_config.yml": `title: Notes\n${settings}`,
			"_posts/2025-02-18-talks.md": "---\ntitle: Talks\n---\nBody.\n",
			"_posts/2099-01-01-ahead.md": "---\ntitle: Ahead\n---\nBody.\n",
			"_posts/2025-02-17-withdrawn.md": "---\ntitle: Withdrawn\npublished: false\n---\nBody.\n",
			"_drafts/plan.md": "---\ntitle: Plan\ndate: 2025-02-16\n---\nBody.\n",
		});
	const titles = (digest: Awaited<ReturnType<typeof load>>["digest"]) => digest.articles.map((article) => article.title).sort();
	const plain = (await jekyll("")).digest;
	assert.equal(titles(plain), ["Talks"]);
	assert.equal(plain.tally?.skipped, { draft: 1, unpublished: 1, scheduled: 1 });
	assert.equal(titles((await jekyll("future: true\n")).digest), ["Ahead", "Talks"]);
	assert.equal(titles((await jekyll("show_drafts: true\n")).digest), ["Plan", "Talks"]);
	const unpublished = (await jekyll("unpublished: true\n")).digest;
	assert.equal(titles(unpublished), ["Talks", "Withdrawn"]);
	assert.match(unpublished.engineConfig ?? "", /: title, unpublished$/);

	const zola = (
		await load({
			"config.toml": "base_url = 'https://example.org'\ntitle = 'Desk'\n",
			"content/blog/now.md": "+++\ntitle = 'Now'\ndate = 2025-02-18\n+++\nBody.\n",
			"content/blog/ahead.md": "+++\ntitle = 'Ahead'\ndate = 2099-01-01\n+++\nBody.\n",
			"content/blog/unfinished.md": "+++\ntitle = 'Unfinished'\ndate = 2025-02-17\ndraft = true\n+++\nBody.\n",
		})
	).digest;
	assert.equal(titles(zola), ["Ahead", "Now"], "a draft is still a draft");
});

test("Jekyll's :categories: the folders above _posts/, then categories and category, in lower case; one title in two categories is two posts", async () => {
	const { digest } = await load({
		"_config.yml": "title: Notes\npermalink: /:categories/:title/\n",
		"_posts/2025-02-18-weekly-update.md": "---\ntitle: Weekly update\ncategories: Diplomacy Russia\n---\nBody.\n",
		"energy/_posts/2025-02-19-weekly-update.md": "---\ntitle: Weekly update\ncategories: [gas]\ncategory: Pipelines\n---\nBody.\n",
		"_posts/2025-02-20-plain.md": "---\ntitle: No category\n---\nBody.\n",
		"_posts/2025-02-21-odd.md": "---\ntitle: Odd category\ncategories: [topics]\n---\nBody.\n",
	});
	assert.equal(
		Object.fromEntries(digest.articles.map((article) => [article.title === "Weekly update" ? article.day : article.title, article.url])),
		{
			"2025-02-18": "/diplomacy/russia/weekly-update/",
			"2025-02-19": "/energy/gas/pipelines/weekly-update/",
			"No category": "/plain/",
			"Odd category": "/odd/",
		},
	);
	const leftOut = digest.warnings.filter((warning) => warning.kind === "categories-left-out");
	assert.equal(
		leftOut.map((warning) => warning.path),
		["_posts/2025-02-21-odd.md"],
	);
	assert.match(leftOut[0]?.message ?? "", /\/topics\/odd\/ is one of the site's own pages/);
});

test("a config file in a plain folder of articles, without the engine's content folder, is not read as a site's configuration", async () => {
	const { digest } = await load({
		"config.yaml": "title: Something else entirely\nlanguageCode: fr\n",
		"_config.yml": "title: Not a Jekyll site\n",
		"2025/02/a.md": "---\ntitle: A\ndate: 2025-02-18\ntopics: [x]\n---\nBody.\n",
	});
	assert.equal([digest.site.title, digest.site.language], ["Topic Digest", "en"]);
	assert.is(digest.engineConfig, undefined);
	assert.equal(
		digest.articles.map((article) => article.file),
		["2025/02/a.md"],
	);
});

test("Hugo's config/_default/ folder: params, permalinks and per-language files are read with the main file", async () => {
	const { digest } = await load({
		"config/_default/hugo.toml": "baseURL = 'https://example.org/'\ndefaultContentLanguage = 'ru'\ntheme = 'paper'\n",
		"config/_default/params.toml": "description = 'Хроника'\nmainSections = ['news']\n",
		"config/_default/permalinks.toml": "news = '/:year/:month/:slug/'\n",
		"config/_default/languages.ru.toml": "languageCode = 'ru'\ntitle = 'Новости'\n",
		"config/_default/menus.ru.toml": "[[main]]\nname = 'Главная'\n",
		"content/news/a.md": "---\ntitle: A\ndate: 2025-02-18\n---\nBody.\n",
		"content/blog/b.md": "---\ntitle: B\ndate: 2025-02-19\n---\nNot in mainSections.\n",
	});
	assert.equal([digest.site.title, digest.site.description, digest.site.language], ["Новости", "Хроника", "ru"]);
	assert.equal(
		digest.articles.map((article) => article.url),
		["/2025/02/a/"],
	);
	assert.equal(digest.tally?.skipped, { page: 1 });
	assert.is(digest.engineConfig, "read config/_default/hugo.toml: title, description, language ru, permalinks, mainSections news");
});

test("a configuration file that cannot be parsed leaves the digest's defaults and says so, and the posts still build", async () => {
	const { digest } = await load({
		"hugo.toml": "title = 'Desk'\nlanguageCode = \n",
		"content/posts/a.md": "---\ntitle: A\ndate: 2025-02-18\n---\nBody.\n",
	});
	assert.equal([digest.site.title, digest.articles.length], ["Topic Digest", 1]);
	const notes = digest.warnings.filter((warning) => warning.kind === "engine-setting");
	assert.equal(
		notes.map((warning) => warning.path),
		["hugo.toml"],
	);
	assert.match(notes[0]?.message ?? "", /^hugo\.toml could not be read/);
});

test.run();
