/**
 * A build that finds its last site and record carries over the pages whose view is unchanged
 * (src/commands/carry-over.ts), and what it writes is what a build from scratch writes, byte for byte:
 * after a newer article (every page's newest date changes), an edited one, a file replaced behind its
 * back. It never writes into the files it shares with the previous site, the search index takes the
 * carried pages' result fragments as they are, and without a cache folder or with other options it
 * renders everything.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, linkSync, statSync } from "node:fs";
import { cp, mkdir, readdir, readFile, rm, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { writeCorpus } from "../../src/bench/corpus.ts";
import { buildSite } from "../../src/commands/build.ts";
import { projectRoot } from "../../src/paths.ts";
import { articleText, tempDir } from "../support/fixtures.ts";

/**
 * Sites are built in memory (tmpfs) where there is one: there a folder lists its entries in the order they
 * were made, so an index that depended on which pages were rendered and which carried over would differ
 * (ext4 lists them in hash order, which hides it).
 */
const memory = existsSync("/dev/shm") ? "/dev/shm" : undefined;
const siteDir = async (prefix: string): Promise<string> => path.join(await tempDir(prefix, memory), "site");

/** Every file under `dir` by its path, as a SHA-256 of its bytes. */
async function fileHashes(dir: string): Promise<Record<string, string>> {
	const result: Record<string, string> = {};
	const entries = await readdir(dir, { recursive: true, withFileTypes: true });
	for (const entry of entries) {
		if (!entry.isFile()) continue;
		const file = path.join(entry.parentPath, entry.name);
		result[path.relative(dir, file).split(path.sep).join("/")] = createHash("sha256")
			.update(await readFile(file))
			.digest("hex");
	}
	return result;
}

async function corpus(): Promise<string> {
	const dir = await tempDir("carry-articles-");
	await writeCorpus(dir, { shape: "news", articles: 90, seed: 5 });
	return dir;
}

async function addArticle(dir: string, file: string, title: string, date: string): Promise<void> {
	await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
	await writeFile(path.join(dir, file), articleText({ title, date, topics: ["topic-00001", "ceasefire-talks"] }));
}

/** A build from scratch of `articlesDir`: no record, no cache. */
async function fromScratch(articlesDir: string): Promise<Record<string, string>> {
	const outputDir = await siteDir("carry-scratch-");
	await buildSite({ articlesDir, outputDir, cacheDir: false });
	return fileHashes(outputDir);
}

test("a rebuild after a newer article and an edit carries the unchanged pages over and writes what a build from scratch writes", async () => {
	const articlesDir = await corpus();
	const cacheDir = await tempDir("carry-cache-");
	const outputDir = await siteDir("carry-out-");
	const first = await buildSite({ articlesDir, outputDir, cacheDir });
	assert.is(first.carried, 0, "the first build has nothing to carry over");
	const articleInodes = async () => {
		const found = new Map<string, number>();
		for (const file of await readdir(path.join(outputDir, "articles"), { recursive: true }))
			if (file.endsWith(".html")) found.set(file, statSync(path.join(outputDir, "articles", file)).ino);
		return found;
	};
	const articlesBefore = await articleInodes();

	// Newer than every article: the newest date every page carries changes.
	await addArticle(articlesDir, "2024/06/talks-resume.md", "Talks resume in Riyadh", "2024-06-15");
	const [edited] = (await readdir(articlesDir, { recursive: true })).filter((file) => file.endsWith(".md")).sort();
	const editedFile = path.join(articlesDir, edited as string);
	await writeFile(editedFile, (await readFile(editedFile, "utf8")).replace(/\n---\n/, "\n---\nA sentence added by the editor.\n\n"));

	// The changed article pages in a run of their own, as a large digest's rebuild renders them.
	const second = await buildSite({ articlesDir, outputDir, cacheDir, articlesApartFrom: 0 });
	assert.ok(second.carried > 0, "unchanged pages are carried over");
	assert.ok(second.carried < second.pages, `the new and changed pages are rendered (${second.carried} of ${second.pages} carried)`);
	// An article page does not show the newest article's time: most are the same files, linked, not rewritten.
	const linked = [...(await articleInodes())].filter(([file, ino]) => articlesBefore.get(file) === ino).length;
	assert.ok(linked >= articlesBefore.size * 0.75, `${linked} of ${articlesBefore.size} article pages linked`);
	const built = await fileHashes(outputDir);
	assert.equal(built, await fromScratch(articlesDir));
	assert.ok(
		Object.keys(built).some((file) => file.startsWith("articles/2024/06/")),
		"the new article's page is there",
	);
});

