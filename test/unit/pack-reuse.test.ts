/**
 * A rebuild that took the last index's result fragments as they are (src/search/fragment-reuse.ts) also
 * takes the last build's offline pack of them (src/search/packs.ts, `samePack`), but only when the pack
 * lists exactly the files it would hold now and every one of them is still the last build's own file.
 * Fragment files here are written as Pagefind writes them (gzip of `pagefind_dcd` and the JSON).
 */
import { linkSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { previousIndex } from "../../src/search/fragment-reuse.ts";
import { contentName, packFiles, type PackPlan, samePack, writePackBytes } from "../../src/search/packs.ts";
import { tempDir } from "../support/fixtures.ts";

const fragment = (url: string): Buffer =>
	gzipSync(Buffer.from(`pagefind_dcd${JSON.stringify({ url, content: `Text of ${url}`, meta: {} })}`));

const names = ["en_0188fed.pf_fragment", "en_01ca22c.pf_fragment", "en_02b77fa.pf_fragment"];
const plan: PackPlan = { group: "fragment-0", files: names.map((name) => `fragment/${name}`) };

/** The last build's `pagefind/`: three fragments and their pack, named as offline.ts names it. */
async function lastIndex(): Promise<{ dir: string; pack: string }> {
	const dir = await tempDir("pack-last-");
	await mkdir(path.join(dir, "fragment"), { recursive: true });
	for (const [index, name] of names.entries()) await writeFile(path.join(dir, "fragment", name), fragment(`/articles/${index}/`));
	const bytes = await writePackBytes(dir, plan.files, { compressed: true });
	const pack = `offline/fragment-0-${contentName(bytes)}.pack`;
	await mkdir(path.join(dir, "offline"), { recursive: true });
	await writeFile(path.join(dir, pack), bytes);
	return { dir, pack };
}

/** This build's `pagefind/fragment/`: each file linked from the last index, or written anew. */
async function thisIndex(last: string, files: Record<string, "linked" | Buffer>): Promise<string> {
	const dir = await tempDir("pack-next-");
	await mkdir(path.join(dir, "fragment"), { recursive: true });
	for (const [name, how] of Object.entries(files)) {
		const target = path.join(dir, "fragment", name);
		if (how === "linked") linkSync(path.join(last, "fragment", name), target);
		else await writeFile(target, how);
	}
	return dir;
}

test("a pack's header lists its files, compressed or not", async () => {
	const { dir, pack } = await lastIndex();
	assert.equal(packFiles(await readFile(path.join(dir, pack))), plan.files);
	assert.equal(packFiles(await writePackBytes(dir, plan.files)), plan.files);
});

test("the last pack is taken when every file it would hold is the last build's own file", async () => {
	const { dir, pack } = await lastIndex();
	const next = await thisIndex(dir, Object.fromEntries(names.map((name) => [name, "linked"])));
	assert.ok(samePack(previousIndex(dir, next), pack, plan));
	// What it stands for: the pack written now has the same bytes.
	assert.equal(await writePackBytes(next, plan.files, { compressed: true }), await readFile(path.join(dir, pack)));
});

test("a file written again, even with the same bytes, makes the pack be written again", async () => {
	const { dir, pack } = await lastIndex();
	const [first, ...rest] = names as [string, ...string[]];
	const rewritten = await readFile(path.join(dir, "fragment", first));
	const next = await thisIndex(dir, { [first]: rewritten, ...Object.fromEntries(rest.map((name) => [name, "linked"])) });
	assert.not.ok(samePack(previousIndex(dir, next), pack, plan));
});

test("a pack that would hold another list of files, or that is gone, is written again", async () => {
	const { dir, pack } = await lastIndex();
	const next = await thisIndex(dir, Object.fromEntries(names.map((name) => [name, "linked"])));
	const fewer: PackPlan = { group: plan.group, files: plan.files.slice(0, 2) };
	assert.not.ok(samePack(previousIndex(dir, next), pack, fewer), "a page gone from the pack");
	await writeFile(path.join(next, "fragment", "en_0fffffe.pf_fragment"), fragment("/articles/new/"));
	const more: PackPlan = { group: plan.group, files: [...plan.files, "fragment/en_0fffffe.pf_fragment"] };
	assert.not.ok(samePack(previousIndex(dir, next), pack, more), "a new page in the pack");
	assert.not.ok(samePack(previousIndex(dir, next), "offline/fragment-0-0000000000000000.pack", plan), "no such pack");
});

test("a pack whose bytes are no longer those its name stands for is written again", async () => {
	const { dir, pack } = await lastIndex();
	const next = await thisIndex(dir, Object.fromEntries(names.map((name) => [name, "linked"])));
	// The same files listed, other bytes (a tool wrote into it): its name no longer matches.
	await writeFile(path.join(dir, pack), await writePackBytes(dir, plan.files));
	assert.not.ok(samePack(previousIndex(dir, next), pack, plan));
});

test.run();
