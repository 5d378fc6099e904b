/**
 * Articles in English, Russian and Ukrainian in one digest, from real builds: each page declares its
 * article's language, translations are separate pages linked both ways, and one search (the built
 * Pagefind bundle, through the terminal search) finds every word form in every language.
 */
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseHTML } from "linkedom";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { loadDigest } from "../../src/content/load.ts";
import { ContentError } from "../../src/content/problems.ts";
import { detectLanguage } from "../../src/content/language.ts";
import { searchBuiltSite } from "../../src/search/terminal.ts";
import { projectRoot } from "../../src/paths.ts";
import { importArticle } from "../../src/authoring/import.ts";
import { articleText, buildFixture, listedItem, readPage, texts, writeArticles } from "../support/fixtures.ts";
import { runScript } from "../support/run-script.ts";

const mixedFolder = path.join(projectRoot, "test", "fixtures", "languages", "mixed");

/** The mixed fixture: English, Russian and Ukrainian news items, no `lang` anywhere, no site language. */
async function mixedFiles(): Promise<Record<string, string>> {
	const files: Record<string, string> = {};
	for (const name of await readdir(mixedFolder)) files[name] = await readFile(path.join(mixedFolder, name), "utf8");
	return files;
}

let site: Awaited<ReturnType<typeof buildFixture>>;

test.before(async () => {
	site = await buildFixture(await mixedFiles());
});

/** The slugs (the fixture names them `ru-…`, `uk-…`, `en-…`) of what a search finds, sorted. */
async function found(query: string, filters: Record<string, string[]> = {}): Promise<string[]> {
	const answer = await searchBuiltSite({ outputDir: site.outputDir, query, limit: 100, filters });
	return answer.results.map((result) => result.url.split("/").filter(Boolean).at(-1) ?? "").sort();
}

test("a folder without any language field: every article page declares the language its text is in", async () => {
	const names = (await readdir(mixedFolder)).filter((name) => name.endsWith(".md"));
	assert.ok(names.length >= 20);
	for (const name of names) {
		const slug = name.replace(/^\d{4}-\d{2}-\d{2}-/, "").replace(/\.md$/, "");
		const day = name.slice(0, 10).split("-");
		const page = await readPage(site.outputDir, `/articles/${day.join("/")}/${slug}/`);
		const expected = slug.slice(0, 2);
		assert.is(page.documentElement.getAttribute("lang"), expected, `${name}: <html lang>`);
		const data = JSON.parse(page.querySelector('script[type="application/ld+json"]')?.textContent ?? "{}");
		assert.is(data.inLanguage, expected, `${name}: JSON-LD inLanguage`);
	}
});

test("dates are written in the article's language, and the site feed marks entries in other languages", async () => {
	const russian = await readPage(site.outputDir, "/articles/2025/02/14/ru-moskva-peregovory/");
	assert.is(russian.querySelector("article > header time")?.textContent, "14 февраля 2025");
	const ukrainian = await readPage(site.outputDir, "/articles/2025/02/21/uk-kyiv-most/");
	assert.is(ukrainian.querySelector("article > header time")?.textContent, "21 лютого 2025");
	const english = await readPage(site.outputDir, "/articles/2025/03/03/en-kyiv-talks/");
	assert.is(english.querySelector("article > header time")?.textContent, "3 March 2025");
	const feed = await readFile(path.join(site.outputDir, "feed.xml"), "utf8");
	assert.match(feed, /<feed [^>]*xml:lang="en"/);
	assert.match(feed, /<entry xml:lang="uk"><title>Київ відкрив новий міст<\/title>/);
	assert.match(feed, /<entry xml:lang="ru"><title>Переговоры в Москве завершились<\/title>/);
	assert.match(feed, /<entry><title>Talks resume in Kyiv<\/title>/);
});

test("Russian word forms find each other: Украина, Украине, Украину, Украины", async () => {
	const articles = ["ru-ukraina-gaz", "ru-ukraine-vybory", "ru-ukrainu-pomosh", "ru-ukrainy-eksport"];
	for (const form of ["Украина", "Украине", "Украину", "Украины"]) assert.equal(await found(form), articles, form);
});

test("Москва finds every article naming Москва or Москве, in either language, and not «1М»", async () => {
	const articles = ["en-moscow-sanctions", "ru-moskva-metro", "ru-moskva-peregovory", "uk-moskva-zayava"];
	for (const form of ["Москва", "Москве", "Москві", "Moscow"]) assert.equal(await found(form), articles, form);
	assert.not.ok((await found("Москва")).includes("ru-vypusk"), "the item about 1М roubles");
});

