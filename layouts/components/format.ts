/** Reader-facing dates, in English and in the date's own zone whatever the machine's locale or TZ. */
import { DateTime } from "luxon";

export const readableDate = (iso: string): string => DateTime.fromISO(iso, { setZone: true }).setLocale("en-GB").toFormat("d MMMM yyyy");

export const plural = (count: number, one: string, many = `${one}s`): string => `${count.toLocaleString("en-US")} ${count === 1 ? one : many}`;