test("on a Russian Hugo site laid out as Hugo documents it, a rebuild takes the unchanged index whole, and an edited post's writes what a build from scratch writes", async () => {
	const articlesDir = path.join(await tempDir("carry-hugo-ru-"), "site-source");
	await cp(path.join(projectRoot, "test", "fixtures", "migrated", "hugo-ru"), articlesDir, { recursive: true });
	const cacheDir = await tempDir("carry-cache-");
	const outputDir = await siteDir("carry-out-");
	await buildSite({ articlesDir, outputDir, cacheDir });
	// Its permalink setting allows no glob: Pagefind is given the posts one by one, and with nothing
	// changed the last index is taken whole all the same.
	const entry = () => statSync(path.join(outputDir, "pagefind", "pagefind-entry.json")).ino;
	const indexed = entry();
	await buildSite({ articlesDir, outputDir, cacheDir });
	assert.is(entry(), indexed, "the last index taken whole");
	assert.equal(await fileHashes(outputDir), await fromScratch(articlesDir));
	const post = path.join(articlesDir, "content", "posts", "riyadh-meeting.md");
	await writeFile(post, `${await readFile(post, "utf8")}\nДобавлено редактором после встречи.\n`);
	const rebuilt = await buildSite({ articlesDir, outputDir, cacheDir });
	assert.ok(rebuilt.carried > 0 && rebuilt.carried < rebuilt.pages, `${rebuilt.carried} of ${rebuilt.pages} carried`);
	assert.equal(await fileHashes(outputDir), await fromScratch(articlesDir));
	assert.match(await readFile(path.join(outputDir, "index.html"), "utf8"), /<html lang="ru"/);
});

test("a build that makes the pages' folders on a worker thread writes what one making them on its own thread writes, its index included", async () => {
	const articlesDir = await corpus();
	const outputDir = await siteDir("carry-apart-");
	await buildSite({ articlesDir, outputDir, cacheDir: false, foldersApartFrom: 0 });
	assert.equal(await fileHashes(outputDir), await fromScratch(articlesDir));
});

test("a rebuild with nothing changed carries every article and topic page over as the file it is", async () => {
	const articlesDir = await corpus();
	const cacheDir = await tempDir("carry-cache-");
	const outputDir = await siteDir("carry-out-");
	// Several runs: the last one records the pages' files while the search index is being written. The
	// rebuild takes the article pages first, none to render, and starts the index on them.
	await buildSite({ articlesDir, outputDir, cacheDir, pagesPerRun: 40 });
	// The topics index (both orders) is a site-wide page, rendered by every build as the home page is.
	const siteWide = new Set(["topics/index.html", "topics/by-size/index.html"]);
	const inodes = async () => {
		const found: Record<string, number> = {};
		for (const folder of ["articles", "topics"])
			for (const file of await readdir(path.join(outputDir, folder), { recursive: true }))
				if (file.endsWith(".html") && !siteWide.has(`${folder}/${file}`))
					found[`${folder}/${file}`] = statSync(path.join(outputDir, folder, file)).ino;
		return found;
	};
	const before = await inodes();
	const again = await buildSite({ articlesDir, outputDir, cacheDir, pagesPerRun: 40, articlesApartFrom: 0 });
	assert.ok(again.carried >= Object.keys(before).length, `${again.carried} of ${again.pages} pages carried`);
	assert.equal(await inodes(), before, "each page linked from the last build, none rendered again");
	assert.equal(await fileHashes(outputDir), await fromScratch(articlesDir));
});

