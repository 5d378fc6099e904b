/**
 * Reader-facing names of days and months. Days are calendar days (`YYYY-MM-DD`) already in the site's
 * zone, so they are read as UTC calendar dates: no zone shift can move them to another day.
 */
import { DateTime } from "luxon";
import { dateLocale, memoized } from "./format.ts";

/**
 * A day (`YYYY-MM-DD`) in a luxon format and a language, memoised per `lang|day`; `capitalised` for a name
 * that stands first (`Вторник`, `Февраль 2025`), as English ones already are.
 */
const inLanguage = (format: string, capitalised: boolean) =>
	memoized((key: string): string => {
		const [lang = "en", day = ""] = key.split("|");
		const text = DateTime.fromISO(day, { zone: "UTC", locale: dateLocale(lang) }).toFormat(format);
		return capitalised ? text.charAt(0).toLocaleUpperCase(lang) + text.slice(1) : text;
	});
const longDays = inLanguage("cccc d MMMM yyyy", true);
// The month as it is written inside a date (`3 мар. 2025`), not standing alone (`март`).
const shortDays = inLanguage("d MMM yyyy", true);
// A month standing alone (`февраль 2025`, `лютий 2025`; in English the same as inside a date).
const monthNames = inLanguage("LLLL yyyy", true);
const monthAbbreviations = inLanguage("LLL", false);
const firstDay = (year: number, month: number): string => `${year}-${String(month).padStart(2, "0")}-01`;

/** `Tuesday 18 February 2025`, `Вторник 18 февраля 2025`. */
export const longDay = (day: string, lang = "en"): string => longDays(`${lang}|${day}`);
/** `18 Feb 2025`, `18 февр. 2025`. */
export const shortDay = (day: string, lang = "en"): string => shortDays(`${lang}|${day}`);
/** `February 2025`, `Февраль 2025`. */
export const monthName = (year: number, month: number, lang = "en"): string => monthNames(`${lang}|${firstDay(year, month)}`);
/** `Feb`, `февр.`. */
export const monthAbbreviation = (year: number, month: number, lang = "en"): string =>
	monthAbbreviations(`${lang}|${firstDay(year, month)}`);