test("новый and новой find each other (Pagefind's й folding split them), and not новости", async () => {
	const forms = await found("новый");
	assert.equal(await found("новой"), forms);
	for (const slug of ["ru-novyi-zakon", "ru-novoi-sisteme", "ru-moskva-metro", "ru-ukrainu-pomosh", "ru-ukraina-gaz"])
		assert.ok(forms.includes(slug), slug);
	assert.not.ok(forms.includes("ru-novosti-dnya"), "новости is another word");
	assert.equal(await found("новости"), ["ru-novosti-dnya"]);
});

test("Ukrainian word forms find each other: Київ, Києва, Києві; помилка, помилки, помилку; вразливість, вразливості", async () => {
	const kyiv = await found("Київ");
	for (const slug of ["uk-kyiv-most", "uk-kyieva-metro", "uk-kyievi-forum"]) assert.ok(kyiv.includes(slug), slug);
	for (const form of ["Києва", "Києві", "Києвом"]) assert.equal(await found(form), kyiv, form);
	for (const form of ["помилка", "помилки", "помилку"]) assert.equal(await found(form), ["uk-pomylka-banku", "uk-pomylky-sajtu"], form);
	for (const form of ["вразливість", "вразливості"]) assert.equal(await found(form), ["uk-vrazlyvist", "uk-vrazlyvosti"], form);
});

test("a place is found by any of its spellings, in any script: Kyiv, Kiev, Київ, Киев", async () => {
	for (const spelling of ["Kyiv", "Kiev", "Київ", "Киев"]) {
		const answer = await found(spelling);
		for (const slug of ["en-kyiv-talks", "ru-kiev-most", "uk-kyiv-most"]) assert.ok(answer.includes(slug), `${spelling}: ${slug}`);
	}
	const place = await readPage(site.outputDir, "/places/kyiv/");
	const listed = [...place.querySelectorAll("main a")].map((link) => link.getAttribute("href") ?? "");
	for (const slug of ["en-kyiv-talks", "ru-kiev-most", "uk-kyiv-most"])
		assert.ok(
			listed.some((href) => href.includes(slug)),
			slug,
		);
});

test("place, topic and timeline pages list every language's articles, each marked when not in the page's language", async () => {
	for (const sitePath of ["/places/kyiv/", "/topics/city/", "/timeline/2025/02/"]) {
		const page = await readPage(site.outputDir, sitePath);
		assert.is(page.documentElement.getAttribute("lang"), "en", sitePath);
		const items = [...page.querySelectorAll(listedItem)];
		const marks = Object.fromEntries(
			items.map((item) => [
				item.querySelector("h2 a, h3 a")?.getAttribute("href")?.split("/").filter(Boolean).at(-1) ?? "",
				item.querySelector(".article-lang")?.textContent ?? "",
			]),
		);
		const slugs = Object.keys(marks);
		assert.ok(slugs.some((slug) => slug.startsWith("ru-")) && slugs.some((slug) => slug.startsWith("uk-")), sitePath);
		for (const [slug, mark] of Object.entries(marks))
			assert.is(mark, { ru: "Русский", uk: "Українська", en: "" }[slug.slice(0, 2)], `${sitePath} ${slug}`);
	}
});

test("the excerpt shows the article's words with the matched forms marked, never the hidden stems", async () => {
	const answer = await searchBuiltSite({ outputDir: site.outputDir, query: "Украину", limit: 10 });
	const excerpt = answer.results.find((result) => result.url.includes("ru-ukrainu-pomosh"))?.excerpt ?? "";
	assert.match(excerpt, /«Украину»/);
	assert.not.match(excerpt, /ъъ/);
	// An article found only by a name's spelling (Kyiv for Києві) shows its own words, not the spellings.
	const byName = await searchBuiltSite({ outputDir: site.outputDir, query: "Києві", limit: 10 });
	assert.ok(byName.results.some((result) => result.url.includes("en-kyiv-talks")));
	for (const result of byName.results) assert.not.match(result.excerpt, /ъъ|Kiev/, result.url);
});

test("one search finds English, Russian and Ukrainian articles, and the language filter narrows it", async () => {
	const all = await found("Kyiv");
	assert.ok(
		all.some((slug) => slug.startsWith("en-")) && all.some((slug) => slug.startsWith("ru-")) && all.some((slug) => slug.startsWith("uk-")),
	);
	assert.equal(
		(await found("Kyiv", { language: ["Українська"] })).map((slug) => slug.slice(0, 3)),
		all.filter((slug) => slug.startsWith("uk-")).map((slug) => slug.slice(0, 3)),
	);
});

