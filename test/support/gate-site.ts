/**
 * One fixture site for the quality gates (html-validate, axe, the link crawl): a generated digest plus two
 * hand-written articles with every optional field, built once per process under a GitHub Pages path
 * prefix. Pages are grouped into kinds by URL, so each gate covers every kind of page the build makes and
 * fails loudly when an expected kind is missing.
 */
import { readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { writeCorpus } from "../../src/bench/corpus.ts";
import { buildSite } from "../../src/commands/build.ts";
import { articleText, tempDir, writeArticles } from "./fixtures.ts";

export const gatePrefix = "/topic-digest/";
export const gateSiteUrl = "https://example.github.io/topic-digest";
/** The hand-written article with every optional field (source link, authors, summary, people, places). */
export const fullArticlePath = "/articles/2025/02/18/riyadh-talks/";

/** The kinds of page a digest must have; the gates check each one. */
export const requiredKinds = [
	"home",
	"article",
	"topics index",
	"topic",
	"topic page",
	"timeline",
	"timeline year",
	"timeline month",
	"search",
	"404",
] as const;

const kindPatterns: [string, RegExp][] = [
	["home", /^\/$/],
	["article", /^\/articles\/\d{4}\/\d{2}\/\d{2}\/[^/]+\/$/],
	["topics index", /^\/topics\/$/],
	// The topics index in its second order (by size) sits where a topic would.
	["topics index", /^\/topics\/by-size\/$/],
	["topic", /^\/topics\/[^/]+\/$/],
	["topic page", /^\/topics\/[^/]+\/page\/\d+\/$/],
	["timeline", /^\/timeline\/$/],
	["timeline year", /^\/timeline\/\d{4}\/$/],
	["timeline month", /^\/timeline\/\d{4}\/\d{2}\/$/],
	["search", /^\/search\/$/],
	["404", /^\/404\.html$/],
];

/** The kind of the page at `sitePath` (without the prefix); a page of no known kind is its own kind. */
export function pageKind(sitePath: string): string {
	return kindPatterns.find(([, pattern]) => pattern.test(sitePath))?.[0] ?? `other ${sitePath}`;
}

/** The first page of each kind (paths sorted, so the choice is stable). */
export function onePagePerKind(sitePaths: Iterable<string>): Map<string, string> {
	const chosen = new Map<string, string>();
	for (const sitePath of [...sitePaths].sort()) if (!chosen.has(pageKind(sitePath))) chosen.set(pageKind(sitePath), sitePath);
	return chosen;
}

/** The required kinds that `kinds` lacks. */
export const missingKinds = (kinds: Iterable<string>): string[] => {
	const present = new Set(kinds);
	return requiredKinds.filter((kind) => !present.has(kind));
};

/** Every HTML page in a built site, as site paths (`/topics/`, `/404.html`). */
export async function htmlPages(outputDir: string): Promise<string[]> {
	const files = (await readdir(outputDir, { recursive: true })) as string[];
	return files
		.filter((file) => file.endsWith(".html"))
		.map((file) => `/${file.split(path.sep).join("/")}`.replace(/(^|\/)index\.html$/, "$1"))
		.sort();
}

let built: Promise<string> | undefined;

/** Builds the gate site once per process; resolves to its output folder. */
export function gateSite(): Promise<string> {
	built ??= (async () => {
		const articlesDir = await writeArticles({
			"2025/02/riyadh-talks.md": articleText({
				title: "U.S. and Russian officials meet in Riyadh",
				date: "2025-02-18",
				topics: ["topic-00001", "topic-00002"],
				extra:
					'source: { name: WN, url: "https://example.com/riyadh" }\nauthors: [Ann One, Bo Two]\nsummary: "The first talks in years."\npeople: [Marco Rubio, Sergey Lavrov]\nplaces: [Riyadh]\nupdated: 2025-02-19',
				body: "The delegations met for four hours.\n\n## What was agreed\n\n- Embassies reopen\n- A *team* for talks\n\n> A quote from an official.\n\nMore at [the source](https://example.com/riyadh).",
			}),
			"2025/02/follow-up.md": articleText({ title: "Follow-up talks planned", date: "2025-02-20", topics: ["topic-00001"] }),
		});
		await writeCorpus(articlesDir, { articles: 60, topics: 20, seed: 7, start: "2023-01-01" });
		// Small pages, so that topic pages are paginated and `/topics/<slug>/page/N/` is checked too.
		await writeFile(path.join(articlesDir, "site.yaml"), "title: Gate Digest\ndescription: A digest for the quality gates.\npageSize: 8\n");
		const outputDir = path.join(await tempDir("gate-site-"), "_site");
		await buildSite({ articlesDir, outputDir, pathPrefix: gatePrefix, siteUrl: gateSiteUrl });
		return outputDir;
	})();
	return built;
}
