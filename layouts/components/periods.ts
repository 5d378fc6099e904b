/**
 * Reader-facing names of days and months. Days are calendar days (`YYYY-MM-DD`) already in the site's
 * zone, so they are read as UTC calendar dates: no zone shift can move them to another day.
 */
import { DateTime } from "luxon";
import { dateLocale, memoized } from "./format.ts";

const firstOfMonth = (year: number, month: number): DateTime =>
	DateTime.fromObject({ year, month, day: 1 }, { zone: "UTC", locale: "en-GB" });

/** A day's name in a format, memoised per language and day (`lang|YYYY-MM-DD`), capitalised as a heading. */
const dayFormat = (format: string) =>
	memoized((key: string): string => {
		const [lang = "en", day = ""] = key.split("|");
		const text = DateTime.fromISO(day, { zone: "UTC", locale: dateLocale(lang) }).toFormat(format);
		return text.charAt(0).toLocaleUpperCase(lang) + text.slice(1);
	});
const longDays = dayFormat("cccc d MMMM yyyy");
// The month as it is written inside a date (`3 мар. 2025`), not standing alone (`март`).
const shortDays = dayFormat("d MMM yyyy");

/** `Tuesday 18 February 2025`, `Вторник 18 февраля 2025`. */
export const longDay = (day: string, lang = "en"): string => longDays(`${lang}|${day}`);
/** `18 Feb 2025`, `18 февр. 2025`. */
export const shortDay = (day: string, lang = "en"): string => shortDays(`${lang}|${day}`);
const monthNames = memoized((yearMonth: string): string => firstOfMonth(...splitYearMonth(yearMonth)).toFormat("MMMM yyyy"));
const monthAbbreviations = memoized((key: string): string => {
	const [lang = "en", yearMonth = ""] = key.split("|");
	const [year, month] = splitYearMonth(yearMonth);
	return DateTime.fromObject({ year, month, day: 1 }, { zone: "UTC", locale: dateLocale(lang) }).toFormat("LLL");
});
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
/** `Feb`, `февр.`. */
export const monthAbbreviation = (year: number, month: number, lang = "en"): string => monthAbbreviations(`${lang}|${year}-${month}`);
