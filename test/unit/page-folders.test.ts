/** The pages' folders, made before any page is written: on the calling thread or, for many, on a worker thread. */
import { existsSync, opendirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { createPageFolders } from "../../src/commands/carry-over.ts";
import { allPages, forEachPage, outputFileOfUrl } from "../../src/model/page-kinds.ts";
import { tempDir } from "../support/fixtures.ts";
import { article, model } from "../support/model.ts";

const site = model([
	article("ceasefire-talks", "2025-02-18", ["ukraine"]),
	article("riyadh-meeting", "2025-02-18", ["ukraine", "diplomacy"]),
	article("prisoner-exchange", "2025-03-02", ["ukraine"]),
	article("energy-truce", "2025-03-11", ["diplomacy"]),
]);

/**
 * Every folder under `dir`, each followed by its folders in the order the file system lists them (read
 * through `opendir`: `readdir` sorts names).
 */
function listing(dir: string): string[] {
	const lines: string[] = [];
	const walk = (folder: string) => {
		const names: string[] = [];
		const handle = opendirSync(folder);
		for (let entry = handle.readSync(); entry; entry = handle.readSync()) if (entry.isDirectory()) names.push(entry.name);
		handle.closeSync();
		lines.push(`${path.relative(dir, folder)}: ${names.join(" ")}`);
		for (const name of names) walk(path.join(folder, name));
	};
	walk(dir);
	return lines;
}

test("folders made on a worker thread are every page's, made in the same order as on the calling thread", async () => {
	const root = await tempDir("page-folders-", existsSync("/dev/shm") ? "/dev/shm" : undefined);
	const here = path.join(root, "here");
	const apart = path.join(root, "apart");
	assert.is(createPageFolders(here, allPages(site), site), undefined, "made on this thread, by the time it returns");
	const made = createPageFolders(apart, allPages(site), site, { apartFrom: 0 });
	assert.instance(made, Promise);
	await made;
	let pages = 0;
	forEachPage(site, allPages(site), (_name, url) => {
		pages++;
		assert.ok(statSync(path.dirname(path.join(apart, outputFileOfUrl(url)))).isDirectory(), url);
	});
	assert.ok(pages > 10);
	// In memory (tmpfs) a folder lists its entries in the order they were made.
	assert.equal(listing(apart), listing(here));
});

test("a folder the worker thread cannot make fails the promise with its path", async () => {
	const root = await tempDir("page-folders-");
	const file = path.join(root, "not-a-folder");
	writeFileSync(file, "");
	const made = createPageFolders(path.join(file, "site"), allPages(site), site, { apartFrom: 0 });
	assert.instance(made, Promise);
	const error = await made?.then(
		() => undefined,
		(reason: unknown) => reason,
	);
	assert.instance(error, Error);
	assert.match(String((error as Error).message), /ENOTDIR.*not-a-folder/);
});

test.run();