test("carrying over never writes into the files it shares with the previous site", async () => {
	const articlesDir = await corpus();
	const cacheDir = await tempDir("carry-cache-");
	const outputDir = await siteDir("carry-out-");
	await buildSite({ articlesDir, outputDir, cacheDir });
	// Our own link to every file of the site as it is: a build that wrote into a shared file would change it.
	const before = await fileHashes(outputDir);
	const witness = await tempDir("carry-witness-", memory);
	for (const file of Object.keys(before)) {
		await mkdir(path.dirname(path.join(witness, file)), { recursive: true });
		linkSync(path.join(outputDir, file), path.join(witness, file));
	}
	await addArticle(articlesDir, "2024/07/new.md", "A newer article", "2024-07-01");
	const fragments = async () => {
		const folder = path.join(outputDir, "pagefind", "fragment");
		return (await readdir(folder)).map((name) => statSync(path.join(folder, name)).ino);
	};
	const fragmentsBefore = new Set(await fragments());
	const rebuilt = await buildSite({ articlesDir, outputDir, cacheDir });
	assert.ok(rebuilt.carried > 0);
	assert.equal(await fileHashes(witness), before);
	// The carried pages' result fragments are the same files (src/search/fragment-reuse.ts), left as they were.
	const shared = (await fragments()).filter((ino) => fragmentsBefore.has(ino)).length;
	assert.ok(shared >= 80, `${shared} of ${fragmentsBefore.size} fragments taken as they were`);
});

test("a rebuild takes the offline pack and the file:// scripts of the fragments it took as they are", async () => {
	const articlesDir = await corpus();
	const cacheDir = await tempDir("carry-cache-");
	const outputDir = await siteDir("carry-out-");
	await buildSite({ articlesDir, outputDir, cacheDir });
	/** The files of `folder` (inside pagefind/) by name, as their inode: the same inode, the same file taken over. */
	const files = async (folder: string): Promise<Map<string, number>> => {
		const dir = path.join(outputDir, "pagefind", folder);
		const entries = await readdir(dir, { recursive: true, withFileTypes: true });
		return new Map(
			entries
				.filter((entry) => entry.isFile())
				.map((entry) => [path.join(entry.parentPath, entry.name), statSync(path.join(entry.parentPath, entry.name)).ino]),
		);
	};
	const kept = (before: Map<string, number>, after: Map<string, number>) =>
		[...after].filter(([name, ino]) => before.get(name) === ino).length;

	// An edited article: its fragment's script is written again, the others are taken as they were.
	const scripts = await files("file/fragment");
	const [edited] = (await readdir(articlesDir, { recursive: true })).filter((file) => file.endsWith(".md")).sort();
	const editedFile = path.join(articlesDir, edited as string);
	await writeFile(editedFile, `${await readFile(editedFile, "utf8")}\nA sentence added by the editor.\n`);
	await buildSite({ articlesDir, outputDir, cacheDir });
	const scriptsAfter = await files("file/fragment");
	assert.ok(
		kept(scripts, scriptsAfter) >= scriptsAfter.size - 2,
		`${kept(scripts, scriptsAfter)} of ${scriptsAfter.size} scripts taken as they were`,
	);
	assert.ok(kept(scripts, scriptsAfter) < scriptsAfter.size, "the edited fragment's script is written again");

	// Nothing new: the one pack of fragments (90 articles) is taken as it was, and the site is as from scratch.
	const fragmentPacks = async () => new Map([...(await files("offline"))].filter(([name]) => path.basename(name).startsWith("fragment-")));
	const packs = await fragmentPacks();
	await buildSite({ articlesDir, outputDir, cacheDir });
	const packsAfter = await fragmentPacks();
	assert.is(packsAfter.size, 1, "one pack of fragments at this size");
	assert.is(kept(packs, packsAfter), 1);
	assert.equal(await fileHashes(outputDir), await fromScratch(articlesDir));
});

