/**
 * An article's language: what its front matter says, else the `.LANG.md` of its file name (Hugo's
 * `name.ru.md`, `index.uk.md`), else the site's default, else what its text is written in. Languages are
 * BCP 47 tags as the author wrote them, in canonical case (`ru`, `pt-BR`); `baseLanguage` gives the
 * primary subtag that strings and stemmers are chosen by.
 */
import { francAll } from "franc-min";

/** `ru-ru` → `ru-RU`; undefined when the text is not a language tag. */
export function canonicalLanguage(tag: string): string | undefined {
	const trimmed = tag.trim().replace(/_/g, "-");
	if (!/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(trimmed)) return undefined;
	try {
		return Intl.getCanonicalLocales(trimmed)[0];
	} catch {
		return undefined;
	}
}

/**
 * The primary language subtag: `pt-BR` → `pt`. Remembered per tag: every page asks it of each of its
 * words and listed articles (~70,000 times for 10,000 articles), of a handful of tags.
 */
export function baseLanguage(tag: string): string {
	let base = baseLanguages.get(tag);
	if (base === undefined) baseLanguages.set(tag, (base = tag.split("-")[0]?.toLowerCase() ?? tag));
	return base;
}

const baseLanguages = new Map<string, string>();

/** English names of languages, to tell a real language subtag from a word (`post.draft.md`). */
const languageNames = new Intl.DisplayNames(["en"], { type: "language", fallback: "none" });

/**
 * The language a file name declares, Hugo's way: `riyadh.ru.md`, `index.uk.md`, `post.pt-br.md`.
 * Only a known language counts, so `v1.2.md` or `notes.draft.md` declare nothing.
 */
export function languageFromFileName(fileName: string): string | undefined {
	const match = /\.([a-z]{2,3}(?:[-_][a-z]{2,4})?)\.(md|mdx|markdown)$/i.exec(fileName);
	if (!match?.[1]) return undefined;
	const tag = canonicalLanguage(match[1]);
	if (!tag || !languageNames.of(baseLanguage(tag))) return undefined;
	return tag;
}

/** The file name without its language: `riyadh.ru.md` → `riyadh.md`. */
export const withoutFileLanguage = (fileName: string): string =>
	languageFromFileName(fileName) ? fileName.replace(/\.[a-z_-]+(\.(md|mdx|markdown))$/i, "$1") : fileName;

/**
 * Letters only Ukrainian writes (і ї є ґ) and letters only Russian writes (ы э ъ ё): in Cyrillic news
 * text they tell the two apart more reliably than letter statistics, which confuse them on short items.
 */
const ukrainianLetters = /[іїєґ]/giu;
const russianLetters = /[ыэъё]/giu;

/**
 * franc-min's ISO 639-3 answers for the languages a news digest meets most, as the 639-1 tags pages use.
 * A language not listed here is not guessed: the article keeps the site's default.
 */
const fromIso6393: Record<string, string> = {
	eng: "en",
	rus: "ru",
	ukr: "uk",
	bel: "be",
	deu: "de",
	fra: "fr",
	spa: "es",
	por: "pt",
	ita: "it",
	nld: "nl",
	pol: "pl",
	ces: "cs",
	slk: "sk",
	ron: "ro",
	hun: "hu",
	tur: "tr",
	swe: "sv",
	dan: "da",
	nob: "nb",
	fin: "fi",
	ell: "el",
	bul: "bg",
	srp: "sr",
	hrv: "hr",
	arb: "ar",
	pes: "fa",
	heb: "he",
	cmn: "zh",
	jpn: "ja",
	kor: "ko",
	hin: "hi",
	ind: "id",
	vie: "vi",
};

/**
 * How much of an article is read to tell its language: the title and the opening. franc's cost grows with
 * the text (0.6 ms for a 60-word news item, measured; every article of a folder without a site language
 * is detected on a cold build), and a few sentences decide it as well as the whole.
 */
const sampleLength = 300;

/** Below this many letters a guess is worse than the site's default. */
const minimumLetters = 20;

/**
 * franc's best language, when it is clearly ahead: the runner-up scores under this share of the best.
 * On a short English headline with markup (`Talks </script>… & <b>more</b>`) franc ranks Turkish 1.0 and
 * Dutch 0.99; on real sentences the runner-up scores 0.55–0.88.
 */
const clearLead = 0.9;

function francBest(text: string, only?: string[]): string | undefined {
	const [best, second] = francAll(text, only ? { only } : {});
	if (!best || best[0] === "und") return undefined;
	if (second && second[1] >= clearLead * best[1]) return undefined;
	return fromIso6393[best[0]];
}

/**
 * The language `text` is written in, or undefined when it cannot tell. Cyrillic text is Ukrainian or
 * Russian by the letters only one of them has (the more frequent wins), else by franc's trigrams between
 * the two; other text by franc-min (trigram statistics of 82 languages), when it is clearly ahead.
 */
export function detectLanguage(whole: string): string | undefined {
	const text = whole.length > sampleLength ? whole.slice(0, sampleLength) : whole;
	const letters = text.match(/\p{L}/gu)?.length ?? 0;
	if (letters < minimumLetters) return undefined;
	const cyrillic = text.match(/\p{Script=Cyrillic}/gu)?.length ?? 0;
	if (cyrillic * 2 > letters) {
		const ukrainian = text.match(ukrainianLetters)?.length ?? 0;
		const russian = text.match(russianLetters)?.length ?? 0;
		if (ukrainian !== russian) return ukrainian > russian ? "uk" : "ru";
		return francBest(text, ["rus", "ukr", "bel", "bul", "srp"]);
	}
	return francBest(text);
}
