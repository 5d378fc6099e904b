/**
 * Same articles, same bytes: the real build command, run as separate processes under different time
 * zones and locales, from copies of the articles written to disk in different orders, writes identical
 * files — every page, feed, sitemap and the whole Pagefind bundle.
 */
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { type GeneratedArticle, generateCorpus } from "../../src/bench/corpus.ts";
import { buildSite } from "../../src/commands/build.ts";
import { articleText, tempDir } from "../support/fixtures.ts";
import { runScript } from "../support/run-script.ts";

/** Articles whose day or month depends on the zone they are read in, if the code ever used the machine's. */
const zoneSensitive: GeneratedArticle[] = [
	{ file: "2025/02/late-night.md", text: articleText({ title: "Late at night", date: '"2025-02-28 23:45"', topics: ["time-zones"] }) },
	{
		file: "2025/03/early-morning.md",
		text: articleText({ title: "Early in the morning", date: "2025-03-01T00:15:00+14:00", topics: ["time-zones"] }),
	},
	{
		file: "2025/02/west.md",
		text: articleText({
			title: "Far west",
			date: "2025-02-28T22:30:00-11:00",
			topics: ["time-zones"],
			extra: "updated: 2025-03-01T01:00:00-11:00",
		}),
	},
	{
		file: "2025/01/новости.md",
		text: articleText({ title: "Новости: Ärger über Öl und ığüşö", date: "2025-01-31", topics: ["Война в Украине", "İstanbul talks"] }),
	},
	{
		file: "2024/12/numbers.md",
		text: articleText({ title: "Numbers 1234567.5 and ٣", date: "2024-12-31", topics: ["time-zones"], body: "Words ".repeat(2500) }),
	},
];

function corpus(): GeneratedArticle[] {
	const files = [...generateCorpus({ articles: 150, seed: 7, start: "2023-06-01" }), ...zoneSensitive];
	// A site zone far from UTC: dates are read and shown there, whatever TZ says.
	return files.map((entry) => (entry.file === "site.yaml" ? { ...entry, text: `${entry.text}zone: Asia/Kolkata\n` } : entry));
}

async function writeInOrder(files: GeneratedArticle[]): Promise<string> {
	const dir = await tempDir("articles-");
	for (const { file, text } of files) {
		await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
		await writeFile(path.join(dir, file), text);
	}
	return dir;
}

/** Every file under `dir` by its path, as a SHA-256 of its bytes. */
async function hashes(dir: string): Promise<Map<string, string>> {
	const result = new Map<string, string>();
	const entries = await readdir(dir, { recursive: true, withFileTypes: true });
	for (const entry of entries) {
		if (!entry.isFile()) continue;
		const file = path.join(entry.parentPath, entry.name);
		result.set(
			path.relative(dir, file).split(path.sep).join("/"),
			createHash("sha256")
				.update(await readFile(file))
				.digest("hex"),
		);
	}
	return result;
}

const environments = [
	{ TZ: "UTC", LANG: "C", LC_ALL: "C" },
	{ TZ: "Pacific/Kiritimati", LANG: "ar_SA.UTF-8", LC_ALL: "ar_SA.UTF-8" },
	{ TZ: "America/St_Johns", LANG: "tr_TR.UTF-8", LC_ALL: "tr_TR.UTF-8" },
];

/** The three builds, each in its own process and environment, run once and shared by the tests. */
const builds = (async () => {
	const files = corpus();
	const orders = [files, [...files].reverse(), [...files.filter((_, i) => i % 2 === 1), ...files.filter((_, i) => i % 2 === 0)]];
	const outputs: string[] = [];
	for (const [i, env] of environments.entries()) {
		const articles = await writeInOrder(orders[i] ?? files);
		const output = path.join(await tempDir("site-"), "_site");
		const args = ["--articles", articles, "--output", output, "--site-url", "https://digest.example/repo/", "--path-prefix", "/repo/"];
		const result = await runScript("build.ts", args, { env });
		assert.is(result.code, 0, `${JSON.stringify(env)}: ${result.stderr}`);
		outputs.push(output);
	}
	return outputs;
})();

