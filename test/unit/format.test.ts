/** The teaser every list, description and search result shows: short text as written, long text cut where a reader expects. */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { teaser, teaserLength } from "../../layouts/components/format.ts";

test("a summary within the limit is shown as written", () => {
	const text = "Talks resumed in Riyadh. Both delegations met for six hours.";
	assert.is(teaser(text), text);
	assert.is(teaser("x".repeat(teaserLength)), "x".repeat(teaserLength));
});

test("a long summary ends at its last whole sentence within the limit", () => {
	const first = "Delegations from both countries met in Riyadh for the first talks in three years, with mediators present.";
	const second = "They agreed to meet again within a month and to set up working groups on shipping, prisoners and embassies.";
	const cut = teaser(`${first} ${second}`);
	assert.is(cut, first);
	assert.ok(cut.length <= teaserLength);
});

test("a long first sentence is cut at a word and marked with an ellipsis", () => {
	const words = Array.from({ length: 60 }, (_, i) => `word${i}`).join(" ");
	const cut = teaser(`${words}.`);
	assert.ok(cut.length <= teaserLength, `${cut.length} characters`);
	assert.ok(cut.endsWith("…"));
	assert.ok(words.startsWith(cut.slice(0, -1)), "a prefix of the text");
	assert.match(cut, /word\d+…$/, "ends on a whole word");
});

test("a long word with no space is cut to the limit with the ellipsis inside it", () => {
	const cut = teaser("ж".repeat(500));
	assert.is(cut.length, teaserLength);
	assert.ok(cut.endsWith("…"));
});

test.run();
