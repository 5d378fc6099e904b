/**
 * Dates are read and shown in the site's zone, never the machine's: every luxon call here names a zone,
 * so the same articles give the same pages whatever `TZ` is.
 */
import path from "node:path";
import { DateTime } from "luxon";

export type ParsedDate =
	| {
			ok: true;
			value: DateTime;
			/** Text after the date and time that the engines' own lenient parsers skip (Ruby's `Time.parse`), and so do we. */
			ignored?: string;
	  }
	| { ok: false; message: string };

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

/**
 * A date and time followed by something no form above takes, as real archives have them
 * (`2021-02-08 16:30-:00+16:30`, `2023-01-29 18:30:22 2023 -0800`): Jekyll's parser reads the date and time
 * and skips the rest, so the date and time are kept (with a trailing offset a real zone can have) and the
 * rest is named in a warning.
 */
const leadingDateTime = /^(\d{4}-\d{1,2}-\d{1,2})(?:[ T](\d{1,2}:\d{2}(?::\d{2})?)(?:\.\d+)?)?(?=[^\d:.])(.+)$/;
const trailingOffset = /\s([+-])(\d{2}):?(\d{2})$/;

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
	} else if ((match = leadingDateTime.exec(raw))) {
		const [, day = "", time = "", rest = ""] = match;
		const offset = trailingOffset.exec(rest);
		const hours = offset ? Number(offset[2]) + Number(offset[3]) / 60 : 0;
		const usable = offset !== null && hours <= 14;
		const kept = usable ? `${day} ${time || "00:00"} ${offset[1]}${offset[2]}${offset[3]}` : time ? `${day} ${time}` : day;
		const parsed = parseArticleDate(kept, zone);
		if (!parsed.ok) return parsed;
		const ignored = (usable ? rest.slice(0, offset.index) : rest).trim();
		return ignored === "" ? parsed : { ...parsed, ignored };
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
 * (`…/2025/02/18/…`), then a `YYYY/MM/DD` anywhere in the `permalink`/`url`/`path` (Zola's
 * `path = "inside-rust/2020/07/27/slug"`). A segment that cannot be a month and day is no date.
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
	const fromPath = daySegments(path.posix.dirname(file));
	if (fromPath) return fromPath;
	return permalink === undefined ? undefined : daySegments(permalink);
}

/** The first `YYYY/MM/DD` run of segments in a path whose month and day are plausible, as `YYYY-MM-DD`. */
function daySegments(written: string): string | undefined {
	for (const [, year, month, day] of written.matchAll(/(?:^|\/)(\d{4})\/(\d{1,2})\/(\d{1,2})(?=\/|$)/g)) {
		if (Number(month) >= 1 && Number(month) <= 12 && Number(day) >= 1 && Number(day) <= 31) return `${year}-${month}-${day}`;
	}
	return undefined;
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