test("a rebuild with every article page carried over takes the last search index whole, unless an article or the index changed", async () => {
	const articlesDir = await corpus();
	const cacheDir = await tempDir("carry-cache-");
	const outputDir = await siteDir("carry-out-");
	await buildSite({ articlesDir, outputDir, cacheDir });
	const pagefindDir = path.join(outputDir, "pagefind");
	/** Pagefind's files (not what the offline and file:// steps write after it) by path, as their inode. */
	const indexInodes = async (): Promise<Record<string, number>> => {
		const found: Record<string, number> = {};
		for (const entry of await readdir(pagefindDir, { recursive: true, withFileTypes: true })) {
			const file = path.relative(pagefindDir, path.join(entry.parentPath, entry.name));
			if (entry.isFile() && !/^(offline|file)\/|^offline\.json$/.test(file)) found[file] = statSync(path.join(pagefindDir, file)).ino;
		}
		return found;
	};
	const entryInode = () => statSync(path.join(pagefindDir, "pagefind-entry.json")).ino;

	const before = await indexInodes();
	assert.ok(Object.keys(before).length > 90, "the fragments and Pagefind's other files");
	await buildSite({ articlesDir, outputDir, cacheDir });
	assert.equal(await indexInodes(), before, "every file of the index linked from the last build");
	assert.equal(await fileHashes(outputDir), await fromScratch(articlesDir));

	// A file of the index changed since (by another tool, or a disk), a chunk or a fragment: the index is
	// written again, as it should be.
	const scratch = await fromScratch(articlesDir);
	for (const folder of ["index/", "fragment/"]) {
		const [changed] = Object.keys(before).filter((file) => file.startsWith(folder));
		const changedFile = path.join(pagefindDir, changed as string);
		const bytes = await readFile(changedFile);
		bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 1, bytes.length - 1);
		await writeFile(changedFile, bytes);
		const tampered = entryInode();
		await buildSite({ articlesDir, outputDir, cacheDir });
		assert.is.not(entryInode(), tampered, `the index is written again (${folder})`);
		assert.equal(await fileHashes(outputDir), scratch);
	}

	// Restored as CI restores a cache (new files, the same bytes and times): taken whole.
	execFileSync("tar", ["--posix", "-cf", `${outputDir}.tar`, "-C", path.dirname(outputDir), path.basename(outputDir)]);
	await rm(outputDir, { recursive: true });
	execFileSync("tar", ["-xf", `${outputDir}.tar`, "-C", path.dirname(outputDir)]);
	await rm(`${outputDir}.tar`);
	const restored = entryInode();
	await buildSite({ articlesDir, outputDir, cacheDir });
	assert.is(entryInode(), restored, "the restored index is taken");

	// An article gone: its page is not carried over, none is rendered, yet the index is not the last one.
	const [gone] = (await readdir(articlesDir, { recursive: true })).filter((file) => file.endsWith(".md")).sort();
	await rm(path.join(articlesDir, gone as string));
	const withGone = entryInode();
	const fragmentsBefore = (await readdir(path.join(pagefindDir, "fragment"))).length;
	await buildSite({ articlesDir, outputDir, cacheDir });
	assert.is.not(entryInode(), withGone, "the index is written again");
	assert.is((await readdir(path.join(pagefindDir, "fragment"))).length, fragmentsBefore - 1);
	assert.equal(await fileHashes(outputDir), await fromScratch(articlesDir));
});

