/**
 * Every word form finds the others in Russian and Ukrainian, from one index holding every language.
 *
 * Pagefind alone cannot: since 1.5 it folds й→и and ё→е before its Russian stemmer (новый and новой stop
 * matching), it has no Ukrainian stemmer, and one index per `<html lang>` means a page searches only its
 * own language. So the index is built in one language, and each article page carries, in a hidden element
 * of its indexed part, the stems of its Cyrillic words (`indexedForms`); a query's Cyrillic words are
 * turned into the same stems (`searchTerms`) before Pagefind sees them. Latin-script words are left to
 * Pagefind's own English stemming, as before.
 *
 * Each stem is written with the ending `ъъ`, which no word has: Pagefind matches a query word as the
 * prefix of indexed words (москв would find москвич), and with the ending a stem matches only itself
 * (москвъъ is no prefix of москвичъъ). A query's Cyrillic word is stemmed one of three ways, chosen by its
 * letters, and an article's words get the stems that can meet it (`indexedStems`):
 * - Russian (Snowball's Russian stemmer, the one Pagefind has, without the folding) for query words with a
 *   letter only Russian writes (ы э ъ ё);
 * - Ukrainian (`ukrainianStem`, a light suffix stripper: no Snowball Ukrainian exists) for query words
 *   with a letter only Ukrainian writes (і ї є ґ);
 * - a stem shared by both (`sharedStem`: the endings of either language stripped) for words either
 *   language writes the same (Москва, переговори, новини).
 *
 * Measured recall and precision are in docs/search.md.
 */
import RussianStemmer from "@nlpjs/lang-ru/src/stemmer-ru.js";

/** Ends every stem in the index and in queries (see above). */
export const stemEnd = "ъъ";

/** Stands for the vowel that alternates in Ukrainian closed syllables: Київ/Києва, вразливість/вразливості. */
const alternating = "ъ";

const russianStemmer = new RussianStemmer();