test("npm run search takes a language by its tag, and finds Ukrainian forms from the terminal", async () => {
	const answer = await runScript("search.ts", ["Києві", "--language", "uk", "--output", site.outputDir]);
	assert.is(answer.code, 0, answer.stderr);
	const paths = answer.stdout.match(/\/articles\/\S+/g) ?? [];
	assert.equal(paths.map((found) => found.split("/").filter(Boolean).at(-1)).sort(), [
		"uk-kyieva-metro",
		"uk-kyievi-forum",
		"uk-kyiv-most",
	]);
	const listed = await runScript("search.ts", ["--list", "--output", site.outputDir]);
	assert.match(listed.stdout, /Language:\n(\s+\S+ \(\d+\)\n){3}/);
});

test("translations: name.LANG.md files are separate pages at distinct URLs, linked both ways, one story", async () => {
	const body = (text: string) => ({ title: text, date: "2025-02-18", topics: ["diplomacy"], body: text });
	const built = await buildFixture({
		"riyadh.md": articleText(body("Talks in Riyadh ended without a statement.")),
		"riyadh.ru.md": articleText(body("Переговоры в Эр-Рияде завершились без заявления.")),
		"riyadh.uk.md": articleText(body("Переговори в Ер-Ріяді завершилися без заяви.")),
	});
	const urls = { en: "/articles/2025/02/18/riyadh/", ru: "/ru/articles/2025/02/18/riyadh/", uk: "/uk/articles/2025/02/18/riyadh/" };
	for (const [lang, url] of Object.entries(urls)) {
		const page = await readPage(built.outputDir, url);
		assert.is(page.documentElement.getAttribute("lang"), lang, url);
		const alternates = Object.fromEntries(
			[...page.querySelectorAll('link[rel="alternate"][hreflang]')].map((link) => [
				link.getAttribute("hreflang"),
				link.getAttribute("href"),
			]),
		);
		assert.equal(alternates, urls, `${url}: hreflang links to every language, itself included`);
		const alsoIn = page.querySelector(".also-in");
		const others = Object.entries(urls).filter(([other]) => other !== lang);
		assert.equal(
			[...(alsoIn?.querySelectorAll("a") ?? [])].map((link) => link.getAttribute("href")),
			others.map(([, other]) => other),
		);
	}
	const english = await readPage(built.outputDir, urls.en);
	assert.match(english.querySelector(".also-in")?.textContent ?? "", /Русский, Українська/);
	const digest = await loadDigest(built.articlesDir);
	assert.is(new Set(digest.articles.map((article) => article.story)).size, 1, "one story");
});

test("translations at different URLs: articles sharing Hugo's translationKey link each other and keep their URLs", async () => {
	const built = await buildFixture({
		"talks.md": articleText({
			title: "Talks in Riyadh",
			date: "2025-02-18",
			topics: ["x"],
			extra: "translationKey: riyadh",
			body: "Talks ended.",
		}),
		"peregovory.md": articleText({
			title: "Переговоры в Эр-Рияде",
			date: "2025-02-18",
			topics: ["x"],
			extra: "translationKey: riyadh\nlang: ru",
			body: "Переговоры завершились.",
		}),
	});
	const english = await readPage(built.outputDir, "/articles/2025/02/18/talks/");
	const russian = await readPage(built.outputDir, "/articles/2025/02/18/peregovory/");
	assert.is(english.querySelector('link[hreflang="ru"]')?.getAttribute("href"), "/articles/2025/02/18/peregovory/");
	assert.is(russian.querySelector('link[hreflang="en"]')?.getAttribute("href"), "/articles/2025/02/18/talks/");
	assert.is(russian.querySelector(".also-in a")?.textContent, "English");
	assert.match(russian.querySelector(".also-in")?.textContent ?? "", /^Также на:/);
});

