/** The stems search indexes and queries by (src/search/word-forms.ts), word by word. */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { excerptFor, indexedForms, russianStem, searchTerms, sharedStem, stemEnd, ukrainianStem } from "../../src/search/word-forms.ts";

const same = (stem: (word: string) => string, words: string[]) => {
	const stems = new Set(words.map(stem));
	assert.is(stems.size, 1, `${words.join(", ")} → ${[...stems].join(", ")}`);
};
const differ = (stem: (word: string) => string, a: string, b: string) => assert.is.not(stem(a), stem(b), `${a} and ${b}`);

test("Russian forms share a Snowball stem, ё read as е, and a stem too short to keep falls back (Киев, not ки)", () => {
	same(russianStem, ["Украина", "Украине", "Украину", "Украины"]);
	same(russianStem, ["новый", "новой", "новую", "нового"]);
	same(russianStem, ["Киев", "Киеве", "Киева"]);
	same(russianStem, ["ещё", "еще"]);
	differ(russianStem, "новый", "новости");
});

test("Ukrainian forms share a stem, across the vowel Ukrainian alternates in a closed syllable", () => {
	same(ukrainianStem, ["Київ", "Києва", "Києві", "Києвом"]);
	same(ukrainianStem, ["Львів", "Львова", "Львові"]);
	same(ukrainianStem, ["вразливість", "вразливості"]);
	same(ukrainianStem, ["конференція", "конференції", "конференцію"]);
	same(ukrainianStem, ["помилка", "помилки", "помилку"]);
	same(ukrainianStem, ["переговори", "переговорів", "переговорах"]);
	differ(ukrainianStem, "новий", "новини");
});

test("the shared stem meets words either language writes alike", () => {
	same(sharedStem, ["переговори", "переговорів", "переговоры", "переговоров"]);
	same(sharedStem, ["Москва", "Москве", "Москві"]);
});

test("a query's Cyrillic words become stems ending in ъъ, by the letters they have; other words stay", () => {
	assert.is(searchTerms("Києві talks"), `${ukrainianStem("Києві")}${stemEnd} talks`);
	assert.is(searchTerms("новый"), `${russianStem("новый")}${stemEnd}`);
	assert.is(searchTerms("Москва"), `${sharedStem("Москва")}${stemEnd}`);
	assert.is(searchTerms("Riyadh"), "Riyadh");
});

test("the indexed forms start with the ending alone and hold the stems of the article's language", () => {
	const russian = indexedForms("Переговоры в Москве", "ru").split(" ");
	assert.is(russian[0], stemEnd);
	assert.ok(russian.includes(`${russianStem("Переговоры")}${stemEnd}`));
	assert.ok(russian.includes(`${sharedStem("Москве")}${stemEnd}`));
	assert.not.ok(russian.includes(`${ukrainianStem("Москве")}${stemEnd}`), "a Russian article has no Ukrainian stems");
	assert.is(indexedForms("Talks in Riyadh", "en"), "", "no Cyrillic word, nothing to add");
});

test("an excerpt marks the forms of the query in the article's own words and never shows the stems", () => {
	const content = `Выборы в Украине перенесли. Депутаты обсуждали Украину. ${indexedForms("Выборы в Украине перенесли", "ru")}.`;
	const excerpt = excerptFor(content, "Украина", 30);
	assert.is(excerpt, "Выборы в <mark>Украине</mark> перенесли. Депутаты обсуждали <mark>Украину.</mark>");
	assert.is(excerptFor("Tom &amp; <b>", "Tom", 5), "<mark>Tom</mark> &amp;amp; &lt;b&gt;", "escaped");
});

test.run();
