/**
 * Reader-facing names of days and months. Days are calendar days (`YYYY-MM-DD`) already in the site's
 * zone, so they are read as UTC calendar dates: no zone shift can move them to another day.
 */
import { DateTime } from "luxon";
import { memoized } from "./format.ts";

const calendarDay = (day: string): DateTime => DateTime.fromISO(day, { zone: "UTC", locale: "en-GB" });
const firstOfMonth = (year: number, month: number): DateTime =>
	DateTime.fromObject({ year, month, day: 1 }, { zone: "UTC", locale: "en-GB" });

/** `Tuesday 18 February 2025`. */
export const longDay = memoized((day: string): string => calendarDay(day).toFormat("cccc d MMMM yyyy"));
/** `18 Feb 2025`. */
export const shortDay = memoized((day: string): string => calendarDay(day).toFormat("d LLL yyyy"));
const monthNames = memoized((yearMonth: string): string => firstOfMonth(...splitYearMonth(yearMonth)).toFormat("MMMM yyyy"));
const monthAbbreviations = memoized((yearMonth: string): string => firstOfMonth(...splitYearMonth(yearMonth)).toFormat("LLL"));
const splitYearMonth = (yearMonth: string): [number, number] => yearMonth.split("-").map(Number) as [number, number];
/** A month standing alone in another language (`февраль 2025`, `лютий 2025`), capitalised as a name. */
const monthNamesIn = memoized((key: string): string => {
	const [lang = "en", yearMonth = ""] = key.split("|");
	const name = DateTime.fromObject(
		{ year: splitYearMonth(yearMonth)[0], month: splitYearMonth(yearMonth)[1], day: 1 },
		{ zone: "UTC", locale: lang },
	).toFormat("LLLL yyyy");
	return name.charAt(0).toLocaleUpperCase(lang) + name.slice(1);
});
/** `February 2025`; in `lang` when it is not English (`Февраль 2025`). */
export const monthName = (year: number, month: number, lang = "en"): string =>
	lang.toLowerCase().startsWith("en") ? monthNames(`${year}-${month}`) : monthNamesIn(`${lang}|${year}-${month}`);
/** `Feb`. */
export const monthAbbreviation = (year: number, month: number): string => monthAbbreviations(`${year}-${month}`);
