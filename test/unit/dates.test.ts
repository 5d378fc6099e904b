import { test } from "uvu";
import * as assert from "uvu/assert";
import { dateFromFileName, dateFromLocation, parseArticleDate } from "../../src/content/dates.ts";

const zones = ["UTC", "America/Los_Angeles", "Asia/Tokyo", "Pacific/Kiritimati", "Pacific/Pago_Pago"];

function iso(input: string, zone: string): string {
	const parsed = parseArticleDate(input, zone);
	if (!parsed.ok) throw new Error(parsed.message);
	return parsed.value.toISO() ?? "";
}

test("a plain date is midnight in the site's zone whatever TZ the machine has", () => {
	const original = process.env.TZ;
	try {
		for (const machineZone of zones) {
			process.env.TZ = machineZone;
			assert.is(iso("2025-02-18", "UTC"), "2025-02-18T00:00:00.000Z");
			assert.is(iso("2025-02-18", "Europe/Kyiv"), "2025-02-18T00:00:00.000+02:00");
		}
	} finally {
		process.env.TZ = original;
	}
});

test("a datetime with an offset is converted into the site's zone, which can change its day", () => {
	const parsed = parseArticleDate("2025-02-18T23:30:00-05:00", "UTC");
	assert.ok(parsed.ok);
	if (parsed.ok) {
		assert.is(parsed.value.toFormat("yyyy-MM-dd HH:mm"), "2025-02-19 04:30");
		assert.is(parsed.value.zoneName, "UTC");
	}
});

test("'YYYY-MM-DD HH:MM' is read in the site's zone", () => {
	assert.is(iso("2025-03-11 14:05", "Asia/Riyadh"), "2025-03-11T14:05:00.000+03:00");
	assert.is(iso("2025-03-11 14:05:09", "UTC"), "2025-03-11T14:05:09.000Z");
});

test("impossible and unparseable dates are refused with the text quoted", () => {
	for (const bad of ["2025-13-45", "2025-02-30", "yesterday", "", "2025-2-30", "Tue, 18 Feb 2025 25:00:00 +0000"]) {
		const parsed = parseArticleDate(bad, "UTC");
		assert.not.ok(parsed.ok, bad);
		if (!parsed.ok) assert.match(parsed.message, bad === "" ? /not a date/ : bad);
	}
});

test("a Jekyll file name gives its date", () => {
	assert.is(dateFromFileName("2025-02-18-riyadh-talks.md"), "2025-02-18");
	assert.is(dateFromFileName("2025-2-9-short.md"), "2025-2-9");
	assert.is(dateFromFileName("riyadh-talks.md"), undefined);
});

test("every form the engines write: unpadded, Jekyll's spaced offset, ISO with fractions, RFC 2822, TOML local times, Hexo slashes", () => {
	const cases: [string, string, string][] = [
		["2025-2-9", "UTC", "2025-02-09T00:00:00.000Z"],
		["2024-4-09", "UTC", "2024-04-09T00:00:00.000Z"],
		["2025-02-18 10:30", "Europe/Kyiv", "2025-02-18T10:30:00.000+02:00"],
		["2025-2-9 9:05", "UTC", "2025-02-09T09:05:00.000Z"],
		["2025-02-18 10:30:00 +0300", "UTC", "2025-02-18T07:30:00.000Z"],
		["2013-05-06 02:12:52 +0200", "UTC", "2013-05-06T00:12:52.000Z"],
		["2025-02-18 10:30:00 -05:00", "UTC", "2025-02-18T15:30:00.000Z"],
		["2025-02-18 10:30:00 UTC", "Asia/Tokyo", "2025-02-18T19:30:00.000+09:00"],
		["2025-02-18T10:30:00Z", "UTC", "2025-02-18T10:30:00.000Z"],
		["2025-02-18T10:30:00.000+03:00", "UTC", "2025-02-18T07:30:00.000Z"],
		["Tue, 18 Feb 2025 10:30:00 +0000", "UTC", "2025-02-18T10:30:00.000Z"],
		["18 Feb 2025 10:30 GMT", "UTC", "2025-02-18T10:30:00.000Z"],
		// smol-toml prints a TOML local date-time and a local date like this; both are read in the site's zone.
		["1979-05-27T07:32:00.000", "America/Los_Angeles", "1979-05-27T07:32:00.000-07:00"],
		["2025/02/18", "UTC", "2025-02-18T00:00:00.000Z"],
	];
	for (const [input, zone, expected] of cases) assert.is(iso(input, zone), expected, input);
});

test("a day/month order that could go either way is refused with the reason, never guessed", () => {
	for (const [input, reason] of [
		["02/03/2025", /could be 02\/03 as day\/month or as month\/day; write it as YYYY-MM-DD/],
		["18/02/2025", /order that differs between countries; write it as YYYY-MM-DD/],
		["2.3.2025", /could be 2\/3/],
	] as const) {
		const parsed = parseArticleDate(input, "UTC");
		assert.not.ok(parsed.ok, input);
		if (!parsed.ok) assert.match(parsed.message, reason);
	}
});

test("without a date field: the file name, then the bundle folder, then the folder path, then a YYYY/MM/DD anywhere in the permalink", () => {
	assert.is(dateFromLocation("_posts/2025-02-18-talks.markdown"), "2025-02-18");
	assert.is(dateFromLocation("posts/2025/02/2025-02-18-talks/index.md"), "2025-02-18");
	assert.is(dateFromLocation("archive/2025/03/18/energy-call.md"), "2025-03-18");
	assert.is(dateFromLocation("posts/talks.md", "/2025/03/25/black-sea/"), "2025-03-25");
	assert.is(dateFromLocation("posts/talks.md", "2025/3/5/x.html"), "2025-3-5");
	assert.is(dateFromLocation("2025/02/talks.md"), undefined, "a year and month folder is not a day");
	assert.is(dateFromLocation("posts/talks.md", "/news/2025/03/25/"), "2025-03-25", "a section before the day, as Zola's path has it");
	assert.is(dateFromLocation("content/inside-rust/x.md", "inside-rust/2020/07/27/1.45.1-prerelease"), "2020-07-27");
	assert.is(dateFromLocation("posts/talks.md", "/code/2025/13/40/x/"), undefined, "no month 13, no day 40: not a date");
	assert.is(dateFromLocation("posts/talks.md", "/v/1234/5/6789/"), undefined);
});

test("a date and time with text after it that the engines' parsers skip is read, and the skipped text is named", () => {
	const odd = parseArticleDate("2021-02-08 16:30-:00+16:30", "UTC");
	assert.ok(odd.ok);
	if (odd.ok) {
		assert.is(odd.value.toISO(), "2021-02-08T16:30:00.000Z", "+16:30 is no real offset: the time is read in the site's zone");
		assert.is(odd.ignored, "-:00+16:30");
	}
	const year = parseArticleDate("2023-01-29 18:30:22 2023 -0800", "UTC");
	assert.ok(year.ok);
	if (year.ok) {
		assert.is(year.value.toISO(), "2023-01-30T02:30:22.000Z", "the trailing offset is a real one and is kept");
		assert.is(year.ignored, "2023");
	}
	const plain = parseArticleDate("2025-02-18 10:30:00 +0300", "UTC");
	assert.ok(plain.ok && plain.ignored === undefined, "a well-formed date ignores nothing");
	const impossible = parseArticleDate("2025-02-30 (draft)", "UTC");
	assert.not.ok(impossible.ok, "an impossible day is still refused");
	assert.not.ok(parseArticleDate("Tuesday 2025-02-18", "UTC").ok, "text before the date is not a date");
});

test.run();
