/**
 * A raw text copy of a news page (what "select all, copy" or a text-mode browser gives): the first line is
 * the headline, paragraphs are separated by blank lines, and the site's chrome is mixed in — share
 * buttons, ad slots, "Check Also" teasers for unrelated stories, footers. The chrome is removed by rules
 * about what such lines look like and where they sit, so the same rules work for pages of other sites.
 */

/** Lines that are chrome wherever they appear: the whole line matches one of these. */
export const chromeLinePatterns: readonly RegExp[] = [
	// Sharing and following.
	/^(share|share this( (article|story|page|post))?|share on \w+( \w+)?|tweet|email|print|copy link|link copied|follow us( on .{1,30})?)[.:!]?$/i,
	// Reading prompts.
	/^(read more|read more:.*|continue reading|keep reading|read the full (story|article)|click here to read more)[.…:!]?$/i,
	// Newsletters and accounts.
	/^(sign up|subscribe|subscribe now|sign up for (our|the) .{1,40}|log ?in|sign in|register|create an account|already a subscriber\??)[.:!]?$/i,
	// Cookie and consent notices.
	/\b(we use cookies|uses cookies|this (site|website) uses cookies|accept (all )?cookies|cookie (policy|settings|preferences)|manage (your )?consent)\b/i,
	// Media placeholders and navigation.
	/^(advertisement|sponsored( content)?|skip to (main )?content|back to top|toggle navigation|menu|close|loading\.*|image|photo|video|watch|listen|play video)[.:]?$/i,
	// Legal footers.
	/^(©|\(c\)|copyright\b).{0,120}$/i,
	/^(all rights reserved|privacy policy|terms of (use|service)|contact us|cookie policy)[.]?$/i,
];

/**
 * Words ad slots leave behind as text ("Advertisment ad adsense adlogger72"). A line made only of these
 * (and at least one of them) is an ad slot.
 */
export const adWordPattern =
	/^(advert\w*|adverts?|ads?|adsense|adlogger\w*|adsbygoogle|googletag\w*|dfp\w*|sponsored|promoted|banner|ad-?slot\w*|taboola|outbrain)$/i;

/**
 * Headings that open a block of links to other stories. The heading and the teasers under it (short
 * headlines and truncated ledes) are removed.
 */
export const teaserHeadingPatterns: readonly RegExp[] = [
	/^(check also|see also|related|related (articles?|stories|news|posts|content|coverage|topics)|more (stories|news|from .{1,40}|on this story|in .{1,30})|you (may|might) also (like|be interested in)|recommended( for you| stories| reading)?|most (read|popular|viewed|shared)|trending( now| stories)?|popular( now| stories)?|top stories|latest( news| stories)?|editor'?s picks|what to read next|up next|don't miss|also read|further reading)[.:]?$/i,
];

/** Headings that open the site's footer: everything from one of them to the end is chrome. */
export const footerHeadingPatterns: readonly RegExp[] = [
	/^[Aa]bout (us|[A-Z][\w.&' -]{0,24})$/,
	/^(contact( us)?|follow us|connect with us|our newsletters?|site map|sitemap|newsletter)[.:]?$/i,
];

/**
 * The line that ends many news stories: who else reported it. Teasers and chrome after it are removed.
 */
export const contributorsLinePattern =
	/\b(contributed (reporting|research|to this (report|article))|additional reporting (by|from)|reporting (was )?contributed by|edited by|compiled by)\b/i;

/** A byline near the top: "By Ann One and Bo Two". */
const bylinePattern =
	/^by\s+(\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*)*(?:\s*(?:,|and|&)\s*\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*)*)*)$/iu;

export interface RawTextArticle {
	title: string;
	/** Markdown paragraphs, chrome removed. */
	body: string;
	/** From a byline near the top, when there is one. */
	authors: string[];
	/** `YYYY-MM-DD` (or `YYYY-MM-DD HH:MM`) from a dateline near the top, when there is one. */
	date?: string;
	/** The lines removed, for `--verbose` and tests. */
	removed: string[];
}

