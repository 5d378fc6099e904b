/**
 * Dates are read and shown in the site's zone, never the machine's: every luxon call here names a zone,
 * so the same articles give the same pages whatever `TZ` is.
 */
import { DateTime } from "luxon";

export type ParsedDate = { ok: true; value: DateTime } | { ok: false; message: string };

/** `2025-02-18`, `2025-2-9` (Jekyll and hand-written archives do not always pad), and Hexo's `2025/02/18`. */
const dateOnly = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/;
/** A date and a time of day without an offset (read in the site's zone): `2025-02-18 10:30`, TOML's local `2025-02-18T10:30:00.000`. */
const localDateTime = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;
/** Jekyll's `2025-02-18 10:30:00 +0300` (also `+03:00`, or `UTC`/`Z` after the time). */
const spacedOffset = /^(\d{4}-\d{1,2}-\d{1,2}[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})$/i;
/** ISO 8601 with `Z` or an offset, as Hugo, Zola and most tools write it. */
const isoWithOffset = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)$/i;
/** RFC 2822, as feeds and mail write dates: `Tue, 18 Feb 2025 10:30:00 +0000`. */
const rfc2822 = /^([A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}/;
/** `02/03/2025`: day or month first depends on the country, so it is refused rather than guessed. */
const slashed = /^(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})\b/;

const formsHint = 'use YYYY-MM-DD, "YYYY-MM-DD HH:MM", an ISO datetime with offset or an RFC 2822 date';

/**
 * Parses a front-matter date in any form the engines editors migrate from write: `2025-02-18`,
 * `2025-2-9`, `2025-02-18 10:30[:00]` (in `zone`), Jekyll's `2025-02-18 10:30:00 +0300`, ISO 8601 with
 * `Z` or an offset, RFC 2822, and TOML's local and offset timestamps (as smol-toml prints them). A form
 * whose day and month could be either way round (`02/03/2025`) is refused with the reason. The result is
 * expressed in `zone`, which decides the URL's year, month and day.
 */
export function parseArticleDate(input: string, zone: string): ParsedDate {
	const raw = input.trim();
	let value: DateTime;
	let match: RegExpExecArray | null;
	if ((match = dateOnly.exec(raw))) {
		value = DateTime.fromObject({ year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) }, { zone });
	} else if ((match = localDateTime.exec(raw))) {
		value = DateTime.fromObject(
			{
				year: Number(match[1]),
				month: Number(match[2]),
				day: Number(match[3]),
				hour: Number(match[4]),
				minute: Number(match[5]),
				second: Number(match[6] ?? 0),
			},
			{ zone },
		);
	} else if ((match = spacedOffset.exec(raw))) {
		const [, local = "", offset = ""] = match;
		const [day = "", time = ""] = local.split(/[ T]/);
		const [year, month, date] = day.split("-").map(Number);
		const [hour, minute, second] = time.split(":").map(Number);
		const utcOffset = /^(z|utc|gmt)$/i.test(offset) ? "UTC" : `UTC${offset.slice(0, 3)}:${offset.slice(-2)}`;
		value = DateTime.fromObject({ year, month, day: date, hour, minute, second: Math.floor(second ?? 0) }, { zone: utcOffset }).setZone(
			zone,
		);
	} else if (isoWithOffset.test(raw)) {
		value = DateTime.fromISO(raw, { setZone: true }).setZone(zone);
	} else if (rfc2822.test(raw)) {
		value = DateTime.fromRFC2822(raw, { setZone: true }).setZone(zone);
	} else if ((match = slashed.exec(raw))) {
		const [, first = "", second = ""] = match;
		const reason =
			Number(first) <= 12 && Number(second) <= 12
				? `could be ${first}/${second} as day/month or as month/day`
				: "puts the day and month in an order that differs between countries";
		return { ok: false, message: `"${raw}" ${reason}; write it as YYYY-MM-DD` };
	} else {
		return { ok: false, message: `"${raw}" is not a date; ${formsHint}` };
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

/** The `YYYY-MM-DD-` prefix of a Jekyll-style file or bundle-folder name, if any (`2025-2-9-` too, as Jekyll allows). */
export function dateFromFileName(fileName: string): string | undefined {
	const match = /^(\d{4})-(\d{1,2})-(\d{1,2})(-|$)/.exec(fileName);
	return match ? `${match[1]}-${match[2]}-${match[3]}` : undefined;
}

/**
 * A date for an article whose front matter has none, in the order docs/content.md gives: the file name
 * (`2025-02-18-slug.md`), the bundle folder's name (`2025-02-18-slug/index.md`), the folder path
 * (`…/2025/02/18/…`), then a `permalink`/`url`/`path` that starts with `YYYY/MM/DD`.
 */
export function dateFromLocation(file: string, permalink?: string): string | undefined {
	const parts = file.split("/");
	const name = parts.at(-1) ?? "";
	const fromName = dateFromFileName(name);
	if (fromName) return fromName;
	if (/^_?index\.(md|mdx|markdown)$/i.test(name) && parts.length > 1) {
		const fromFolder = dateFromFileName(parts.at(-2) ?? "");
		if (fromFolder) return fromFolder;
	}
	const fromPath = /(?:^|\/)(\d{4})\/(\d{1,2})\/(\d{1,2})\//.exec(file);
	if (fromPath) return `${fromPath[1]}-${fromPath[2]}-${fromPath[3]}`;
	const fromPermalink = permalink === undefined ? null : /^\/*(\d{4})\/(\d{1,2})\/(\d{1,2})(\/|$)/.exec(permalink);
	return fromPermalink ? `${fromPermalink[1]}-${fromPermalink[2]}-${fromPermalink[3]}` : undefined;
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