test("a split index's parts made of the same pages are taken whole, wherever they are now, and a newer article writes only the newest part", async () => {
	// Six articles a month from January to April 2025; indexes of at most 12 articles: January and February,
	// then March and April (the newest, the site's own).
	const articlesDir = await tempDir("carry-split-articles-");
	for (const month of ["01", "02", "03", "04"])
		for (let day = 1; day <= 6; day++)
			await addArticle(articlesDir, `2025/${month}/item-${day}.md`, `Talks on day ${day} of month ${month}`, `2025-${month}-0${day}`);
	const cacheDir = await tempDir("carry-cache-");
	const outputDir = await siteDir("carry-out-");
	const options = { articlesDir, outputDir, cacheDir, pagesPerIndex: 12 };
	const pagefindDir = path.join(outputDir, "pagefind");
	/** Each index's entry file and fragments, as inodes, by the index's folder inside `pagefind/`. */
	const parts = async (): Promise<Map<string, { entry: number; fragments: number[] }>> => {
		const found = new Map<string, { entry: number; fragments: number[] }>();
		const shards = await readdir(path.join(pagefindDir, "shards")).catch(() => [] as string[]);
		for (const folder of ["", ...shards.sort().map((n) => `shards/${n}`)]) {
			const fragmentDir = path.join(pagefindDir, folder, "fragment");
			found.set(folder, {
				entry: statSync(path.join(pagefindDir, folder, "pagefind-entry.json")).ino,
				fragments: (await readdir(fragmentDir)).sort().map((name) => statSync(path.join(fragmentDir, name)).ino),
			});
		}
		return found;
	};
	const scratch = async () => {
		const scratchDir = await siteDir("carry-scratch-");
		await buildSite({ ...options, outputDir: scratchDir, cacheDir: false });
		return fileHashes(scratchDir);
	};

	await buildSite(options);
	const first = await parts();
	assert.equal([...first.keys()], ["", "shards/1"]);
	assert.equal(
		[...first.values()].map((part) => part.fragments.length),
		[12, 12],
	);
	await buildSite(options);
	assert.equal(await parts(), first, "nothing changed: every part linked from the last build");
	assert.equal(await fileHashes(outputDir), await scratch());

	// A newer month past the limit: an index of its own, the newest; the two others move one folder on.
	// January and February are taken whole; in March and April, April's last article's page now links to
	// the new one, so that index is written again, taking the fragments of the other 11 pages.
	await addArticle(articlesDir, "2025/05/new-talks.md", "New talks in May", "2025-05-02");
	await buildSite(options);
	const grown = await parts();
	assert.equal([...grown.keys()], ["", "shards/1", "shards/2"]);
	assert.equal(grown.get("shards/2"), first.get("shards/1"), "January and February, taken whole");
	const marchApril = grown.get("shards/1");
	assert.is.not(marchApril?.entry, first.get("")?.entry);
	assert.is(marchApril?.fragments.filter((inode) => first.get("")?.fragments.includes(inode)).length, 11);
	assert.is(grown.get("")?.fragments.length, 1);
	assert.equal(await fileHashes(outputDir), await scratch());

	// Another article of the newest month (whose other article's page now links to it): that index written
	// again, the others taken whole where they are.
	await addArticle(articlesDir, "2025/05/more-talks.md", "More talks in May", "2025-05-03");
	await buildSite(options);
	const added = await parts();
	assert.is.not(added.get("")?.entry, grown.get("")?.entry, "the newest index is written again");
	assert.is(added.get("")?.fragments.length, 2);
	assert.equal(added.get("shards/1"), grown.get("shards/1"));
	assert.equal(added.get("shards/2"), grown.get("shards/2"));
	assert.equal(await fileHashes(outputDir), await scratch());
});

test("right after a rebuild nothing removes a file the new site shares, so a tar of it holds; the replaced site goes with the next build", async () => {
	const articlesDir = await corpus();
	const cacheDir = await tempDir("carry-cache-");
	const outputDir = await siteDir("carry-out-");
	const replaced = async () => (await readdir(path.dirname(outputDir))).filter((name) => name.startsWith("site.previous-")).sort();
	await buildSite({ articlesDir, outputDir, cacheDir });
	for (let round = 1; round <= 3; round++) {
		// Another page or two each time, so that most files are shared with the site replaced.
		await addArticle(articlesDir, `2024/0${round}/late-${round}.md`, `Late talks ${round}`, `2024-0${round}-20`);
		await buildSite({ articlesDir, outputDir, cacheDir });
		// As GitHub's upload-pages-artifact does once the build step ends: a removal of the replaced site,
		// sharing these files, would fail it ("file changed as we read it", 1 of 3 runs before).
		execFileSync("tar", ["--hard-dereference", "-cf", `${outputDir}.tar`, "-C", outputDir, "."]);
		await rm(`${outputDir}.tar`);
		// Nothing is still at work on the replaced site a moment later (a removal in the background was).
		await new Promise((resolve) => setTimeout(resolve, 500));
		const left = await replaced();
		assert.is(left.length, 1, "the site this build replaced is left beside it, the one before is gone");
		const before = path.join(path.dirname(outputDir), left[0] as string);
		assert.ok(existsSync(path.join(before, "index.html")) && existsSync(path.join(before, "pagefind", "pagefind-entry.json")));
	}
});

