/**
 * A deterministic synthetic digest in one of two shapes, so that the bench measures content shaped like
 * real archives (docs/performance.md), not only long synthetic articles:
 * - `blog`: long articles (3–10 paragraphs), Zipf-distributed topics (n/3, 1–4 per article), three years;
 * - `news`: a news-event archive as real ones are (measured on one of 10,066 items): short items (median
 *   body ~60 words), a third as many topics as items, most of them on one or two items, 1–6 topics per
 *   item, ~700 sources, ~28 items a day, and file names that repeat within a month
 *   (`2025-01-01-event-0022.md`, `2025-01-15-event-0022.md`: the n-th event of its day).
 * The same options always write the same bytes, so benchmarks and scale tests are repeatable.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { stringify } from "yaml";
import { type Article, loadDigest } from "../content/load.ts";
import { createSession, loaderOptions } from "../eleventy/options.ts";

/** The kinds of archive the generator writes (see the module comment). */
export type CorpusShape = "blog" | "news";
export const corpusShapes: readonly CorpusShape[] = ["blog", "news"];

export interface CorpusOptions {
	/**
	 * The kind of archive: long articles (`blog`) or short news items with a long tail of topics (`news`).
	 * @default "blog"
	 */
	shape?: CorpusShape;
	/**
	 * How many articles.
	 * @default 1000
	 */
	articles?: number;
	/**
	 * How many distinct topics (the long tail holds most of them).
	 * @default articles / 3 for `blog`, articles × 3,238 / 10,066 for `news`; at least 10
	 */
	topics?: number;
	/**
	 * Seed of the pseudo-random generator.
	 * @default 1
	 */
	seed?: number;
	/**
	 * First day of the archive (UTC): `blog` spans three years from it, `news` as many days as ~28 items
	 * a day need.
	 * @default "2023-01-01"
	 */
	start?: string;
	/**
	 * How many of the topics get an entry in `topics.yaml` (the most frequent ones).
	 * @default 200
	 */
	registered?: number;
	/**
	 * Size of the long tail of rarer words mixed into the text (Zipf-distributed, like names and terms in
	 * real news), so that a search index grows with the digest as a real one does; 0 writes only the
	 * hundred common words.
	 * @default 30000
	 */
	vocabulary?: number;
	/**
	 * `news` only: name each item `DD-event-NNNN.md` instead of `YYYY-MM-DD-event-NNNN.md`, so that no two
	 * items of a month share a slug. For a loader whose article URLs hold only the year and month
	 * (`/articles/YYYY/MM/slug/`), where real archives' repeated names collide.
	 * @default false
	 */
	uniqueSlugs?: boolean;
	/**
	 * 1: every article in English. 3: every third article's title and text written in Cyrillic as Russian
	 * (with ы), every third as Ukrainian (with і), letter for letter, without a `lang` field: the same
	 * words, lengths and vocabulary as the English digest, so that the index time and search payload of
	 * three languages (detection, the stems of src/search/word-forms.ts) compare with one.
	 * @default 1
	 */
	languages?: 1 | 3;
}

export const corpusDefaults = {
	shape: "blog",
	articles: 1000,
	seed: 1,
	start: "2023-01-01",
	registered: 200,
	vocabulary: 30000,
	uniqueSlugs: false,
	languages: 1,
} satisfies Omit<Required<CorpusOptions>, "topics">;

/** The last day a generated news archive may reach when no start is given (see generateNews). */
const newsLastDay = "2025-12-31";

/** The real news-event archive the `news` shape follows (docs/performance.md). */
export const newsArchive = { items: 10_066, topics: 3_238, sources: 700, itemsPerDay: 28, medianWords: 60 } as const;

/** The share of words drawn from the long tail. */
const rareWordShare = 0.3;
const syllables = "ka lo mi ra ten vor dul bes nik sha pol zu gri fen mar tos vel qui dor han".split(" ");

/** The k-th rare word: k written in base 20 with syllables for digits, at least two of them. */
function rareWord(k: number): string {
	let word = "";
	let rest = k + syllables.length;
	while (rest > 0) {
		word = (syllables[rest % syllables.length] as string) + word;
		rest = Math.floor(rest / syllables.length);
	}
	return word;
}

