/**
 * Dates are read and shown in the site's zone, never the machine's: every luxon call here names a zone,
 * so the same articles give the same pages whatever `TZ` is.
 */
import { DateTime } from "luxon";

export type ParsedDate = { ok: true; value: DateTime } | { ok: false; message: string };

const dateOnly = /^\d{4}-\d{2}-\d{2}$/;
const dateAndMinutes = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?$/;

/**
 * Parses a front-matter date: `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS]` (both in `zone`), or an ISO datetime
 * with an offset or `Z`. The result is expressed in `zone`, which decides the URL's year and month.
 */
export function parseArticleDate(input: string, zone: string): ParsedDate {
	const raw = input.trim();
	let value: DateTime;
	if (dateOnly.test(raw)) {
		value = DateTime.fromFormat(raw, "yyyy-MM-dd", { zone });
	} else if (dateAndMinutes.test(raw)) {
		const normalised = raw.replace("T", " ");
		value = DateTime.fromFormat(normalised, normalised.length > 16 ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm", { zone });
	} else if (/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/.test(raw)) {
		value = DateTime.fromISO(raw, { setZone: true }).setZone(zone);
	} else {
		return { ok: false, message: `"${raw}" is not a date; use YYYY-MM-DD, "YYYY-MM-DD HH:MM" or an ISO datetime with offset` };
	}
	if (!value.isValid) {
		return { ok: false, message: `"${raw}" is not a real date (${value.invalidExplanation ?? value.invalidReason})` };
	}
	if (value.year < plausibleYears.first || value.year > plausibleYears.last) {
		return { ok: false, message: `"${raw}" is outside the years ${plausibleYears.first}–${plausibleYears.last}; check the year` };
	}
	return { ok: true, value };
}

/**
 * Article dates outside these years are typos (`2502` for `2025`). Refusing them also keeps a hostile
 * date from stretching every per-month chart and timeline over thousands of years: two articles dated
 * 1000 and 9999 sharing 20 topics made a 51 MB site with 1.2 GB of peak memory.
 */
export const plausibleYears = { first: 1800, last: 2199 };

/** The `YYYY-MM-DD-` prefix of a Jekyll-style file name, if any. */
export function dateFromFileName(fileName: string): string | undefined {
	return /^(\d{4}-\d{2}-\d{2})-/.exec(fileName)?.[1];
}

/** `2025-02-18` in the date's own zone. */
export const isoDay = (date: DateTime): string => date.toFormat("yyyy-MM-dd");

/** A reader-facing date such as `18 February 2025`, in English whatever the machine's locale. */
export const displayDate = (date: DateTime): string => date.setLocale("en-GB").toFormat("d MMMM yyyy");

/** A month's name and year, e.g. `February 2025`. */
export const displayMonth = (year: number, month: number, zone: string): string =>
	DateTime.fromObject({ year, month, day: 1 }, { zone, locale: "en-GB" }).toFormat("MMMM yyyy");

/** Checks that a zone name is one luxon knows, so a typo in the site settings fails loudly. */
export function isValidZone(zone: string): boolean {
	return DateTime.now().setZone(zone).isValid;
}