test("a page file replaced since the last build is rendered again, not carried over", async () => {
	const articlesDir = await corpus();
	const cacheDir = await tempDir("carry-cache-");
	const outputDir = await siteDir("carry-out-");
	await buildSite({ articlesDir, outputDir, cacheDir });
	const pages = Object.keys(await fileHashes(outputDir)).filter((file) => /^articles\/.+\/index\.html$/.test(file));
	const replaced = pages[3] as string;
	await writeFile(path.join(outputDir, replaced), "<p>replaced by another tool</p>");
	const rebuilt = await buildSite({ articlesDir, outputDir, cacheDir });
	assert.ok(rebuilt.carried > 0);
	const built = await fileHashes(outputDir);
	assert.equal(built, await fromScratch(articlesDir));
	assert.match(await readFile(path.join(outputDir, replaced), "utf8"), /<article /);
});

test("an output folder restored from a cache (the same bytes in new files, as CI restores one) is carried over, its result fragments too, but a page whose bytes changed", async () => {
	const articlesDir = await corpus();
	const cacheDir = await tempDir("carry-cache-");
	const outputDir = await siteDir("carry-out-");
	await buildSite({ articlesDir, outputDir, cacheDir });
	const inPlace = await buildSite({ articlesDir, outputDir, cacheDir });
	// Restored as actions/cache restores a folder (tar --posix, then tar -x): every file new (another
	// inode), with its size and modification time. One page then touched (another time, the same bytes),
	// one changed at the same size.
	execFileSync("tar", ["--posix", "-cf", `${outputDir}.tar`, "-C", path.dirname(outputDir), path.basename(outputDir)]);
	await rm(outputDir, { recursive: true });
	execFileSync("tar", ["-xf", `${outputDir}.tar`, "-C", path.dirname(outputDir)]);
	await rm(`${outputDir}.tar`);
	const pages = Object.keys(await fileHashes(outputDir)).filter((file) => /^articles\/.+\/index\.html$/.test(file));
	const touched = path.join(outputDir, pages[1] as string);
	await utimes(touched, new Date(), new Date());
	const altered = path.join(outputDir, pages[2] as string);
	await writeFile(altered, (await readFile(altered, "utf8")).replace("<article ", "<articl3 "));
	const fragments = path.join(outputDir, "pagefind", "fragment");
	const restoredFragments = new Set((await readdir(fragments)).map((name) => statSync(path.join(fragments, name)).ino));

	const rebuilt = await buildSite({ articlesDir, outputDir, cacheDir });
	assert.is(rebuilt.carried, inPlace.carried - 1, "every page a rebuild in place carries over, the touched one too, but the altered one");
	const taken = (await readdir(fragments)).filter((name) => restoredFragments.has(statSync(path.join(fragments, name)).ino));
	assert.ok(taken.length >= pages.length - 1, `${taken.length} of ${pages.length} result fragments taken as they are`);
	assert.match(await readFile(altered, "utf8"), /<article /, "the altered page is rendered again");
	assert.equal(await fileHashes(outputDir), await fromScratch(articlesDir));
});

test("without a cache folder, or with other options, a rebuild renders every page", async () => {
	const articlesDir = await corpus();
	const outputDir = await siteDir("carry-out-");
	await buildSite({ articlesDir, outputDir, cacheDir: false });
	assert.is((await buildSite({ articlesDir, outputDir, cacheDir: false })).carried, 0);

	const cacheDir = await tempDir("carry-cache-");
	await buildSite({ articlesDir, outputDir, cacheDir });
	assert.ok((await buildSite({ articlesDir, outputDir, cacheDir })).carried > 0, "the same options carry pages over");
	const prefixed = await buildSite({ articlesDir, outputDir, cacheDir, pathPrefix: "/digest/" });
	assert.is(prefixed.carried, 0, "another path prefix renders everything");
});

test.run();
