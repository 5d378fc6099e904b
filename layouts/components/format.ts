/** Reader-facing dates, in the page's language and in the date's own zone whatever the machine's locale or TZ. */
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

/** English dates are written day first, as in British news (`18 February 2025`); other languages in their own words. */
export const dateLocale = (lang: string): string => (lang.toLowerCase().startsWith("en") ? "en-GB" : lang);

const datesByLanguage = new Map<string, (iso: string) => string>();

/** `18 February 2025`, `18 февраля 2025`, `18 лютого 2025`: the day of `iso` in the language `lang`. */
export function readableDate(iso: string, lang = "en"): string {
	let format = datesByLanguage.get(lang);
	if (!format) {
		const locale = dateLocale(lang);
		format = memoized((day: string) => DateTime.fromISO(day, { setZone: true }).setLocale(locale).toFormat("d MMMM yyyy"));
		datesByLanguage.set(lang, format);
	}
	return format(iso);
}

/** A language's name in that language, capitalised as a menu item: `uk` → `Українська`, `en` → `English`. */
export const languageName = memoized((lang: string): string => {
	const name = new Intl.DisplayNames([lang], { type: "language", fallback: "code" }).of(lang) ?? lang;
	return name.charAt(0).toLocaleUpperCase(lang) + name.slice(1);
});

/**
 * The longest summary a page repeats: in lists, the description (which is also the search summary) and
 * topic feeds. Search engines show ~155 characters of a description; a summary drawn from a short news
 * item is often the whole item, repeated in every list it appears in (140: ~25 MB of 100,000 news items).
 */
export const teaserLength = 140;

/**
 * `text` cut to at most `max` characters: at the last sentence end if that keeps at least half, else at
 * the last word, marked with "…". Shorter text is returned as it is.
 */
export function teaser(text: string, max = teaserLength): string {
	if (text.length <= max) return text;
	const head = text.slice(0, max);
	const sentence = Math.max(head.lastIndexOf(". "), head.lastIndexOf("! "), head.lastIndexOf("? "));
	if (sentence >= max / 2) return head.slice(0, sentence + 1);
	const word = head.lastIndexOf(" ");
	return `${(word > 0 ? head.slice(0, word) : head.slice(0, max - 1)).replace(/[\s,;:.–—-]+$/u, "")}…`;
}