const words =
	"talks ceasefire delegation minister sanctions embassy envoy summit agreement proposal negotiations frontline energy grain shipping security guarantees allies parliament budget council resolution vote statement president prime officials capital border region attack drones missiles infrastructure economy markets investment oil gas exports reconstruction aid humanitarian refugees court inquiry election campaign coalition treaty conference meeting visit ports corridor monitoring observers ministry spokesman briefing analysts reported according said week month agreed rejected warned urged announced signed reviewed".split(
		" ",
	);
const sources = [
	"Reuters",
	"AP",
	"BBC News",
	"The Guardian",
	"Al Jazeera",
	"Politico Europe",
	"DW",
	"France 24",
	"Kyiv Independent",
	"The New York Times",
	"WN",
];
const people = [
	"Marco Rubio",
	"Sergey Lavrov",
	"Volodymyr Zelensky",
	"Vladimir Putin",
	"Donald Trump",
	"Keir Starmer",
	"Emmanuel Macron",
	"Ursula von der Leyen",
	"Steve Witkoff",
	"Mohammed bin Salman",
	"Mark Rutte",
	"Olaf Scholz",
	"Andrii Yermak",
	"Kirill Dmitriev",
];
const places = [
	"Riyadh",
	"Kyiv",
	"Moscow",
	"Washington",
	"Brussels",
	"London",
	"Paris",
	"Jeddah",
	"Istanbul",
	"Munich",
	"Geneva",
	"Odesa",
	"Kharkiv",
	"Warsaw",
];