test("lang, language and locale set the language; a tag that is none is reported at its line", async () => {
	const dir = await writeArticles({
		"a.md": articleText({ title: "A", date: "2025-01-01", topics: ["x"], extra: "locale: ru_RU", body: "Text." }),
		"b.md": articleText({ title: "B", date: "2025-01-02", topics: ["x"], extra: "language: uk", body: "Text." }),
		"c.md": articleText({ title: "C", date: "2025-01-03", topics: ["x"], body: "Text that says nothing much at all in English." }),
		"site.yaml": "language: de\n",
	});
	const digest = await loadDigest(dir, { cache: false });
	const langOf = (file: string) => digest.articles.find((article) => article.file === file)?.lang;
	assert.is(langOf("a.md"), "ru-RU");
	assert.is(langOf("b.md"), "uk");
	assert.is(langOf("c.md"), "de", "the site's language wins over detection");
	const bad = await writeArticles({
		"d.md": articleText({ title: "D", date: "2025-01-01", topics: ["x"], extra: "lang: 12 34", body: "x" }),
	});
	try {
		await loadDigest(bad, { cache: false, displayPath: (absolute) => path.basename(absolute) });
		assert.unreachable("an invalid language tag must fail the load");
	} catch (error) {
		if (!(error instanceof ContentError)) throw error;
		assert.is(error.problems[0]?.path, "d.md");
		assert.is(error.problems[0]?.field, "lang");
		assert.ok((error.problems[0]?.line ?? 0) > 1, "the line of the lang key");
	}
});

test("detection tells Ukrainian from Russian by their own letters, and leaves very short text undecided", () => {
	assert.is(detectLanguage("Переговори в Києві тривали до вечора, повідомила речниця."), "uk");
	assert.is(detectLanguage("Переговоры в Москве продолжались до вечера, сообщила пресс-служба."), "ru");
	assert.is(detectLanguage("Talks in Riyadh continued until the evening, a spokeswoman said."), "en");
	assert.is(detectLanguage("Київ"), undefined);
});

test("an article page's interface speaks the article's language; other pages the site's", async () => {
	const words = async (sitePath: string) => {
		const page = await readPage(site.outputDir, sitePath);
		return {
			nav: [...page.querySelectorAll("body > header nav a")].map((link) => link.textContent),
			reading: page.querySelector("article > header > .meta")?.textContent?.split(" · ").at(-1),
			search: page.querySelector("body > header form button")?.textContent,
			crumbs: [...page.querySelectorAll(".breadcrumbs li")].slice(0, 4).map((item) => item.textContent),
		};
	};
	const russian = await words("/articles/2025/02/14/ru-moskva-peregovory/");
	assert.equal(russian.nav, ["Главная", "Темы", "Места", "Хронология", "Поиск"]);
	assert.is(russian.reading, "1 мин чтения");
	assert.equal(russian.crumbs, ["Главная", "Хронология", "2025", "Февраль 2025"]);
	const ukrainian = await words("/articles/2025/02/21/uk-kyiv-most/");
	assert.equal(ukrainian.nav, ["Головна", "Теми", "Місця", "Хронологія", "Пошук"]);
	assert.is(ukrainian.reading, "1 хв читання");
	assert.is(ukrainian.search, "Пошук");
	const english = await words("/articles/2025/03/03/en-kyiv-talks/");
	assert.equal(english.nav, ["Home", "Topics", "Places", "Timeline", "Search"]);
	assert.is(english.reading, "1 min read");
	assert.equal((await words("/topics/city/")).nav, english.nav, "a topic page speaks the site's language");
	// Below a Ukrainian article, the related list marks only what is not Ukrainian, with Ukrainian dates.
	const related = [...(await readPage(site.outputDir, "/articles/2025/02/23/uk-kyievi-forum/")).querySelectorAll(".related-articles li")];
	assert.ok(related.length > 0);
	for (const item of related) {
		const slug = item.querySelector("a")?.getAttribute("href")?.split("/").filter(Boolean).at(-1) ?? "";
		const meta = item.querySelector("li > span")?.textContent ?? "";
		assert.is(item.querySelector(".article-lang")?.textContent ?? "", { ru: "Русский", uk: "", en: "English" }[slug.slice(0, 2)], slug);
		assert.match(meta, /^\d+ (січня|лютого|березня) 2025/, slug);
	}
});

/** Interface words of the English pages: none may show on a Russian site's pages outside what articles say. */
const englishInterface =
	/\b(Home|Topics?|Timeline|Articles?|Related|Latest|Most active|Page|Month|Order by|Atom feed|per month|Newer|Older|People|Person|Places?|Activity|From – to|min read|Skip to content|not found|sources?|Search offline|Make search|Remove offline)\b/;

