/**
 * What the bench searches for in a corpus it was given (`--corpus`) without `--query`. The default
 * queries name the generated news shape's events ("ceasefire", "embassy sanctions"); a real archive may
 * never use those words (a Russian one does not), and a search with no result would wait out the
 * browser's timeout for a result that never comes. Such a corpus is searched for its own commonest
 * headline words instead, as a reader of it would search.
 */

/** What the choice reads of each article. */
export interface SearchableArticle {
	title: string;
	summary: string;
	/** The rendered body: only its words are read. */
	html: string;
}

/** Words of at least five letters, lower-cased: shorter ones are mostly the language's small words. */
const wordsOf = (text: string): string[] => text.toLocaleLowerCase().match(/\p{L}{5,}/gu) ?? [];

const textOf = (article: SearchableArticle): string => `${article.title} ${article.summary} ${article.html.replace(/<[^>]*>/g, " ")}`;

/**
 * Each query of `preferred` that some article holds every word of; for one that none does, a word of the
 * corpus: for the first, the word the most headlines hold; for the next, the next such word that no
 * article holding the first query also holds (so that its first result differs, which is how the bench
 * sees the next query answered). Ties go to the alphabetically first word, so a corpus always gets the
 * same queries.
 */
export function queriesFor(articles: readonly SearchableArticle[], preferred: readonly [string, string]): [string, string] {
	const texts = articles.map((article) => new Set(wordsOf(textOf(article))));
	const held = (query: string) => {
		const wanted = wordsOf(query);
		return wanted.length > 0 && texts.some((words) => wanted.every((word) => words.has(word)));
	};
	const firstHeld = held(preferred[0]);
	if (firstHeld && held(preferred[1])) return [...preferred];
	const headlines = new Map<string, number>();
	for (const article of articles) for (const word of new Set(wordsOf(article.title))) headlines.set(word, (headlines.get(word) ?? 0) + 1);
	const ranked = [...headlines].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([word]) => word);
	const first = firstHeld ? preferred[0] : ranked[0];
	if (first === undefined) return [...preferred];
	const firstWords = wordsOf(first);
	const beside = (word: string) => texts.some((words) => words.has(word) && firstWords.every((part) => words.has(part)));
	const apart = ranked.find((word) => !firstWords.includes(word) && !beside(word));
	return [first, apart ?? ranked.find((word) => !firstWords.includes(word)) ?? first];
}
