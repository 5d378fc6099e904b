/**
 * One search box for English, Russian and Ukrainian, in real Chromium: the mixed fixture (no language
 * field anywhere) built and served, searched from an English page's header, from the search page with
 * the language filter, and from the output folder opened from disk.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { buildSite } from "../../src/commands/build.ts";
import { projectRoot } from "../../src/paths.ts";
import { tempDir, writeArticles } from "../support/fixtures.ts";
import * as behaviours from "./search-behaviours.ts";

let bench: behaviours.SearchBench;

test.before(async () => {
	const folder = path.join(projectRoot, "test", "fixtures", "languages", "mixed");
	const files: Record<string, string> = {};
	for (const name of await readdir(folder)) files[name] = await readFile(path.join(folder, name), "utf8");
	const outputDir = path.join(await tempDir("search-languages-"), "_site");
	await buildSite({ articlesDir: await writeArticles(files), outputDir, pathPrefix: "/repo/" });
	bench = await behaviours.openSearchBench(outputDir, {
		word: "Kyiv",
		expected: { query: "Києві", title: "У Києві відбувся форум", path: "" },
	});
});

test.after(() => bench?.close());

/** The slugs of the results shown (the fixture names them `ru-…`, `uk-…`, `en-…`); from disk links end in index.html. */
const shownSlugs = async (page: Parameters<typeof behaviours.shownResults>[0]): Promise<string[]> =>
	(await behaviours.shownResults(page))
		.map(
			(result) =>
				result.href
					.replace(/index\.html$/, "")
					.split("/")
					.filter(Boolean)
					.at(-1) ?? "",
		)
		.sort();

test("from an English page's header, a Ukrainian word form finds Ukrainian, Russian and English articles", async () => {
	const page = await bench.browser.newPage();
	try {
		await page.goto(`${bench.site.url}articles/2025/03/03/en-kyiv-talks/`);
		assert.is(await page.evaluate(() => document.documentElement.lang), "en");
		await page.locator("#site-search").fill("Києві");
		await page.locator("#site-search").press("Enter");
		await page.waitForURL(/\/search\/\?q=/);
		await behaviours.searchShown(page);
		const slugs = await shownSlugs(page);
		for (const slug of ["uk-kyiv-most", "uk-kyieva-metro", "uk-kyievi-forum", "ru-kiev-most", "en-kyiv-talks"])
			assert.ok(slugs.includes(slug), slug);
		const results = await behaviours.shownResults(page);
		const forum = results.find((result) => result.href.includes("uk-kyievi-forum"));
		assert.ok(forum?.marks.includes("Києві"), "the matched form is marked in the article's own words");
		assert.not.ok(
			results.some((result) => /ъъ/.test(result.excerpt)),
			"the hidden stems are never shown",
		);
	} finally {
		await page.close();
	}
});

test("Москва finds the Russian, Ukrainian and English articles on Moscow and not «1М»; the language filter narrows", async () => {
	const page = await bench.browser.newPage();
	try {
		await page.goto(`${bench.site.url}search/?q=${encodeURIComponent("Москва")}`);
		const first = await behaviours.searchShown(page);
		assert.equal(await shownSlugs(page), ["en-moscow-sanctions", "ru-moskva-metro", "ru-moskva-peregovory", "uk-moskva-zayava"]);
		const languages = await page.$$eval(".search-result", (items) =>
			items.map((item) => [item.querySelector("a")?.getAttribute("href")?.split("/").filter(Boolean).at(-1), item.getAttribute("lang")]),
		);
		for (const [slug, lang] of languages)
			assert.is(lang, slug?.startsWith("en-") ? null : slug?.slice(0, 2), `${slug}: its language, when not the page's`);
		const russian = page.locator('[data-facet="language"] label', { hasText: "Русский" }).locator("input");
		await russian.check();
		await behaviours.searchShown(page, first);
		assert.equal(await shownSlugs(page), ["ru-moskva-metro", "ru-moskva-peregovory"]);
		assert.match(page.url(), /language=%D0%A0%D1%83%D1%81%D1%81%D0%BA%D0%B8%D0%B9/);
	} finally {
		await page.close();
	}
});

test("opened from disk (file://), a Russian form finds every Russian article with any form of it", async () => {
	const page = await bench.browser.newPage();
	try {
		const searchPage = pathToFileURL(path.join(bench.site.outputDir, "search", "index.html"));
		await page.goto(`${searchPage.href}?q=${encodeURIComponent("Украину")}`);
		await behaviours.searchShown(page);
		assert.equal(await shownSlugs(page), ["ru-ukraina-gaz", "ru-ukraine-vybory", "ru-ukrainu-pomosh", "ru-ukrainy-eksport"]);
	} finally {
		await page.close();
	}
});

test("a Russian site's search page speaks Russian: its labels, its count of results, its dates, its offline control", async () => {
	const outputDir = path.join(await tempDir("search-russian-"), "_site");
	const files: Record<string, string> = { "site.yaml": "title: Дайджест\nlanguage: ru\n" };
	for (const [day, title] of [
		["14", "Переговоры в Москве завершились"],
		["15", "Москва открыла новую станцию метро"],
	])
		files[`2025-02-${day}-a${day}.md`] =
			`---\ntitle: ${title}\ndate: 2025-02-${day}\ntopics: [город]\n---\n${title}. В Москве об этом сообщили.\n`;
	await buildSite({ articlesDir: await writeArticles(files), outputDir });
	const served = await behaviours.openSearchBench(outputDir, { word: "Москва", expected: { query: "Москва", title: "", path: "" } });
	try {
		const page = await served.browser.newPage();
		// What the page shows first, in its own order: the first results, or the offline copy being saved.
		await page.addInitScript(() => {
			const seen: string[] = [];
			(window as unknown as { shownInOrder: string[] }).shownInOrder = seen;
			new MutationObserver((changes) => {
				for (const change of changes) {
					const element = change.target as HTMLElement;
					if (change.attributeName === "data-searches-shown") seen.push("results");
					if (change.attributeName === "data-offline-state") seen.push(element.dataset.offlineState ?? "");
				}
			}).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-searches-shown", "data-offline-state"] });
		});
		await page.goto(`${served.site.url}search/?q=${encodeURIComponent("Москве")}`);
		await behaviours.searchShown(page);
		assert.is(await page.locator("h1").textContent(), "Поиск по дайджесту");
		assert.is(await page.locator("[data-search-status]").textContent(), "2 статьи по запросу «Москве»");
		assert.is(await page.locator('[data-facet="topic"] legend').textContent(), "Тема");
		assert.match((await behaviours.shownResults(page))[0]?.excerpt ?? "", /Москв/);
		assert.match((await page.locator(".search-result time").first().textContent()) ?? "", /^1[45] февраля 2025/);
		// The offline control too: a small index is saved by itself after the first search, and the line that
		// says so is the page's language's, its date too.
		await page.waitForSelector("html[data-offline-ready]", { timeout: 60_000 });
		assert.is(await behaviours.offlineState(page), "saved");
		assert.match((await page.locator("[data-offline-status]").textContent()) ?? "", /^Доступно без сети · обновлено 15 февраля 2025/);
		assert.is((await page.locator("[data-offline-remove]").textContent())?.trim(), "Удалить сохранённую копию");
		// Saved once the first results were on screen, not while they loaded through the same worker.
		const order = await page.evaluate(() => (window as unknown as { shownInOrder: string[] }).shownInOrder);
		assert.ok(order.indexOf("results") >= 0 && order.indexOf("results") < order.indexOf("saving"), order.join(", "));
	} finally {
		await served.close();
	}
});

test.run();
