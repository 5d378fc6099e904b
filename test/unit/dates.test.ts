import { test } from "uvu";
import * as assert from "uvu/assert";
import { dateFromFileName, parseArticleDate } from "../../src/content/dates.ts";

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
	for (const bad of ["2025-13-45", "2025-02-30", "18/02/2025", "yesterday", ""]) {
		const parsed = parseArticleDate(bad, "UTC");
		assert.not.ok(parsed.ok, bad);
		if (!parsed.ok) assert.match(parsed.message, bad === "" ? /not a date/ : bad);
	}
});

test("a Jekyll file name gives its date", () => {
	assert.is(dateFromFileName("2025-02-18-riyadh-talks.md"), "2025-02-18");
	assert.is(dateFromFileName("riyadh-talks.md"), undefined);
});

test.run();
