/** Reader-facing dates, in English and in the date's own zone whatever the machine's locale or TZ. */
import { DateTime } from "luxon";

/**
 * `fn` remembering its answer per argument. Formatting a date with luxon costs ~50-150 µs, and a page
 * lists dozens of dates drawn from a few thousand days: without this, dates were the largest part of
 * rendering (npm run bench).
 */
export function memoized<T>(fn: (key: string) => T): (key: string) => T {
	const answers = new Map<string, T>();
	return (key) => {
		let answer = answers.get(key);
		if (answer === undefined) answers.set(key, (answer = fn(key)));
		return answer;
	};
}

export const readableDate = memoized((iso: string): string =>
	DateTime.fromISO(iso, { setZone: true }).setLocale("en-GB").toFormat("d MMMM yyyy"),
);

export const plural = (count: number, one: string, many = `${one}s`): string =>
	`${count.toLocaleString("en-US")} ${count === 1 ? one : many}`;