test("builds under different TZ and locale, from articles written in different orders, give identical bytes for every file", async () => {
	const outputs = await builds;
	const reference = await hashes(outputs[0] as string);
	const builtFiles = [...reference.keys()];
	// Not vacuous: pages, feeds, sitemap and the search bundle are all there.
	for (const expected of [
		"index.html",
		"feed.xml",
		"feed.json",
		"sitemap.xml",
		"pagefind/pagefind-entry.json",
		"articles/2025/02/28/late-night/index.html",
	]) {
		assert.ok(reference.has(expected), `${expected} was built`);
	}
	assert.ok(builtFiles.filter((file) => file.startsWith("pagefind/")).length > 5, "the Pagefind bundle was built");
	assert.ok(builtFiles.length > 150 + 20, `${builtFiles.length} files`);

	for (const [i, output] of outputs.entries()) {
		if (i > 0) await assertSameFiles(outputs[0] as string, output, `under ${JSON.stringify(environments[i])}`);
	}
});

/** Fails with the first differing bytes unless `dir` holds exactly the files of `referenceDir`, byte for byte. */
async function assertSameFiles(referenceDir: string, dir: string, label: string): Promise<void> {
	const reference = await hashes(referenceDir);
	const other = await hashes(dir);
	assert.equal([...other.keys()].sort(), [...reference.keys()].sort(), `the same files ${label}`);
	const differing = [...reference].filter(([file, hash]) => other.get(file) !== hash).map(([file]) => file);
	if (differing.length === 0) return;
	const [first] = differing;
	const a = await readFile(path.join(referenceDir, first as string), "utf8");
	const b = await readFile(path.join(dir, first as string), "utf8");
	let at = 0;
	while (at < a.length && a[at] === b[at]) at++;
	assert.unreachable(
		`${differing.length} files differ ${label} (${differing.slice(0, 10).join(", ")}), e.g. ${first}:\n  ${JSON.stringify(a.slice(Math.max(0, at - 80), at + 80))}\n  ${JSON.stringify(b.slice(Math.max(0, at - 80), at + 80))}`,
	);
}

test("a build rendered in several Eleventy runs writes the same files, byte for byte, as one run", async () => {
	const articlesDir = await writeInOrder(corpus());
	const root = await tempDir("runs-");
	const options = { articlesDir, siteUrl: "https://digest.example/repo/", pathPrefix: "/repo/", cacheDir: false as const };
	const one = await buildSite({ ...options, outputDir: path.join(root, "one"), pagesPerRun: 0 });
	const several = await buildSite({ ...options, outputDir: path.join(root, "several"), pagesPerRun: 40 });
	assert.is(several.pages, one.pages, "every page rendered once");
	assert.ok(one.pages > 4 * 40, `${one.pages} pages: several runs of 40, articles and other pages among them`);
	await assertSameFiles(path.join(root, "one"), path.join(root, "several"), "in runs of 40 pages");
});

test("a split index, started on its first part written while the other article runs render, is the one a single run writes", async () => {
	const articlesDir = await writeInOrder(corpus());
	const root = await tempDir("runs-split-");
	const options = { articlesDir, pathPrefix: "/repo/", cacheDir: false as const, pagesPerIndex: 40 };
	await buildSite({ ...options, outputDir: path.join(root, "one"), pagesPerRun: 0 });
	await buildSite({ ...options, outputDir: path.join(root, "several"), pagesPerRun: 30 });
	const parts = await readdir(path.join(root, "several", "pagefind", "shards"));
	assert.ok(parts.length >= 3, `${parts.length + 1} indexes, written one by one as their pages are`);
	await assertSameFiles(path.join(root, "one"), path.join(root, "several"), "with the index split and begun early");
});

test("dates are read in the site's zone, not the machine's: a late-night article stays on its day and month", async () => {
	// Built under TZ=Pacific/Kiritimati (UTC+14), where it is already the next day.
	const output = (await builds)[1] as string;
	// Site zone Asia/Kolkata: 2025-02-28 23:45 there is still February; 00:15 at +14:00 is 2025-02-28 in Kolkata.
	const late = await readFile(path.join(output, "articles/2025/02/28/late-night/index.html"), "utf8");
	assert.match(late, 'datetime="2025-02-28T23:45:00.000+05:30"');
	assert.match(late, "28 February 2025");
	const early = await readFile(path.join(output, "articles/2025/02/28/early-morning/index.html"), "utf8");
	assert.match(early, "28 February 2025");
});

test.run();
