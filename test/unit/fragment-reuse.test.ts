/**
 * Which result fragments of the last index a rebuild may take as they are (src/search/fragment-reuse.ts):
 * only those whose name nothing else could carry, and an index built around them is accepted only when
 * no new fragment shares a linked one's digits. Fragment files here are written as Pagefind writes them
 * (gzip of `pagefind_dcd` and the fragment's JSON).
 */
import { createHash } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { test } from "uvu";
import * as assert from "uvu/assert";
import {
	fragmentUrls,
	indexFiles,
	linkFragments,
	type ReadFragments,
	type RecordedFragment,
	readFragment,
	reusableFragments,
	reuseHeld,
} from "../../src/search/fragment-reuse.ts";
import { tempDir } from "../support/fixtures.ts";

async function indexFolder(fragments: Record<string, string>): Promise<string> {
	const folder = await tempDir("fragments-");
	await mkdir(path.join(folder, "fragment"), { recursive: true });
	for (const [name, url] of Object.entries(fragments)) {
		const bytes = gzipSync(Buffer.from(`pagefind_dcd${JSON.stringify({ url, content: `Text of ${url}`, meta: {} })}`));
		await writeFile(path.join(folder, "fragment", name), bytes);
	}
	return folder;
}

const lastIndex = {
	"en_0188fed.pf_fragment": "/articles/a/",
	"en_01ca22c.pf_fragment": "/articles/b/",
	// Two pages shared the digits 02b77fa: one name was lengthened.
	"en_02b77fa.pf_fragment": "/articles/c/",
	"en_02b77fa3.pf_fragment": "/articles/d/",
	"en_0ab02f6.pf_fragment": "/articles/edited/",
};

test("fragmentUrls reads each fragment's page, and keeps what the record says of a file whose bytes are still the same", async () => {
	const folder = await indexFolder(lastIndex);
	const recorded = fragmentUrls(folder);
	assert.equal(Object.fromEntries(Object.entries(recorded).map(([name, fragment]) => [name, fragment.url])), lastIndex);
	const first = recorded["en_0188fed.pf_fragment"] as RecordedFragment;
	const claimed: Record<string, RecordedFragment> = { ...recorded, "en_0188fed.pf_fragment": { ...first, url: "/kept/" } };
	assert.is(fragmentUrls(folder, claimed)["en_0188fed.pf_fragment"]?.url, "/kept/", "the same file: the record's entry is kept");
	const second = recorded["en_01ca22c.pf_fragment"] as RecordedFragment;
	const copied = { ...recorded, "en_01ca22c.pf_fragment": { ...second, url: "/copied/", ino: -1, mtimeMs: second.mtimeMs - 1000 } };
	assert.is(fragmentUrls(folder, copied)["en_01ca22c.pf_fragment"]?.url, "/copied/", "another file of the same bytes: the entry is kept");
	const stale = {
		...recorded,
		"en_01ca22c.pf_fragment": { ...second, url: "/stale/", mtimeMs: second.mtimeMs - 1000, sha256: "0".repeat(64) },
	};
	assert.is(fragmentUrls(folder, stale)["en_01ca22c.pf_fragment"]?.url, "/articles/b/", "other bytes: it is read");
});

test("only fragments of carried pages whose name was neither lengthened nor shared are reusable", async () => {
	const folder = await indexFolder(lastIndex);
	const recorded = fragmentUrls(folder);
	const carried = new Set(["/articles/a/", "/articles/b/", "/articles/c/", "/articles/d/"]);
	const reuse = reusableFragments(path.join(folder, "fragment"), recorded, carried);
	assert.equal(reuse.names, ["en_0188fed.pf_fragment", "en_01ca22c.pf_fragment"]);
	// A file replaced since the record: not the recorded one any more.
	await writeFile(path.join(folder, "fragment", "en_01ca22c.pf_fragment"), "replaced");
	assert.equal(reusableFragments(path.join(folder, "fragment"), recorded, carried).names, ["en_0188fed.pf_fragment"]);
});

