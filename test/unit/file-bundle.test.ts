import { linkSync, statSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import vm from "node:vm";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { fileBundleScript } from "../../src/browser/file-bundle-names.ts";
import { writeFileBundle } from "../../src/search/file-bundle.ts";
import { previousIndex } from "../../src/search/fragment-reuse.ts";
import { tempDir } from "../support/fixtures.ts";

/** A Pagefind folder as Pagefind writes one: `fragments` result fragments, a few index chunks, its entry and script. */
async function pagefindFolder(fragments: number): Promise<{ dir: string; files: Map<string, Buffer> }> {
	const dir = await tempDir("file-bundle-");
	const files = new Map<string, Buffer>();
	const add = (name: string, bytes: Buffer) => files.set(name, bytes);
	add(
		"pagefind-entry.json",
		Buffer.from(JSON.stringify({ version: "1.6.0", languages: { en: { hash: "en_1", wasm: "en", page_count: fragments } } })),
	);
	add("pagefind.js", Buffer.from("export const search = () => [];"));
	add("pagefind.en_5bf1a98a54.pf_meta", Buffer.from([1, 2, 3]));
	add("wasm.en.pagefind", Buffer.from([0, 97, 115, 109]));
	add("index/en_0a1b2c3.pf_index", Buffer.from([9, 9, 9]));
	add("filter/en_44aa55b.pf_filter", Buffer.from([7]));
	for (let i = 0; i < fragments; i++)
		add(`fragment/en_${(i * 2654435761).toString(16).padStart(8, "0").slice(-7)}.pf_fragment`, Buffer.from(`fragment ${i}`));
	// Not needed to search (Pagefind's UI kits): left out of the bundle.
	add("pagefind-ui.js", Buffer.from("ui"));
	add("wasm.de.pagefind", Buffer.from("unused language"));
	for (const [name, bytes] of files) {
		await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
		await writeFile(path.join(dir, name), bytes);
	}
	return { dir, files };
}

/** Runs every script of the bundle as a browser would, collecting the files they hand over. */
async function runBundle(dir: string): Promise<{ scripts: string[]; carried: Map<string, { bytes: Buffer; script: string }> }> {
	const bundle = path.join(dir, "file");
	const scripts = (await readdir(bundle, { recursive: true, withFileTypes: true }))
		.filter((entry) => entry.isFile())
		.map((entry) => path.relative(bundle, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
		.sort();
	const carried = new Map<string, { bytes: Buffer; script: string }>();
	for (const script of scripts) {
		const context = vm.createContext({
			topicDigestPagefindFile: (name: string, base64: string) => {
				assert.not.ok(carried.has(name), `${name} is carried once`);
				carried.set(name, { bytes: Buffer.from(base64, "base64"), script });
			},
		});
		vm.runInContext(await readFile(path.join(bundle, script), "utf8"), context);
	}
	return { scripts, carried };
}

test("the file:// bundle carries every file search needs, byte for byte, in the script the page asks for", async () => {
	const { dir, files } = await pagefindFolder(600);
	const report = await writeFileBundle(dir);
	const { scripts, carried } = await runBundle(dir);
	const needed = [...files.keys()].filter((name) => name !== "pagefind-ui.js" && name !== "wasm.de.pagefind").sort();
	assert.equal([...carried.keys()].sort(), needed);
	for (const name of needed) {
		assert.ok(carried.get(name)?.bytes.equals(files.get(name) as Buffer), `${name}: same bytes`);
		assert.is(carried.get(name)?.script, fileBundleScript(name), `${name} is in the script the page loads for it`);
	}
	assert.is(report.files, needed.length);
	assert.is(report.scripts, scripts.length);
});

test("result fragments share at most 256 scripts, whatever the digest's size; other files keep one each", async () => {
	const { dir } = await pagefindFolder(3000);
	await writeFileBundle(dir);
	const { scripts } = await runBundle(dir);
	const fragmentScripts = scripts.filter((script) => script.startsWith("fragment/"));
	assert.ok(fragmentScripts.length <= 256, `${fragmentScripts.length} fragment scripts`);
	assert.ok(fragmentScripts.length > 200, "3,000 hashes spread over nearly every script");
	assert.ok(scripts.includes("index/en_0a1b2c3.pf_index.js"));
	assert.ok(scripts.includes("pagefind.js.js"));
	assert.is(fileBundleScript("fragment/en_0188fed.pf_fragment"), "fragment/01.js");
	assert.is(fileBundleScript("fragment/0188fed.pf_fragment"), "fragment/01.js", "a fragment without a language prefix");
});

test("the same index gives the same bundle, byte for byte", async () => {
	const first = await pagefindFolder(300);
	const second = await pagefindFolder(300);
	await writeFileBundle(first.dir);
	await writeFileBundle(second.dir);
	const a = await runBundle(first.dir);
	const b = await runBundle(second.dir);
	assert.equal(a.scripts, b.scripts);
	for (const script of a.scripts)
		assert.is(await readFile(path.join(first.dir, "file", script), "utf8"), await readFile(path.join(second.dir, "file", script), "utf8"));
});

/** `dir` again in a new folder, as a rebuild that took the last index's fragments has it: those linked, every other file written anew. */
async function rebuiltFolder(dir: string, changed: Record<string, Buffer>): Promise<string> {
	const next = await tempDir("file-bundle-next-");
	for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile() || path.relative(dir, entry.parentPath).startsWith("file")) continue;
		const name = path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/");
		await mkdir(path.dirname(path.join(next, name)), { recursive: true });
		if (name.startsWith("fragment/") && !(name in changed)) linkSync(path.join(dir, name), path.join(next, name));
		else await writeFile(path.join(next, name), changed[name] ?? (await readFile(path.join(dir, name))));
	}
	for (const [name, bytes] of Object.entries(changed)) await writeFile(path.join(next, name), bytes);
	return next;
}

test("a rebuild takes the last bundle's scripts of fragments it linked as they are, and writes what a bundle from scratch writes", async () => {
	const { dir } = await pagefindFolder(600);
	await writeFileBundle(dir);
	const edited = "fragment/en_0000000.pf_fragment";
	const added = "fragment/en_fffffff.pf_fragment";
	const next = await rebuiltFolder(dir, { [edited]: Buffer.from("fragment 0, edited"), [added]: Buffer.from("a new article") });
	await writeFileBundle(next, { previousIndex: previousIndex(dir, next) });
	const scratch = await rebuiltFolder(next, {});
	await writeFileBundle(scratch);
	const { scripts } = await runBundle(next);
	assert.equal(scripts, (await runBundle(scratch)).scripts);
	let taken = 0;
	for (const script of scripts) {
		const file = (root: string) => path.join(root, "file", script);
		assert.is(await readFile(file(next), "utf8"), await readFile(file(scratch), "utf8"), `${script} as a bundle from scratch has it`);
		const same = statSync(file(next)).ino === statSync(file(dir)).ino;
		// Only a script of fragments that are all the last index's own files can be its script.
		const touched = script === fileBundleScript(edited) || script === fileBundleScript(added) || !script.startsWith("fragment");
		assert.is(same, !touched, `${script} ${touched ? "written again" : "taken as it was"}`);
		if (same) taken++;
	}
	assert.ok(taken > 200, `${taken} of ${scripts.length} scripts taken as they were`);
});

test.run();