/** mulberry32: small, fast and good enough for test data. */
function random(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Picks index k with probability proportional to 1/(k+1): a few huge topics, a long tail of tiny ones. */
function zipfPicker(count: number, next: () => number): () => number {
	const cumulative: number[] = [];
	let total = 0;
	for (let k = 0; k < count; k++) cumulative.push((total += 1 / (k + 1)));
	return () => {
		const target = next() * total;
		let low = 0;
		let high = count - 1;
		while (low < high) {
			const mid = (low + high) >> 1;
			if ((cumulative[mid] ?? 0) < target) low = mid + 1;
			else high = mid;
		}
		return low;
	};
}

export const topicSlug = (index: number): string => `topic-${String(index + 1).padStart(5, "0")}`;

export interface GeneratedArticle {
	/** Path relative to the articles folder. */
	file: string;
	text: string;
}

/** The articles and registry of a synthetic digest, in memory. */
export function generateCorpus(options: CorpusOptions = {}): Generator<GeneratedArticle> {
	const articles = (options.shape ?? corpusDefaults.shape) === "news" ? generateNews(options) : generateBlog(options);
	return (options.languages ?? corpusDefaults.languages) === 3 ? inThreeLanguages(articles) : articles;
}

/** Latin letters as Russian-looking and Ukrainian-looking Cyrillic (each with letters only it writes). */
const latin = [..."abcdefghijklmnopqrstuvwxyz"];
const cyrillicLetters: Record<"ru" | "uk", Record<string, string>> = {
	ru: Object.fromEntries(
		latin.map((letter, at) => [letter, "а б ц д е ф г х и й к л м н о п к р с т у в ш х ы з".split(" ")[at] ?? letter]),
	),
	uk: Object.fromEntries(
		latin.map((letter, at) => [letter, "а б ц д є ф г х і й к л м н о п к р с т у в ш х и з".split(" ")[at] ?? letter]),
	),
};

const inCyrillic = (text: string, language: "ru" | "uk"): string =>
	text.replace(/[a-z]/gi, (letter) => {
		const mapped = cyrillicLetters[language][letter.toLowerCase()] ?? letter;
		return letter === letter.toLowerCase() ? mapped : mapped.toUpperCase();
	});

/** Every third article's title and body in Russian-looking Cyrillic, every third in Ukrainian-looking. */
function* inThreeLanguages(articles: Generator<GeneratedArticle>): Generator<GeneratedArticle> {
	let index = 0;
	for (const article of articles) {
		const end = article.text.indexOf("\n---\n");
		if (!article.file.endsWith(".md") || end < 0) {
			yield article;
			continue;
		}
		const language = (["en", "ru", "uk"] as const)[index++ % 3] ?? "en";
		if (language === "en") {
			yield article;
			continue;
		}
		const frontMatter = article.text
			.slice(0, end)
			.replace(/^title: (.*(?:\n {2}.*)*)$/m, (_, title: string) => `title: ${inCyrillic(title, language)}`);
		yield { file: article.file, text: `${frontMatter}\n---\n${inCyrillic(article.text.slice(end + 5), language)}` };
	}
}

function* generateBlog(options: CorpusOptions): Generator<GeneratedArticle> {
	const count = options.articles ?? corpusDefaults.articles;
	const topicCount = options.topics ?? Math.max(10, Math.round(count / 3));
	const next = random(options.seed ?? corpusDefaults.seed);
	const pickTopic = zipfPicker(topicCount, next);
	// The rare words have their own stream, so the rest of the digest (dates, topics, lengths) is the same
	// whatever the vocabulary.
	const vocabulary = options.vocabulary ?? corpusDefaults.vocabulary;
	const nextRare = random((options.seed ?? corpusDefaults.seed) + 0x9e3779b9);
	const pickRare = vocabulary > 0 ? zipfPicker(vocabulary, nextRare) : undefined;
	const word = () => {
		const common = pick(words);
		return pickRare && nextRare() < rareWordShare ? rareWord(pickRare()) : common;
	};
	const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
	const start = Date.parse(`${options.start ?? corpusDefaults.start}T00:00:00Z`);
	const span = 3 * 365 * 24 * 3600 * 1000;

	yield* registryFiles(topicCount, options.registered ?? corpusDefaults.registered, "Synthetic Digest", siteLanguage(options));

	for (let i = 0; i < count; i++) {
		const when = new Date(start + Math.floor(next() * span));
		const date = when.toISOString().slice(0, 10);
		const topics = new Set<string>();
		const wanted = 1 + Math.floor(next() * 4);
		while (topics.size < wanted) topics.add(topicSlug(pickTopic()));
		const sentence = () => {
			const length = 8 + Math.floor(next() * 18);
			const text = Array.from({ length }, word).join(" ");
			return `${text[0]?.toUpperCase()}${text.slice(1)}.`;
		};
		const paragraphs = Array.from({ length: 3 + Math.floor(next() * 8) }, () =>
			Array.from({ length: 2 + Math.floor(next() * 4) }, sentence).join(" "),
		);
		const title = sentence().slice(0, -1).split(" ").slice(0, 9).join(" ");
		const frontMatter = {
			title: `${title} (${i + 1})`,
			date,
			topics: [...topics],
			source: pick(sources),
			people: [pick(people), pick(people)].filter((name, index, list) => list.indexOf(name) === index),
			places: [pick(places)],
		};
		const slug = `article-${String(i + 1).padStart(6, "0")}`;
		yield {
			file: `${date.slice(0, 4)}/${date.slice(5, 7)}/${slug}.md`,
			text: `---\n${stringify(frontMatter)}---\n${paragraphs.join("\n\n")}\n`,
		};
	}
}

/** Writes a synthetic digest into `dir`; returns how many articles it wrote. */
export async function writeCorpus(dir: string, options: CorpusOptions = {}): Promise<number> {
	let articles = 0;
	const folders = new Set<string>();
	for (const { file, text } of generateCorpus(options)) {
		const folder = path.dirname(path.join(dir, file));
		if (!folders.has(folder)) {
			await mkdir(folder, { recursive: true });
			folders.add(folder);
		}
		await writeFile(path.join(dir, file), text);
		if (file.endsWith(".md")) articles++;
	}
	return articles;
}

/** How many topics a news item carries, 1–6: most one to three (weights of 1, 2, … topics). */
const newsTopicWeights = [34, 30, 18, 10, 5, 3];
const sourceSuffixes = ["News", "Times", "Post", "Daily", "Herald", "Agency", "Radio", "Observer", "Tribune", "Online"];
const capitalised = (word: string): string => `${word[0]?.toUpperCase()}${word.slice(1)}`;

/**
 * A news-event archive (see the module comment). Topics follow a growing long tail: each topic slot
 * either opens a topic no item has had yet (with the probability that uses every topic by the last
 * item) or repeats one already open, by a steep Zipf over the order they opened in, so that a few
 * topics run through the whole archive and most are on one or two items.
 */
function* generateNews(options: CorpusOptions): Generator<GeneratedArticle> {
	const count = options.articles ?? corpusDefaults.articles;
	const seed = options.seed ?? corpusDefaults.seed;
	const topicCount = options.topics ?? Math.max(10, Math.round((count * newsArchive.topics) / newsArchive.items));
	const sourceCount = Math.max(10, Math.round((count * newsArchive.sources) / newsArchive.items));
	const next = random(seed);
	const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
	const vocabulary = options.vocabulary ?? corpusDefaults.vocabulary;
	const nextRare = random(seed + 0x9e3779b9);
	const pickRare = vocabulary > 0 ? zipfPicker(vocabulary, nextRare) : undefined;
	const word = () => {
		const common = pick(words);
		return pickRare && nextRare() < rareWordShare ? rareWord(pickRare()) : common;
	};
	const sentenceOf = (length: number) => {
		const text = Array.from({ length }, word).join(" ");
		return `${capitalised(text)}.`;
	};
	const sourceNames = Array.from(
		{ length: sourceCount },
		(_, k) => `${capitalised(rareWord(k * 7 + 3))} ${sourceSuffixes[k % sourceSuffixes.length]}`,
	);
	const pickSource = zipfPicker(sourceCount, next);

	yield* registryFiles(topicCount, options.registered ?? corpusDefaults.registered, "News Digest", siteLanguage(options));

	// Days first, so that each item's number within its day (the repeated file names) is known.
	const days = Math.max(1, Math.ceil(count / newsArchive.itemsPerDay));
	const dayOf = Array.from({ length: count }, () => Math.floor(next() * days)).sort((a, b) => a - b);
	const topicsPerItem = Array.from({ length: count }, () => weightedIndex(newsTopicWeights, next()) + 1);
	let slotsLeft = topicsPerItem.reduce((sum, n) => sum + n, 0);
	const opened = zipfPrefixPicker(topicCount, 1.2, next);
	let open = 0;
	// A large archive would run into the future (28 a day from 2023 reaches 2032 at 100,000 items), where
	// the build holds its items back as scheduled: unless a start is given, it ends on `newsLastDay` at the latest.
	const latestStart = Date.parse(`${newsLastDay}T00:00:00Z`) - (days - 1) * 86_400_000;
	const start = options.start
		? Date.parse(`${options.start}T00:00:00Z`)
		: Math.min(Date.parse(`${corpusDefaults.start}T00:00:00Z`), latestStart);

	let numberInDay = 0;
	for (let i = 0; i < count; i++) {
		numberInDay = i > 0 && dayOf[i] === dayOf[i - 1] ? numberInDay + 1 : 1;
		const date = new Date(start + (dayOf[i] ?? 0) * 86_400_000).toISOString().slice(0, 10);
		const topics = new Set<number>();
		const wanted = topicsPerItem[i] ?? 1;
		while (topics.size < wanted) {
			const openNew = open < topicCount && (open === 0 || next() < (topicCount - open) / slotsLeft);
			const candidate = openNew ? open : opened(open);
			if (topics.has(candidate)) {
				// A repeat within the item: open a new topic if any is left, else take the next one down.
				if (open < topicCount) topics.add(open++);
				else topics.add((candidate + topics.size) % topicCount);
			} else {
				topics.add(candidate);
				if (openNew) open++;
			}
			slotsLeft--;
		}
		// Log-normal body lengths around the median (a few items run to several hundred words).
		const bodyWords = Math.min(600, Math.max(12, Math.round(newsArchive.medianWords * Math.exp(0.55 * gaussian(next)))));
		const sentences: string[] = [];
		for (let left = bodyWords; left > 0; ) {
			const length = Math.min(left, 8 + Math.floor(next() * 18));
			sentences.push(sentenceOf(length));
			left -= length;
		}
		const paragraphs: string[] = [];
		for (let s = 0; s < sentences.length; s += 4) paragraphs.push(sentences.slice(s, s + 4).join(" "));
		const title = sentenceOf(6 + Math.floor(next() * 7)).slice(0, -1);
		const frontMatter = {
			title,
			date,
			topics: [...topics].map(topicSlug),
			source: sourceNames[pickSource()],
		};
		const number = String(numberInDay).padStart(4, "0");
		const name = options.uniqueSlugs ? `${date.slice(8, 10)}-event-${number}` : `${date}-event-${number}`;
		yield {
			file: `${date.slice(0, 4)}/${date.slice(5, 7)}/${name}.md`,
			text: `---\n${stringify(frontMatter)}---\n${paragraphs.join("\n\n")}\n`,
		};
	}
}

/**
 * The language `site.yaml` names: English for an English digest, as the Hugo anchor's `languageCode` does
 * (bench/hugo-minimal/hugo.toml), so that both builds are told the same; none for three languages, whose
 * articles are told apart by detection (each article then costs a language guess on a cold build).
 */
const siteLanguage = (options: CorpusOptions): string | undefined =>
	(options.languages ?? corpusDefaults.languages) === 3 ? undefined : "en";

/** `topics.yaml` (the `registered` most frequent topics, titled) and `site.yaml`. */
function* registryFiles(
	topicCount: number,
	registeredWanted: number,
	title: string,
	language: string | undefined,
): Generator<GeneratedArticle> {
	const registered = Math.min(topicCount, registeredWanted);
	const registry: Record<string, { title: string; description: string }> = {};
	for (let i = 0; i < registered; i++)
		registry[topicSlug(i)] = { title: `Topic ${i + 1}`, description: `Synthetic topic number ${i + 1}.` };
	yield { file: "topics.yaml", text: stringify(registry) };
	const description = "A generated digest for benchmarks and scale tests.";
	yield { file: "site.yaml", text: stringify({ title, description, ...(language ? { language } : {}) }) };
}

/** The index whose weight `u` (uniform in [0, 1)) falls into. */
function weightedIndex(weights: readonly number[], u: number): number {
	const total = weights.reduce((sum, weight) => sum + weight, 0);
	let target = u * total;
	for (let k = 0; k < weights.length; k++) {
		target -= weights[k] ?? 0;
		if (target < 0) return k;
	}
	return weights.length - 1;
}

/** A standard normal variate (Box–Muller) from two uniform draws. */
function gaussian(next: () => number): number {
	return Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
}

/** Picks k in [0, limit) with probability proportional to 1/(k+1)^exponent, for a limit that grows. */
function zipfPrefixPicker(count: number, exponent: number, next: () => number): (limit: number) => number {
	const cumulative: number[] = [];
	let total = 0;
	for (let k = 0; k < count; k++) cumulative.push((total += 1 / (k + 1) ** exponent));
	return (limit) => {
		const target = next() * (cumulative[limit - 1] ?? 0);
		let low = 0;
		let high = limit - 1;
		while (low < high) {
			const mid = (low + high) >> 1;
			if ((cumulative[mid] ?? 0) < target) low = mid + 1;
			else high = mid;
		}
		return low;
	};
}

/**
 * Adds one article to the digest in `articlesDir`, a minute newer than its newest (never later than now),
 * beside that one's file (beside its page bundle when it is a bundle's `index.md`), as an editor adds the
 * day's news: the rebuild that follows is the one an editor waits for, every page's newest date changed.
 * Returns the new file, relative to `articlesDir`.
 */
export async function addNewerArticle(articlesDir: string, cacheDir: string | false): Promise<string> {
	const digest = await loadDigest(articlesDir, loaderOptions(createSession({ articlesDir, cacheDir })));
	let newest: Article | undefined;
	for (const article of digest.articles) if (!newest || Date.parse(article.date) > Date.parse(newest.date)) newest = article;
	const date = new Date(newest ? Math.min(Date.parse(newest.date) + 60_000, Date.now()) : Date.now()).toISOString();
	const beside = newest ? path.posix.dirname(newest.file) : ".";
	const folder =
		newest && /^_?index(\.[a-z-]+)?\.(md|mdx|markdown)$/i.test(path.posix.basename(newest.file)) ? path.posix.dirname(beside) : beside;
	const file = path.posix.join(folder, `${date.slice(0, 10)}-bench-added-article.md`);
	const front = stringify({ title: "Talks resume after a pause", date });
	await writeFile(
		path.join(articlesDir, file),
		`---\n${front}---\nDelegations met again today, the bench's newest article, added to time the rebuild that follows.\n`,
	);
	return file;
}
