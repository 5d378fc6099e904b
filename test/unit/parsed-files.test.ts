import { rm, stat, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { type CachedParse, loadDigest } from "../../src/content/load.ts";
import { ParsedFiles } from "../../src/content/parsed-files.ts";
import { articleText, writeArticles } from "../support/fixtures.ts";

const files = Object.fromEntries(
	Array.from({ length: 5 }, (_, i) => [
		`2025/02/story-${i}.md`,
		articleText({ title: `Story ${i}`, date: `2025-02-1${i}`, body: `Body ${i}.` }),
	]),
);

/** Files older than the racy window: their timestamps alone say whether they changed. */
async function age(dir: string): Promise<void> {
	const old = new Date(Date.now() - 60_000);
	for (const file of Object.keys(files)) await utimes(path.join(dir, file), old, old);
}

const load = (dir: string, memory: ParsedFiles<CachedParse>) => loadDigest(dir, { cache: false, memory, workers: 0 });
const titles = (digest: Awaited<ReturnType<typeof loadDigest>>) => digest.articles.map((article) => article.title).sort();

test("a second load takes unchanged files from memory and reads the edited, added and deleted ones", async () => {
	const dir = await writeArticles(files);
	await age(dir);
	const memory = new ParsedFiles<CachedParse>();
	await load(dir, memory);
	assert.is(memory.hits, 0, "the first load parses everything");
	await writeFile(path.join(dir, "2025/02/story-0.md"), articleText({ title: "Story zero, edited", date: "2025-02-10", body: "New." }));
	await writeFile(path.join(dir, "2025/02/story-9.md"), articleText({ title: "Story nine", date: "2025-02-19", body: "Added." }));
	await rm(path.join(dir, "2025/02/story-4.md"));
	const second = await load(dir, memory);
	assert.equal(titles(second), ["Story 1", "Story 2", "Story 3", "Story nine", "Story zero, edited"]);
	assert.is(memory.hits, 3, "only the three untouched files come from memory");
});

test("an edit that keeps the size and puts the modification time back is still read", async () => {
	const dir = await writeArticles(files);
	await age(dir);
	const memory = new ParsedFiles<CachedParse>();
	await load(dir, memory);
	const file = path.join(dir, "2025/02/story-1.md");
	const before = await stat(file);
	const text = articleText({ title: "Story 1", date: "2025-02-11", body: "Body 1." });
	await writeFile(file, text.replace("Body 1.", "Body X."));
	await utimes(file, before.atime, before.mtime);
	const second = await load(dir, memory);
	assert.ok(second.articles.find((article) => article.title === "Story 1")?.html.includes("Body X."));
});

test("a file saved twice within the racy window with the same size is compared by its bytes", async () => {
	const dir = await writeArticles(files);
	const memory = new ParsedFiles<CachedParse>();
	await load(dir, memory);
	// Just written: the stamps are too fresh to trust, so the unchanged files are read and compared.
	await load(dir, memory);
	assert.is(memory.hits, 5, "unchanged bytes are still taken from memory");
	const file = path.join(dir, "2025/02/story-2.md");
	const { mtime, atime } = await stat(file);
	await writeFile(file, articleText({ title: "Story 2", date: "2025-02-12", body: "Body Y." }));
	await utimes(file, atime, mtime);
	const third = await load(dir, memory);
	assert.ok(third.articles.find((article) => article.title === "Story 2")?.html.includes("Body Y."));
});

test("other parse settings (a new site.yaml zone) make the memory start over", async () => {
	const dir = await writeArticles(files);
	await age(dir);
	const memory = new ParsedFiles<CachedParse>();
	await load(dir, memory);
	await writeFile(path.join(dir, "site.yaml"), "zone: Europe/Kyiv\n");
	const hitsBefore = memory.hits;
	await load(dir, memory);
	assert.is(memory.hits, hitsBefore, "nothing is reused across settings");
});

test.run();
