/**
 * The dev server re-renders only the pages whose view changed. Whatever the edits, what it serves once a
 * rebuild has settled must be what a full build of the same articles writes (`--drafts --future`, as the
 * dev server loads them), page by page and byte for byte. A seeded random sequence of edits, over every
 * kind of edit an editor makes, checks it; a failure names the seed, the step and the pages that differ.
 */
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { waitUntil } from "../../src/bench/served-search.ts";
import { buildSite } from "../../src/commands/build.ts";
import { type DevServer, startDevServer } from "../../src/commands/dev-server.ts";
import { withSearchConfig } from "../../src/search/page-config.ts";
import { articleText, filesOutsideSearch, tempDir } from "../support/fixtures.ts";

/** `DEV_EXACT_SEED=N` replays a reported sequence. */
const seed = Number(process.env.DEV_EXACT_SEED ?? 20_261_204);
const steps = 9;

/** mulberry32: a small seeded generator, so that a failing sequence can be replayed. */
function random(state: number): () => number {
	let value = state >>> 0;
	return () => {
		value = (value + 0x6d2b79f5) >>> 0;
		let t = value;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

interface Spec {
	file: string;
	title: string;
	date: string;
	topics: string[];
	people: string[];
	places: string[];
	draft?: boolean;
}

const topicPool = ["diplomacy", "energy", "sanctions", "grain", "elections"];
const peoplePool = ["Ada Lovelace", "Alan Turing", "Grace Hopper", "Edsger Dijkstra"];
const placePool = ["Riyadh", "Kyiv", "Geneva", "Istanbul"];

const settings = (title: string) =>
	`title: ${JSON.stringify(title)}\ndescription: A digest for the test.\nlanguage: en\nzone: UTC\npageSize: 2\nfeedSize: 3\n`;
const registry = (diplomacy: string) =>
	`diplomacy:\n  title: ${JSON.stringify(diplomacy)}\n  description: Talks between governments.\nenergy:\n  title: Energy\n`;

const text = (spec: Spec) =>
	articleText({
		title: spec.title,
		date: spec.date,
		topics: spec.topics,
		body: `What happened in ${spec.title.toLowerCase()}.\n\nMore about it.`,
		extra: [
			`people: ${JSON.stringify(spec.people)}`,
			`places: ${JSON.stringify(spec.places)}`,
			`source: ${spec.file.length % 2 ? "Reuters" : "AP"}`,
			spec.draft ? "draft: true" : "",
		]
			.filter(Boolean)
			.join("\n"),
	});

/**
 * Every file of a site but the search index, by relative path. Normalised where the dev server differs on
 * purpose: its pages register no service worker (`data-service-worker`), so it writes no `sw.js`; its
 * search page also reads its index of newly added articles (its configuration's `recentBundle`); and
 * that page's `indexVersion` is the hash of the pages the last rebuild indexed, not of every page.
 */
async function siteFiles(outputDir: string): Promise<Map<string, string>> {
	const files = new Map<string, string>();
	for (const relative of await filesOutsideSearch(outputDir)) {
		if (relative === "sw.js") continue;
		const content = await readFile(path.join(outputDir, relative), "utf8");
		files.set(
			relative,
			withSearchConfig(content.replace(/ data-service-worker="[^"]*"/, ""), ({ recentBundle: _, ...config }) => ({
				...config,
				indexVersion: "",
			})),
		);
	}
	return files;
}

/** Where two texts part, with a little context: the served text, then the built one. */
function firstDifference(served: string, built: string): string {
	let at = 0;
	while (at < served.length && served[at] === built[at]) at++;
	return `served "${served.slice(Math.max(0, at - 40), at + 60)}" built "${built.slice(Math.max(0, at - 40), at + 60)}"`;
}

function differences(served: Map<string, string>, built: Map<string, string>): string[] {
	const found: string[] = [];
	for (const [file, content] of built)
		if (!served.has(file)) found.push(`missing ${file}`);
		else if (served.get(file) !== content)
			found.push(`differs ${file}${found.length === 0 ? ` (${firstDifference(served.get(file) ?? "", content)})` : ""}`);
	for (const file of served.keys()) if (!built.has(file)) found.push(`left over ${file}`);
	return found;
}

