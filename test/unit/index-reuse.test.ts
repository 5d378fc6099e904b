/**
 * When a rebuild takes the last search index whole (src/search/index-reuse.ts): the record keeps
 * Pagefind's own files (not the fragments, not what the offline and file:// steps write), and the index
 * is taken only for the same key, no article page rendered, every fragment reusable and every file still
 * the recorded one, by identity or by its bytes.
 */
import { existsSync, statSync } from "node:fs";
import { mkdir, readdir, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { type FileIdentity, identityOf } from "../../src/search/fragment-reuse.ts";
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
const fragments = { "en_0188fed.pf_fragment": { url: "/articles/2025/02/18/talks/" } };
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
	assert.is(recordIndex(outputDir, files, undefined), undefined, "an index without a key (split in parts) is not recorded");
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
			options.rendered ?? 0,
		);
	assert.equal(reusable(), Object.keys(recorded?.files ?? {}).sort());
	assert.is(reusable({ key: JSON.stringify({ glob: "articles/*/*/*/*/index.html", language: "ru" }) }), undefined, "another language");
	assert.is(reusable({ rendered: 1 }), undefined, "an article page rendered anew");
	assert.is(reusable({ names: [] }), undefined, "a fragment that cannot be taken (a page gone, or its file changed)");
	assert.is(reusableIndex(pagefindDir, undefined, key, fragments, everyFragment(outputDir), 0), undefined, "an older record");

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
	const index = reusableIndex(pagefindDir, recorded, key, fragments, everyFragment(outputDir), 0) ?? [];
	const next = await tempDir("index-taken-");
	assert.ok(takeIndex({ ...everyFragment(outputDir), index }, next));
	const taken = (await readdir(next, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
	assert.is(taken.length, index.length + 1, "Pagefind's files and the fragment");
	for (const entry of taken) {
		const inside = path.relative(next, path.join(entry.parentPath, entry.name));
		assert.is(statSync(path.join(next, inside)).ino, statSync(path.join(pagefindDir, inside)).ino, `${inside} is the same file`);
	}

	const other = path.join(await tempDir("index-not-taken-"), "pagefind");
	assert.not.ok(takeIndex({ ...everyFragment(outputDir), index: [...index, "index/en_gone.pf_index"] }, other));
	assert.not.ok(existsSync(other), "nothing is left of a half-taken index");
});

test.run();