test("an index around linked fragments holds only with one fragment per page and no new one sharing a linked one's digits", async () => {
	const previous = await indexFolder(lastIndex);
	const reuse = reusableFragments(path.join(previous, "fragment"), fragmentUrls(previous), new Set(["/articles/a/", "/articles/b/"]));
	const next = await tempDir("next-index-");
	const linked = linkFragments(reuse, next);
	assert.equal([...linked].sort(), ["en_0188fed.pf_fragment", "en_01ca22c.pf_fragment"]);
	// What Pagefind adds: the edited page and a new one.
	const added = async (name: string) => writeFile(path.join(next, "fragment", name), "x");
	await added("en_5e20861.pf_fragment");
	await added("en_99f2cd2.pf_fragment");
	assert.ok(reuseHeld(next, linked, 4));
	assert.not.ok(reuseHeld(next, linked, 5), "a page without its own fragment file");
	// A new page whose digits are a linked fragment's: one of the two was given the linked name.
	await added("en_0188fed9.pf_fragment");
	assert.not.ok(reuseHeld(next, linked, 5));
});

test("an index's files read once when kept: the packs and the file:// bundle read the same bytes, from disk once", async () => {
	const folder = await indexFolder({ "en_0188fed.pf_fragment": "/articles/a/" });
	const file = "fragment/en_0188fed.pf_fragment";
	const kept = indexFiles(folder, { keepContents: true });
	const notKept = indexFiles(folder);
	const bytes = kept.contents(file);
	assert.equal(notKept.contents(file), bytes);
	await rm(path.join(folder, file));
	// Gone from disk: the kept copy is what was read; without keeping, each call reads again.
	assert.equal(kept.contents(file), bytes);
	assert.throws(() => notKept.contents(file), /ENOENT/);
});

test("what the packs read of a fragment (page, hash) is what the record keeps, and the record does not read it again", async () => {
	// Written as Pagefind writes them (URL first; a page added by URL, as a Russian Hugo site's `url = '/статьи/…'`, keeps it unencoded).
	const folder = await indexFolder({ "en_0188fed.pf_fragment": "/статьи/встреча/", "en_01ca22c.pf_fragment": "/articles/b/" });
	const file = path.join(folder, "fragment", "en_0188fed.pf_fragment");
	const bytes = await readFile(file);
	const read: ReadFragments = new Map();
	readFragment(read, "en_0188fed.pf_fragment", bytes, gunzipSync(bytes));
	// A fragment whose JSON does not start with its URL is read whole, as the record reads one; one with no
	// URL is not noted.
	readFragment(read, "en_odd.pf_fragment", bytes, Buffer.from('pagefind_dcd{"content":"x","url":"/articles/c/"}'));
	readFragment(read, "en_none.pf_fragment", bytes, Buffer.from('pagefind_dcd{"content":"x"}'));
	assert.equal([...read.keys()], ["en_0188fed.pf_fragment", "en_odd.pf_fragment"]);
	assert.is(read.get("en_odd.pf_fragment")?.url, "/articles/c/");
	read.delete("en_odd.pf_fragment");
	const sha256 = createHash("sha256").update(bytes).digest("hex");
	assert.equal(read.get("en_0188fed.pf_fragment"), { url: "/статьи/встреча/", sha256 });
	// The noted fragment's file made unreadable as a fragment: the record takes what was noted; the other is read.
	await writeFile(file, "not gzip");
	const recorded = fragmentUrls(folder, {}, undefined, read);
	assert.is(recorded["en_0188fed.pf_fragment"]?.url, "/статьи/встреча/");
	assert.is(recorded["en_0188fed.pf_fragment"]?.sha256, sha256);
	assert.is(recorded["en_01ca22c.pf_fragment"]?.url, "/articles/b/");
	assert.throws(() => fragmentUrls(folder), /header|incorrect|invalid/i);
});

test.run();