/** Splits raw text into headline and cleaned paragraphs. */
export function parseRawText(text: string): RawTextArticle {
	const lines = text
		.replace(/^\uFEFF/, "")
		.replace(/\r\n?/g, "\n")
		.split("\n")
		.map((line) => line.replace(/[ \t\u00a0]+/g, " ").trim());
	const paragraphs = joinParagraphs(lines);
	const title = paragraphs.shift() ?? "";
	const removed: string[] = [];
	const authors: string[] = [];
	let date: string | undefined;

	// The head: a repeated headline, a byline and a dateline may follow the headline.
	while (paragraphs.length > 0) {
		const first = paragraphs[0] ?? "";
		const byline = bylinePattern.exec(first);
		const dateline = first.length <= 60 ? findDate(first) : undefined;
		if (normalise(first) === normalise(title)) {
			removed.push(paragraphs.shift() ?? "");
		} else if (byline?.[1]) {
			authors.push(...splitNames(byline[1]));
			removed.push(paragraphs.shift() ?? "");
		} else if (dateline && !date) {
			date = dateline;
			removed.push(paragraphs.shift() ?? "");
		} else break;
	}

	const kept: string[] = [];
	let index = 0;
	while (index < paragraphs.length) {
		const paragraph = paragraphs[index] ?? "";
		if (footerHeadingPatterns.some((pattern) => pattern.test(paragraph)) && isInTail(paragraphs, index)) {
			removed.push(...paragraphs.slice(index));
			break;
		}
		if (teaserHeadingPatterns.some((pattern) => pattern.test(paragraph))) {
			removed.push(paragraph);
			index++;
			while (index < paragraphs.length && isTeaser(paragraphs[index] ?? "")) removed.push(paragraphs[index++] ?? "");
			continue;
		}
		if (isChromeLine(paragraph)) {
			removed.push(paragraph);
			index++;
			continue;
		}
		kept.push(paragraph);
		index++;
	}

	// The tail: after the last real paragraph, only chrome remains (teaser headlines, truncated ledes).
	let contributors = kept.length - 1;
	while (contributors >= 0 && !(contributorsLinePattern.test(kept[contributors] ?? "") && (kept[contributors] ?? "").length < 300))
		contributors--;
	while (kept.length > 0) {
		const last = kept.length - 1;
		if (last === contributors) break;
		const paragraph = kept[last] ?? "";
		if (last > contributors && contributors >= 0 && !looksLikeBody(paragraph)) {
			removed.push(kept.pop() ?? "");
			continue;
		}
		if (isTeaser(paragraph) && last > 0) {
			removed.push(kept.pop() ?? "");
			continue;
		}
		break;
	}

	return { title, body: kept.map(escapeMarkdown).join("\n\n"), authors, date, removed };
}

/** Joins wrapped lines into paragraphs (blank lines separate them). */
function joinParagraphs(lines: string[]): string[] {
	const paragraphs: string[] = [];
	let current: string[] = [];
	for (const line of lines) {
		if (line === "") {
			if (current.length > 0) paragraphs.push(current.join(" "));
			current = [];
		} else current.push(line);
	}
	if (current.length > 0) paragraphs.push(current.join(" "));
	return paragraphs;
}

export function isChromeLine(line: string): boolean {
	if (chromeLinePatterns.some((pattern) => pattern.test(line))) return true;
	const words = line.split(/\s+/).filter(Boolean);
	return words.length > 0 && words.length <= 12 && words.every((word) => adWordPattern.test(word.replace(/[^\w-]/g, "")));
}

/** A truncated lede ("… following …") or a short line with no sentence ending: a teaser or a label. */
export function isTeaser(line: string): boolean {
	if (/(…|\.\.\.)\s*$/.test(line)) return true;
	return !looksLikeBody(line);
}

/** A complete sentence of some length: what an article's paragraph looks like. */
export function looksLikeBody(line: string): boolean {
	const words = line.split(/\s+/).filter(Boolean).length;
	if (/(…|\.\.\.)\s*$/.test(line)) return false;
	return words >= 8 && /[.!?:;"”’)\]]$/.test(line);
}

/** A footer heading counts only near the end, after the story's last long paragraph. */
function isInTail(paragraphs: string[], index: number): boolean {
	return paragraphs.slice(index + 1).filter((paragraph) => looksLikeBody(paragraph) && paragraph.length > 200).length === 0;
}

const normalise = (line: string) =>
	line
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, " ")
		.trim();

function splitNames(names: string): string[] {
	return names
		.split(/\s*(?:,|\band\b|&)\s*/i)
		.map((name) => name.trim())
		.filter(Boolean);
}

const months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/**
 * A date written in a dateline: `2025-02-18`, `February 18, 2025`, `18 Feb 2025`, optionally after a
 * label such as "Published" or "Updated". Returns `YYYY-MM-DD`.
 */
export function findDate(line: string): string | undefined {
	const iso = /\b(\d{4})-(\d{2})-(\d{2})(?!\d)/.exec(line);
	if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`;
	const monthName =
		"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";
	const monthFirst = new RegExp(`\\b${monthName}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, "i").exec(line);
	if (monthFirst) return ymd(monthFirst[3], monthFirst[1], monthFirst[2]);
	const dayFirst = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+${monthName},?\\s+(\\d{4})\\b`, "i").exec(line);
	if (dayFirst) return ymd(dayFirst[3], dayFirst[2], dayFirst[1]);
	return undefined;
}

function ymd(year = "", month = "", day = ""): string | undefined {
	const monthIndex = months.indexOf(month.slice(0, 3).toLowerCase());
	if (monthIndex < 0) return undefined;
	return `${year}-${String(monthIndex + 1).padStart(2, "0")}-${day.padStart(2, "0")}`;
}

/**
 * Text from a page is text, not Markdown: characters Markdown would read as markup are escaped so the
 * page shows what the original showed.
 */
export function escapeMarkdown(paragraph: string): string {
	return paragraph
		.replace(/[\\`*_[\]<>|~]/g, (char) => `\\${char}`)
		.replace(/^(#{1,6}\s|[-+]\s|=+$)/, (marker) => `\\${marker}`)
		.replace(/^(\d+)([.)]\s)/, (_match, digits: string, mark: string) => `${digits}\\${mark}`);
}
