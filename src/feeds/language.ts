/**
 * An item's language when neither the feed nor `feeds.yaml` names it. Ukrainian and Russian share most of
 * the Cyrillic alphabet, and statistical detectors confuse them on a headline; each has letters the other
 * lacks (і ї є ґ in Ukrainian; ы э ъ ё in Russian), which decide first. Other text goes to tinyld.
 */
const ukrainianOnly = /[іїєґ]/iu;
const russianOnly = /[ыэъё]/iu;
const cyrillic = /\p{Script=Cyrillic}/u;

/** A BCP 47 primary tag (`en`, `uk`, `ru`), or undefined when the text is too short or mixed to tell. */
export async function detectLanguage(text: string): Promise<string | undefined> {
	const letters = text.replace(/[^\p{L}\s]/gu, " ").trim();
	if (letters.length < 12) return undefined;
	if (cyrillic.test(letters)) {
		const uk = ukrainianOnly.test(letters);
		const ru = russianOnly.test(letters);
		if (uk && !ru) return "uk";
		if (ru && !uk) return "ru";
	}
	// Loaded only when a feed does not declare its language: its tables take a second to read.
	const { detect } = await import("tinyld/heavy");
	return detect(letters) || undefined;
}

/** `en-GB` → `en`: the site's pages, feeds and search go by the primary language. */
export const primaryLanguage = (tag: string | undefined): string | undefined => tag?.trim().split(/[-_]/)[0]?.toLowerCase() || undefined;