test("after every edit of a random sequence, each page the dev server serves equals the full build's", async () => {
	const next = random(seed);
	const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
	const some = <T>(items: readonly T[], most: number): T[] => items.filter(() => next() < most / items.length);
	const articles = await tempDir("dev-exact-");
	const specs: Spec[] = [];
	let made = 0;
	const spec = (date: string, draft = false): Spec => {
		made++;
		return {
			file: `${date.slice(0, 4)}/${date.slice(5, 7)}/item-${made}.md`,
			title: `Item ${made}`,
			date,
			topics: some(topicPool, 2),
			people: some(peoplePool, 1.5),
			places: some(placePool, 1.5),
			draft,
		};
	};
	const write = async (item: Spec) => {
		await mkdir(path.dirname(path.join(articles, item.file)), { recursive: true });
		await writeFile(path.join(articles, item.file), text(item));
	};
	for (const date of ["2025-01-10", "2025-01-20", "2025-02-03", "2025-02-14", "2025-03-01", "2025-03-09"]) specs.push(spec(date));
	specs.push(spec("2025-02-20", true));
	for (const item of specs) await write(item);
	await writeFile(path.join(articles, "site.yaml"), settings("Exact digest"));
	await writeFile(path.join(articles, "topics.yaml"), registry("Diplomacy"));

	const newest = () =>
		specs
			.map((item) => item.date)
			.sort()
			.at(-1) ?? "2025-01-01";
	const oldest = () => specs.map((item) => item.date).sort()[0] ?? "2025-01-01";
	const shift = (date: string, days: number) => new Date(Date.parse(date) + days * 86_400_000).toISOString().slice(0, 10);
	const edits: Record<string, () => Promise<string>> = {
		"add a newer article": async () => {
			const item = spec(shift(newest(), 1 + Math.floor(next() * 40)));
			specs.push(item);
			await write(item);
			return item.file;
		},
		"add an older article": async () => {
			const item = spec(shift(oldest(), -1 - Math.floor(next() * 40)));
			specs.push(item);
			await write(item);
			return item.file;
		},
		retitle: async () => {
			const item = pick(specs);
			item.title = `${item.title} (retitled ${Math.floor(next() * 1000)})`;
			await write(item);
			return item.file;
		},
		"change topics": async () => {
			const item = pick(specs);
			item.topics = [...some(topicPool, 2), ...(next() < 0.5 ? [`new-topic-${made}-${Math.floor(next() * 100)}`] : [])];
			await write(item);
			return item.file;
		},
		"change people": async () => {
			const item = pick(specs);
			item.people = some([...peoplePool, "Katherine Johnson"], 2);
			await write(item);
			return item.file;
		},
		"change places": async () => {
			const item = pick(specs);
			item.places = some([...placePool, "Odesa"], 2);
			await write(item);
			return item.file;
		},
		delete: async () => {
			const item = pick(specs);
			specs.splice(specs.indexOf(item), 1);
			await rm(path.join(articles, item.file));
			return item.file;
		},
		"edit site.yaml": async () => {
			await writeFile(path.join(articles, "site.yaml"), settings(`Exact digest ${Math.floor(next() * 1000)}`));
			return "site.yaml";
		},
		"edit topics.yaml": async () => {
			await writeFile(path.join(articles, "topics.yaml"), registry(`Diplomacy ${Math.floor(next() * 1000)}`));
			return "topics.yaml";
		},
	};
	// Every kind of edit once, in a seeded order: the few steps a time-limited CI affords cover them all.
	const names = Object.keys(edits)
		.map((name) => ({ name, order: next() }))
		.sort((a, b) => a.order - b.order)
		.map(({ name }) => name)
		.slice(0, steps);
	assert.equal(names.length, Object.keys(edits).length, "the sequence holds every kind of edit");

	const outputDir = path.join(await tempDir("dev-exact-site-"), "_site");
	// A change has settled once its rebuild is done and the whole search index rebuilt after it (which
	// rewrites the search page's index version).
	let reindexed = 0;
	const server: DevServer = await startDevServer({
		articlesDir: articles,
		outputDir,
		port: 0,
		log: { log: (line: string) => (/ search index rebuilt /.test(line) ? reindexed++ : undefined), error: () => {} },
	});
	const report: string[] = [];
	try {
		// chokidar reports changes in a sub-folder only once it watches it, a moment after it says it is ready.
		await new Promise((resolve) => setTimeout(resolve, 1000));
		for (const [index, name] of names.entries()) {
			const before = reindexed;
			const what = await (edits[name] as () => Promise<string>)();
			await waitUntil(`the rebuild after "${name}"`, async () => reindexed > before, 30_000);
			const built = path.join(await tempDir("dev-exact-build-"), "_site");
			await buildSite({ articlesDir: articles, outputDir: built, drafts: true, future: true, fileSearch: false });
			const served = await siteFiles(outputDir);
			const found = differences(served, await siteFiles(built));
			if (found.length > 0)
				report.push(`step ${index + 1} "${name}" (${what}): ${found.length} of ${served.size} files: ${found.slice(0, 8).join(", ")}`);
		}
	} finally {
		await server.stop();
	}
	assert.equal(report, [], `seed ${seed}: pages the dev server serves that differ from a full build`);
});

test.run();
