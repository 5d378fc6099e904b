/**
 * A deterministic synthetic digest: realistic article lengths, Zipf-distributed topics with a long tail,
 * three years of dates, sources, people and places. The same options always write the same bytes, so
 * benchmarks and scale tests are repeatable.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { stringify } from "yaml";

export interface CorpusOptions {
	/**
	 * How many articles.
	 * @default 1000
	 */
	articles?: number;
	/**
	 * How many distinct topics (the long tail holds most of them).
	 * @default articles / 3, at least 10
	 */
	topics?: number;
	/**
	 * Seed of the pseudo-random generator.
	 * @default 1
	 */
	seed?: number;
	/**
	 * First day of the three-year span (UTC).
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
}

export const corpusDefaults = { articles: 1000, seed: 1, start: "2023-01-01", registered: 200, vocabulary: 30000 } satisfies Omit<
	Required<CorpusOptions>,
	"topics"
>;

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
export function* generateCorpus(options: CorpusOptions = {}): Generator<GeneratedArticle> {
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

	const registered = Math.min(topicCount, options.registered ?? corpusDefaults.registered);
	const registry: Record<string, { title: string; description: string }> = {};
	for (let i = 0; i < registered; i++)
		registry[topicSlug(i)] = { title: `Topic ${i + 1}`, description: `Synthetic topic number ${i + 1}.` };
	yield { file: "topics.yaml", text: stringify(registry) };
	yield {
		file: "site.yaml",
		text: stringify({ title: "Synthetic Digest", description: "A generated digest for benchmarks and scale tests." }),
	};

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