const cyrillicWord = /[\p{Script=Cyrillic}][\p{Script=Cyrillic}\p{M}'’ʼ-]*/gu;
const ukrainianOnly = /[іїєґ]/u;
const russianOnly = /[ыэъё]/u;
const vowel = /[аеєиіїоуюяыэё]/u;

/** Lower case, apostrophes (м'ясо, з’їзд) and soft hyphens out, ё as е (Russian writes either). */
const normalise = (word: string): string =>
	word
		.toLowerCase()
		.replace(/['’ʼ\u00ad]/g, "")
		.replace(/ё/g, "е");

/** Endings a stem must keep at least this many letters, and a vowel, after (Київ is not к + ів). */
const minimumStem = 3;

/** Strips the longest of `endings` (longest first) that leaves a stem of the minimum length with a vowel. */
function strip(word: string, endings: readonly string[]): string {
	for (const ending of endings) {
		if (!word.endsWith(ending)) continue;
		const stem = word.slice(0, -ending.length);
		if (stem.length >= minimumStem && vowel.test(stem)) return stem;
	}
	return word;
}

const byLength = (endings: string[]): string[] => [...new Set(endings)].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));

/** Reflexive verbs: -ся/-сь (both languages). */
const reflexive = ["ся", "сь"];

/**
 * Ukrainian inflections: nouns (-ами, -ові, -ів, -ях…), adjectives (-ого, -ому, -ими, -ій…), verbs
 * (-ати, -ють, -емо, -ла…), then the one-letter case endings. Not a bare -ти or -ть, which end as many
 * nouns (новости, вразливість) as verbs; the infinitives are covered by -ати, -ити, -іти.
 */
const ukrainianEndings = byLength([
	..."ами ями ові еві єві ого ому ими іми ієї ією ією ою ею єю ої ії ію ія ій ей ів їв ам ям ах ях ом ем єм им ім их іх ий".split(" "),
	..."ати яти ити іти ути ють ять уть ать ить емо ємо имо ете єте ите ила ило или ала ало али ав ув ив ла ло ли".split(" "),
	..."а е є и і ї о у ю я ь й".split(" "),
]);

/** Russian inflections, for the stem both languages share. */
const russianEndings = byLength([
	..."ами ями ого его ому ему ыми ими ая яя ое ее ые ие ой ей ий ый ых их ым им ом ем ов ев ам ям ах ях ою ею ую юю".split(" "),
	..."ать ять ить еть уть ешь ете ем ет ют ут ит ат ят ла ло ли".split(" "),
	..."а е и й о у ы ь ю я".split(" "),
]);
const sharedEndings = byLength([...ukrainianEndings, ...russianEndings]);

/**
 * A light Ukrainian stemmer, written here for want of a maintained Snowball one: the reflexive ending,
 * then the longest inflection that leaves three letters and a vowel, then the vowel of the stem's last
 * syllable made one letter when it is і/ї/о/е/є before the final consonants — Ukrainian alternates them in
 * closed syllables (Київ, Києва, Києві; вразливість, вразливості; Львів, Львова).
 */
export function ukrainianStem(word: string): string {
	const stem = strip(strip(normalise(word), reflexive), ukrainianEndings);
	return stem.replace(/[іїоеє]([^аеєиіїоуюяыэ]+)$/u, `${alternating}$1`);
}

/** Snowball's Russian stem; a stem under three letters (Киев → ки) gives way to the shared one. */
export function russianStem(word: string): string {
	const normal = normalise(word);
	const stem = russianStemmer.stemWord(normal) as string;
	return stem.length >= minimumStem ? stem : sharedStem(normal);
}

/** The stem Russian and Ukrainian share: the endings of either stripped, no alternation. */
export function sharedStem(word: string): string {
	return strip(strip(normalise(word), reflexive), sharedEndings);
}

/** Stems of words already seen (a digest repeats its words; stemming each time doubled rendering time). */
const knownStems = new Map<string, [string, string, string]>();
const knownStemsLimit = 200_000;

/** The Russian, Ukrainian and shared stems of one Cyrillic word. */
function stemsOf(word: string): [string, string, string] {
	let stems = knownStems.get(word);
	if (!stems) {
		if (knownStems.size >= knownStemsLimit) knownStems.clear();
		stems = [russianStem(word), ukrainianStem(word), sharedStem(word)];
		knownStems.set(word, stems);
	}
	return stems;
}

/**
 * The stems indexed for a word of an article in `lang`: a Russian article's are searched by Russian and
 * by shared stems, a Ukrainian one's by Ukrainian and shared ones; an article in another language (or
 * unknown) gets all three. One kind fewer is a third fewer stems in its page and the index.
 */
function indexedStems(word: string, lang: string): string[] {
	const [russian, ukrainian, shared] = stemsOf(word);
	const base = lang.split("-")[0]?.toLowerCase();
	if (base === "ru") return russian === shared ? [shared] : [russian, shared];
	if (base === "uk") return ukrainian === shared ? [shared] : [ukrainian, shared];
	return [...new Set([russian, ukrainian, shared])];
}

/**
 * The hidden text an article's indexed part carries: the stems of every Cyrillic word of `text` (an
 * article in `lang`, see `indexedStems`), once each (their order and repetition do not change what is
 * found), each ending in `ъъ`; empty when it has none. It starts with the ending alone, so readers of Pagefind's content know where the article ends.
 */
export function indexedForms(text: string, lang = ""): string {
	const stems = new Set<string>();
	for (const word of text.match(cyrillicWord) ?? []) for (const stem of indexedStems(word, lang)) stems.add(stem);
	if (stems.size === 0) return "";
	return [stemEnd, ...[...stems].map((stem) => `${stem}${stemEnd}`)].join(" ");
}

/** The stem a query's Cyrillic word is searched by, chosen by the letters it has. */
function queryStem(word: string): string {
	if (ukrainianOnly.test(word.toLowerCase())) return ukrainianStem(word);
	if (russianOnly.test(word.toLowerCase())) return russianStem(word);
	return sharedStem(word);
}

/**
 * What Pagefind is asked for a reader's query: each Cyrillic word as its stem (`москвъъ` for Москве),
 * everything else as typed. Empty stays empty.
 */
export function searchTerms(query: string): string {
	return query.replace(cyrillicWord, (word) => `${queryStem(word)}${stemEnd}`);
}

/**
 * The language the one index is built in: the site's, except Russian and Ukrainian, whose word forms the
 * stems above handle (Pagefind's Russian stemmer, after its folding, would split them again): English.
 */
export const indexLanguage = (siteLanguage: string): string => (/^(ru|uk)(-|$)/i.test(siteLanguage) ? "en" : siteLanguage);

/** Whether the query has a word `searchTerms` changes. */
export const hasCyrillic = (query: string): boolean => /\p{Script=Cyrillic}/u.test(query);

/**
 * The excerpt to show for a result: Pagefind's, unless the page's text carries stems or the query has a
 * Cyrillic word (then `excerptFor`). `content` is Pagefind's plain text of the page.
 */
export function resultExcerpt(fragment: { excerpt: string; content?: string }, query: string, length: number): string {
	const content = fragment.content ?? "";
	const stemmed = new RegExp(`(^|\\s)${stemEnd}(?=[\\s.]|$)`, "u").test(content);
	return stemmed || hasCyrillic(query) ? excerptFor(content, query, length) : fragment.excerpt;
}

const escapeHtml = (text: string): string =>
	text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * An excerpt of an article's indexed text (`content`, Pagefind's plain text of the page) for `query`, as
 * Pagefind writes one: escaped text with `<mark>` around the words that matched, about `length` words
 * around where most of them are. Used instead of Pagefind's own when the query has Cyrillic words (whose
 * stems only the hidden text holds) or the text has stems: Pagefind would show the stems. The stems are
 * cut off first. Latin-script words are marked when they start like a query word (Pagefind's English
 * stemming decides what matched; this only shows it).
 */
export function excerptFor(content: string, query: string, length: number): string {
	// Pagefind ends each block's text with a period: the hidden part starts with `ъъ` or `ъъ.`.
	const end = content.search(new RegExp(`(^|\\s)${stemEnd}(?=[\\s.]|$)`, "u"));
	const words = (end < 0 ? content : content.slice(0, end)).split(/\s+/).filter(Boolean);
	const wanted = new Set<string>();
	const prefixes: string[] = [];
	for (const word of query.match(/[\p{L}\p{N}]+/gu) ?? []) {
		if (hasCyrillic(word)) wanted.add(queryStem(word));
		else prefixes.push(word.toLowerCase().slice(0, Math.max(3, word.length - 3)));
	}
	const matches = words.map((word) => {
		const bare = word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
		if (bare === "") return false;
		if (hasCyrillic(bare)) return stemsOf(bare).some((stem) => wanted.has(stem));
		const lower = bare.toLowerCase();
		return prefixes.some((prefix) => lower.startsWith(prefix));
	});
	let best = 0;
	let bestCount = -1;
	for (let start = 0; start < Math.max(1, words.length - length + 1); start++) {
		let count = 0;
		for (let at = start; at < Math.min(words.length, start + length); at++) if (matches[at]) count++;
		if (count > bestCount) {
			best = start;
			bestCount = count;
		}
	}
	return words
		.slice(best, best + length)
		.map((word, at) => (matches[best + at] ? `<mark>${escapeHtml(word)}</mark>` : escapeHtml(word)))
		.join(" ");
}