test("a Russian site (site.yaml language: ru) declares ru on every page, and its interface is Russian", async () => {
	const built = await buildFixture({
		"site.yaml": "title: Дайджест\nlanguage: ru\n",
		"topics.yaml": "diplomatiya:\n  title: Дипломатия\nsanktsii:\n  title: Санкции\n",
		"a.md": articleText({ title: "Переговоры в Москве", date: "2025-02-14", topics: ["diplomatiya"], body: "Переговоры завершились." }),
		"b.md": articleText({ title: "Talks in Riyadh", date: "2025-02-15", topics: ["diplomatiya"], body: "Short." }),
		"c.md": articleText({
			title: "Новые санкции",
			date: "2025-03-03",
			topics: ["diplomatiya", "sanktsii"],
			body: "Министры договорились.",
		}),
	});
	const pages: string[] = [];
	const walk = async (dir: string): Promise<void> => {
		for (const entry of await readdir(dir, { withFileTypes: true })) {
			if (entry.isDirectory()) {
				if (!entry.name.startsWith("pagefind")) await walk(path.join(dir, entry.name));
			} else if (entry.name.endsWith(".html")) pages.push(path.relative(built.outputDir, path.join(dir, entry.name)));
		}
	};
	await walk(built.outputDir);
	assert.ok(pages.length > 10);
	for (const file of pages) {
		const html = await readFile(path.join(built.outputDir, file), "utf8");
		assert.match(html, /<html lang="ru"/, file);
		// What the interface says: the page's text and labels, without what the articles themselves say.
		const { document } = parseHTML(html);
		for (const element of document.querySelectorAll(
			"script, .article-body, .article-list li > :is(h2, h3), .related-list a, .article-sequence a",
		))
			element.remove();
		const labels = [...document.querySelectorAll("[aria-label], [title], [placeholder]")].flatMap((element) =>
			["aria-label", "title", "placeholder"].map((name) => element.getAttribute(name) ?? ""),
		);
		const said = [document.body.textContent ?? "", document.title, ...labels].join(" | ").replaceAll("Talks in Riyadh", "");
		assert.not.match(said, englishInterface, `${file}: ${englishInterface.exec(said)?.[0]}`);
	}
	const home = await readPage(built.outputDir, "/");
	assert.is(home.querySelector("body > header nav a")?.textContent, "Главная");
	// Counts agree with their number, days and months are Russian, and the index files by Cyrillic letters.
	const topic = await readPage(built.outputDir, "/topics/diplomatiya/");
	assert.match(topic.querySelector(".topic-header .meta")?.textContent ?? "", /^3 статьи, 14 февр\. 2025 — 3 мар\. 2025 · Лента Atom$/);
	assert.equal(texts(topic, ".breadcrumbs li"), ["Главная", "Темы", "Дипломатия"]);
	assert.equal(texts(topic, ".topic-activity .chart-axis-title"), ["Статьи", "Месяц"]);
	assert.equal(
		[...topic.querySelectorAll(".chart-bars a")].map((a) => a.getAttribute("aria-label")),
		["Февраль 2025: 2 статьи", "Март 2025: 1 статья"],
	);
	assert.equal(texts(await readPage(built.outputDir, "/topics/"), ".initials a"), ["Д", "С"]);
	assert.equal(texts(await readPage(built.outputDir, "/timeline/2025/02/"), ".timeline-day h2"), [
		"Пятница 14 февраля 2025",
		"Суббота 15 февраля 2025",
	]);
});

test("import writes the language it detects in the text, and new the site's or the one asked for", async () => {
	const dir = await writeArticles({ "site.yaml": "title: T\n" });
	const page = path.join(dir, "page.txt");
	await writeFile(
		page,
		"У Києві відкрили новий міст\n\nМіська рада повідомила, що пішохідний міст через Дніпро відкрили після ремонту.\n\nРух відновлено.\n",
	);
	const imported = await importArticle(page, { articlesDir: dir, date: "2025-02-21", topics: ["city"] });
	assert.match(await readFile(imported.file, "utf8"), /\nlang: uk\n/);
	assert.is(imported.article.lang, "uk");
	const asked = await runScript("new.ts", [
		"Переговоры в Москве",
		"--topics",
		"diplomacy",
		"--date",
		"2025-02-14",
		"--lang",
		"ru",
		"--articles",
		dir,
	]);
	assert.is(asked.code, 0, asked.stderr);
	assert.match(await readFile(path.resolve(asked.stdout.trim()), "utf8"), /\nlang: ru\n/);
	await writeFile(path.join(dir, "site.yaml"), "title: T\nlanguage: uk\n");
	const site = await runScript("new.ts", ["Talks", "--topics", "diplomacy", "--date", "2025-02-15", "--articles", dir]);
	assert.match(await readFile(path.resolve(site.stdout.trim()), "utf8"), /\nlang: uk\n/, "the site's language when it names one");
});

test.run();
