/**
 * When a rebuild takes the last search index whole (src/search/index-reuse.ts): the record keeps
 * Pagefind's own files (not the fragments, not what the offline and file:// steps write), and the index
 * is taken only for the same key, no article page rendered, every fragment a carried page's and every
 * file still the recorded one, by identity or by its bytes.
 */
import { existsSync, statSync } from "node:fs";
import { mkdir, readdir, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { type FileIdentity, identityOf, type RecordedFragment, recordedFile, reusableFragments } from "../../src/search/fragment-reuse.ts";
import { recordIndex, reusableIndex, takeIndex } from "../../src/search/index-reuse.ts";
import { tempDir } from "../support/fixtures.ts";

/** An output folder with an index laid out as Pagefind and this project's steps leave it. */
async function site(): Promise<{ outputDir: string; files: Map<string, FileIdentity> }> {
	const outputDir = await tempDir("index-reuse-");
	const written: Record<string, string> = {
		"pagefind/pagefind-entry.json": '{"version":"1.6.0"}',
		"pagefind/pagefind.js": "export const search = () => [];",
		"pagefind/pagefind.en_c09568ba6d.pf_meta": "meta",
		"pagefind/index/en_1a2b3c4.pf_index": "index chunk",
		"pagefind/filter/en_5d6e7f8.pf_filter": "filter",
		"pagefind/fragment/en_0188fed.pf_fragment": "fragment",
		"pagefind/offline/fragment-1.pack": "pack",
		"pagefind/offline.json": "{}",
		"pagefind/file/pagefind-entry.js": "bundle",
		"articles/2025/02/18/talks/index.html": "<html></html>",
	};
	const files = new Map<string, FileIdentity>();
	for (const [file, text] of Object.entries(written)) {
		await mkdir(path.dirname(path.join(outputDir, file)), { recursive: true });
		await writeFile(path.join(outputDir, file), text);
		files.set(file, identityOf(path.join(outputDir, file)) as FileIdentity);
	}
	return { outputDir, files };
}

const key = JSON.stringify({ glob: "articles/*/*/*/*/index.html", language: "en" });
const talks = "/articles/2025/02/18/talks/";
// Recorded without its file's identity: taken only as `reuse` names it.
const fragments = { "en_0188fed.pf_fragment": { url: talks } as RecordedFragment };
const carried = new Set([talks]);
const everyFragment = (outputDir: string) => ({ from: path.join(outputDir, "pagefind", "fragment"), names: ["en_0188fed.pf_fragment"] });

test("the record keeps Pagefind's own files, not the fragments, the offline packs or the file:// bundle", async () => {
	const { outputDir, files } = await site();
	const recorded = recordIndex(outputDir, files, key);
	assert.equal(Object.keys(recorded?.files ?? {}).sort(), [
		"filter/en_5d6e7f8.pf_filter",
		"index/en_1a2b3c4.pf_index",
		"pagefind-entry.json",
		"pagefind.en_c09568ba6d.pf_meta",
		"pagefind.js",
	]);
	assert.is(recordIndex(outputDir, files, undefined), undefined, "an index without a key is not recorded");
});

test("the last index is taken only when nothing it was made of has changed", async () => {
	const { outputDir, files } = await site();
	const recorded = recordIndex(outputDir, files, key);
	const pagefindDir = path.join(outputDir, "pagefind");
	const reusable = (options: { key?: string; rendered?: number; names?: string[] } = {}) =>
		reusableIndex(
			pagefindDir,
			recorded,
			options.key ?? key,
			fragments,
			{ ...everyFragment(outputDir), ...(options.names ? { names: options.names } : {}) },
			carried,
			options.rendered ?? 0,
		);
	assert.equal(reusable(), { files: Object.keys(recorded?.files ?? {}).sort(), fragments: ["en_0188fed.pf_fragment"] });
	assert.is(reusable({ key: JSON.stringify({ glob: "articles/*/*/*/*/index.html", language: "ru" }) }), undefined, "another language");
	assert.is(reusable({ rendered: 1 }), undefined, "an article page rendered anew");
	assert.is(reusable({ names: [] }), undefined, "a fragment that cannot be taken (a page gone, or its file changed)");
	assert.is(reusableIndex(pagefindDir, undefined, key, fragments, everyFragment(outputDir), carried, 0), undefined, "an older record");

	// The same bytes in a new file with another time (as a restored cache may leave them): still the index.
	const chunk = path.join(pagefindDir, "index", "en_1a2b3c4.pf_index");
	await writeFile(chunk, "index chunk");
	await utimes(chunk, new Date(2020, 0, 1), new Date(2020, 0, 1));
	assert.ok(reusable(), "the recorded bytes, in another file");
	// Other bytes of the same size: not the recorded file.
	await writeFile(chunk, "index chunX");
	assert.is(reusable(), undefined, "a file changed since the record");
	await writeFile(chunk, "index chunk");
	assert.ok(reusable());
	await writeFile(path.join(pagefindDir, "pagefind.js"), "");
	assert.is(reusable(), undefined, "a file of another size");
});

test("a taken index is the last one's files, linked; one that cannot be taken leaves nothing", async () => {
	const { outputDir, files } = await site();
	const recorded = recordIndex(outputDir, files, key);
	const pagefindDir = path.join(outputDir, "pagefind");
	const index = reusableIndex(pagefindDir, recorded, key, fragments, everyFragment(outputDir), carried, 0);
	if (!index) throw new Error("the index is taken whole");
	const next = await tempDir("index-taken-");
	assert.ok(takeIndex({ ...everyFragment(outputDir), index }, next));
	const taken = (await readdir(next, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
	assert.is(taken.length, index.files.length + 1, "Pagefind's files and the fragment");
	for (const entry of taken) {
		const inside = path.relative(next, path.join(entry.parentPath, entry.name));
		assert.is(statSync(path.join(next, inside)).ino, statSync(path.join(pagefindDir, inside)).ino, `${inside} is the same file`);
	}

	const other = path.join(await tempDir("index-not-taken-"), "pagefind");
	assert.not.ok(takeIndex({ ...everyFragment(outputDir), index: { ...index, files: [...index.files, "index/en_gone.pf_index"] } }, other));
	assert.not.ok(existsSync(other), "nothing is left of a half-taken index");
});

test("an index with names Pagefind lengthened for a clash is taken whole, clash and all, while its pages are carried over", async () => {
	const { outputDir, files } = await site();
	const pagefindDir = path.join(outputDir, "pagefind");
	// Beside the fragment of `talks`, two pages whose fragments shared their first 7 digits: Pagefind lengthened their names.
	const clash = { "en_1234567a.pf_fragment": "/articles/2025/02/18/a/", "en_1234567b.pf_fragment": "/articles/2025/02/18/b/" };
	const recordedFragments: Record<string, RecordedFragment> = {};
	for (const [name, url] of Object.entries({ "en_0188fed.pf_fragment": talks, ...clash })) {
		const file = path.join(pagefindDir, "fragment", name);
		if (url !== talks) await writeFile(file, `fragment of ${url}`);
		recordedFragments[name] = { ...recordedFile(file, identityOf(file) as FileIdentity), url };
	}
	const recorded = recordIndex(outputDir, files, key);
	const pages = new Set([talks, ...Object.values(clash)]);
	const oneByOne = reusableFragments(path.join(pagefindDir, "fragment"), recordedFragments, pages);
	assert.equal(
		oneByOne.names,
		["en_0188fed.pf_fragment"],
		"the clashing two are not reused one by one: a new page could be given either name",
	);
	const whole = reusableIndex(pagefindDir, recorded, key, recordedFragments, oneByOne, pages, 0);
	assert.equal(whole?.fragments, Object.keys(recordedFragments).sort());
	const next = await tempDir("index-clash-taken-");
	assert.ok(whole && takeIndex({ ...oneByOne, index: whole }, next));
	assert.equal((await readdir(path.join(next, "fragment"))).sort(), Object.keys(recordedFragments).sort(), "every fragment linked in");

	const withoutB = new Set([talks, clash["en_1234567a.pf_fragment"]]);
	assert.is(reusableIndex(pagefindDir, recorded, key, recordedFragments, oneByOne, withoutB, 0), undefined, "one of the pages gone");
	await writeFile(path.join(pagefindDir, "fragment", "en_1234567b.pf_fragment"), "fragment of another");
	assert.is(reusableIndex(pagefindDir, recorded, key, recordedFragments, oneByOne, pages, 0), undefined, "a fragment's file changed");
});

test.run();
