/** The parts of `fetch` that decide about one item: filters, topics, language, dates. */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { feedEntrySchema, passesFilters } from "../../src/feeds/config.ts";
import { feedDate, itemMarkdown, TopicFinder } from "../../src/feeds/fetch.ts";
import { detectLanguage } from "../../src/content/language.ts";

const feed = (fields: Record<string, unknown>) => feedEntrySchema.parse({ url: "https://example.org/rss", ...fields });

test("a filter word matches whole words in any case and any script, never part of a longer word", () => {
	const war = feed({ include: ["war"] });
	assert.ok(passesFilters(war, "The War in the east").pass);
	assert.not.ok(passesFilters(war, "Talks in Warsaw").pass);
	const ukrainian = feed({ include: ["Київ"] });
	assert.ok(passesFilters(ukrainian, "Новини: київ сьогодні").pass);
	assert.not.ok(passesFilters(ukrainian, "Київщина").pass);
	assert.ok(passesFilters(feed({ include: ["grain corridor"] }), "the Grain\ncorridor reopens").pass);
});

test("a /pattern/ is a regular expression with its flags, and exclude wins over include", () => {
	const monitors = feed({ include: ["/monitor(s|ing)/i"], exclude: ["football"] });
	assert.ok(passesFilters(monitors, "MONITORING teams").pass);
	assert.not.ok(passesFilters(monitors, "A monitor").pass);
	assert.equal(passesFilters(monitors, "Monitoring the football final"), { pass: false, reason: 'has "football" (exclude)' });
	assert.ok(passesFilters(feed({}), "anything").pass, "no filters keep everything");
});

test("topics are found by the registry's titles and aliases as whole words, in registry order", () => {
	const finder = new TopicFinder({
		"peace-talks": { title: "Peace talks", aliases: ["Переговоры"] },
		"black-sea-grain": { title: "Black Sea grain", aliases: ["grain corridor"] },
		ceasefire: { title: "Ceasefire", aliases: [] },
	});
	assert.equal(finder.find("переговоры о зерновом коридоре"), ["peace-talks"]);
	assert.equal(finder.find("Ceasefire holds as the grain corridor reopens"), ["black-sea-grain", "ceasefire"]);
	assert.equal(finder.find("Ceasefires elsewhere"), []);
});

test("fetch detects an item's language as the build does: Ukrainian and Russian by their own letters, other text by trigrams", () => {
	assert.is(detectLanguage("Переговори щодо обміну полоненими відновилися"), "uk");
	assert.is(detectLanguage("Переговоры о зерновом коридоре продолжатся в Стамбуле"), "ru");
	assert.is(detectLanguage("Passenger trains run again on the line after the bridge was repaired"), "en");
	assert.is(detectLanguage("Kyiv"), undefined, "too short to tell");
});

test("feed dates are read in the site's zone, zone names included, whatever the machine's TZ", () => {
	const iso = (raw: string) => {
		const read = feedDate(raw, "Europe/Kyiv");
		return (read.ok ? read.value.toISO() : read.message) ?? "";
	};
	assert.is(iso("Wed, 05 Mar 2025 11:00:00 MSK"), "2025-03-05T10:00:00.000+02:00");
	assert.is(iso("Wed, 5 Mar 2025 11:00:00 UT"), "2025-03-05T13:00:00.000+02:00");
	assert.is(iso("2025-03-05T07:30:00Z"), "2025-03-05T09:30:00.000+02:00");
	assert.is(iso("2025-03-05T07:30:00"), "2025-03-05T07:30:00.000+02:00");
	assert.match(iso("Wed, 05 Mar 2025 11:00:00 XYZ"), "can't be parsed");
});

test("an item's HTML becomes Markdown with absolute links, nothing executable and no counting pixel", () => {
	const markdown = itemMarkdown(
		'<p onclick="x()">Hello <a href="../about">about</a> <a href="javascript:alert(1)">bad</a><script>alert(2)</script></p><img src="i.png" onerror="x()"><img src="https://stats.example/pixel.gif" width="1" height="1">',
		"https://news.example/world/story",
	);
	assert.is(markdown, "Hello [about](https://news.example/about) bad\n\n![](https://news.example/world/i.png)");
});

test.run();
