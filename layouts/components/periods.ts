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
/** `February 2025`. */
export const monthName = (year: number, month: number): string => monthNames(`${year}-${month}`);
/** `Feb`. */
export const monthAbbreviation = (year: number, month: number): string => monthAbbreviations(`${year}-${month}`);
