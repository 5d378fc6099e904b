/** What the bench searches a corpus it was given for (src/bench/corpus-queries.ts). */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { queriesFor } from "../../src/bench/corpus-queries.ts";

const article = (title: string, summary = "", html = "") => ({ title, summary, html });
const defaults = ["ceasefire", "embassy sanctions"] as const;

test("a corpus that holds the default queries is searched for them", () => {
	const articles = [article("Talks in Riyadh", "", "<p>The ceasefire holds.</p>"), article("Embassy reopens", "New sanctions announced.")];
	assert.equal(queriesFor(articles, defaults), ["ceasefire", "embassy sanctions"]);
});

test("a corpus without it is searched for its commonest headline word, then one never found with that", () => {
	const articles = [
		article("Переговоры в Эр-Рияде продолжаются", "Делегации встретились."),
		article("Переговоры о перемирии", "Стороны обсуждают перемирие."),
		article("Переговоры отложены"),
		article("Санкции продлены", "Евросоюз продлил санкции."),
		article("Санкции и экспорт"),
	];
	assert.equal(queriesFor(articles, defaults), ["переговоры", "санкции"]);
});

test("the next query skips a word that only appears beside the first", () => {
	const articles = [
		article("Grain treaty talks", "", "<p>Grain exports resume.</p>"),
		article("Grain treaty signed"),
		article("Grain prices fall"),
		article("Drone strikes overnight"),
	];
	// "treaty" is the second commonest headline word, but always beside "grain"; "drone" never is.
	assert.equal(queriesFor(articles, defaults), ["grain", "drone"]);
});

test("a corpus that holds the first default query but not the next keeps the first and picks the next", () => {
	const articles = [
		article("Ceasefire talks resume", "", "<p>The ceasefire holds.</p>"),
		article("Ceasefire extended"),
		article("Harvest begins early"),
		article("Harvest prices rise"),
	];
	assert.equal(queriesFor(articles, defaults), ["ceasefire", "harvest"]);
});

test("ties go to the alphabetically first word, so the same corpus gets the same queries", () => {
	const articles = [article("Zebra crossing"), article("Apple harvest")];
	assert.equal(queriesFor(articles, defaults), queriesFor([...articles].reverse(), defaults));
	assert.equal(queriesFor(articles, defaults)[0], "apple");
});

test.run();
