/** The interface's counted words, days and index letters in the page's language (layouts/i18n.ts, periods.ts). */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { initialOf } from "../../layouts/components/TopicsIndexView.tsx";
import { longDay, monthAbbreviation, shortDay } from "../../layouts/components/periods.ts";
import { countOf, t } from "../../layouts/i18n.ts";

test("a count takes the form of the noun its language's plural rules ask for", () => {
	assert.equal(
		[1, 2, 5, 11, 21, 22, 25, 101].map((n) => countOf("ru", "article", n)),
		["1 статья", "2 статьи", "5 статей", "11 статей", "21 статья", "22 статьи", "25 статей", "101 статья"],
	);
	assert.equal(
		[1, 3, 5, 21].map((n) => countOf("uk", "month", n)),
		["1 місяць", "3 місяці", "5 місяців", "21 місяць"],
	);
	assert.equal(
		[1, 2].map((n) => countOf("en", "person", n)),
		["1 person", "2 people"],
	);
	assert.is(countOf("en", "article", 10002), "10,002 articles");
	assert.is(countOf("ru-RU", "topic", 3), "3 темы", "by the primary subtag");
	assert.is(countOf("de", "article", 2), "2 articles", "English for a language without words here");
});

test("interface words fill every placeholder they name, and leave others alone", () => {
	assert.is(t("ru", "pageOf", { what: "Статьи", n: 2, of: 7 }), "Статьи (страница 2 из 7)");
	assert.is(t("en", "dateRange", { from: "1 Feb 2025", to: "3 Mar 2025" }), "1 Feb 2025 to 3 Mar 2025");
	assert.is(t("uk", "titleOnPage", { title: "Дипломатія" }), "Дипломатія, сторінка {n}");
});

test("days and month labels are written in the page's language, the same whatever the machine's zone", () => {
	assert.is(longDay("2025-02-18"), "Tuesday 18 February 2025");
	assert.is(longDay("2025-02-18", "ru"), "Вторник 18 февраля 2025");
	assert.is(longDay("2025-02-18", "uk"), "Вівторок 18 лютого 2025");
	assert.is(shortDay("2025-02-18"), "18 Feb 2025");
	assert.is(shortDay("2025-02-18", "ru"), "18 февр. 2025");
	assert.is(shortDay("2025-03-03", "ru"), "3 мар. 2025", "the month as written in a date");
	assert.is(monthAbbreviation(2025, 2), "Feb");
	assert.match(monthAbbreviation(2025, 2, "uk"), /^лют/);
});

test("an index files a Latin title under its letter without accents and a Cyrillic one under its own letter", () => {
	assert.equal(["Élysée talks", "über", "Дипломатия", "йогурт", "Ґрунт", "«Санкции»", "2025 talks"].map(initialOf), [
		"E",
		"U",
		"Д",
		"Й",
		"Ґ",
		"С",
		"#",
	]);
});

test.run();
