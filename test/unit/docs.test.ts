/**
 * The README and docs/ are checked against the repository as it is: every relative link, image and anchor
 * resolves, every npm command they name is a script (or one of npm's own), every path they name exists,
 * and the README stays a screenful whose command table lists every script. The checker is also run over
 * small broken documents, so that a check that passes is one that could have failed.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { projectRoot } from "../../src/paths.ts";
import { commandProblems, docFiles, linkProblems, npmInvocations, parseDoc, pathProblems, readDocs } from "../support/docs.ts";

const scripts = JSON.parse(readFileSync(path.join(projectRoot, "package.json"), "utf8")).scripts as Record<string, string>;
const docs = readDocs(projectRoot);
const readme = readFileSync(path.join(projectRoot, "README.md"), "utf8");

test("every relative link and image in README.md and docs/*.md points to a file, and every #anchor to a heading", () => {
	assert.equal(linkProblems(docs, { root: projectRoot }), []);
});

test("every npm command the README and docs name is a package.json script or one of npm's own commands", () => {
	assert.equal(commandProblems(docs, { scripts }), []);
});

test("every project path and tsx entry point the README and docs name exists", () => {
	assert.equal(pathProblems(docs, { root: projectRoot }), []);
});

test("the README fits a screen: under 120 lines, and its command table starts within the first 50", () => {
	const lines = readme.split("\n");
	assert.ok(lines.length <= 120, `README.md has ${lines.length} lines`);
	const table = lines.findIndex((line) => line.startsWith("| command |"));
	assert.ok(table >= 0, "README.md has no command table");
	assert.ok(table < 50, `the command table starts on line ${table + 1}`);
});

test("the README's command table names every script in package.json", () => {
	const lines = readme.split("\n");
	const start = lines.findIndex((line) => line.startsWith("| command |"));
	const rows = lines.slice(start).filter((line, index) => index === 0 || line.startsWith("|"));
	const end = rows.findIndex((line) => !line.startsWith("|"));
	const table = parseDoc("README.md", rows.slice(0, end === -1 ? undefined : end).join("\n"));
	const named = new Set(
		table.code.flatMap(({ text }) => npmInvocations(text)).map(([command, script]) => (command === "run" ? script : command)),
	);
	assert.equal(
		Object.keys(scripts).filter((script) => !named.has(script)),
		[],
	);
});

test("every page in docs/ is linked from the README, so none is out of a newcomer's reach", () => {
	const linked = new Set(docs.find((doc) => doc.file === "README.md")!.links.map(({ text }) => text.split("#")[0]));
	assert.equal(
		docFiles(projectRoot).filter((file) => file !== "README.md" && !linked.has(file)),
		[],
	);
});

test("anchors follow GitHub's slugs: code kept, punctuation dropped, a repeated heading numbered", () => {
	const doc = parseDoc(
		"a.md",
		"# The editing loop (`npm start`)\n\n## Search, offline & from disk\n\n## Notes\n\n## Notes\n\n## U.S.–Russia talks\n",
	);
	assert.equal(doc.anchors, ["the-editing-loop-npm-start", "search-offline--from-disk", "notes", "notes-1", "usrussia-talks"]);
});

test("a missing file, a missing heading, an image that is not there and a link out of the repository are each reported with file and line", () => {
	const root = mkdtempSync(path.join(tmpdir(), "docs-check-"));
	try {
		mkdirSync(path.join(root, "docs"));
		writeFileSync(path.join(root, "src.ts"), "export {};\n");
		writeFileSync(
			path.join(root, "README.md"),
			[
				"# Title",
				"",
				"[fine](docs/page.md#the-page) [fine too](#title) [a line](src.ts#L1) [site](https://example.com/x.md)",
				"",
				"[gone](docs/missing.md)",
				"",
				"[no heading](docs/page.md#nowhere)",
				"",
				'<img src="docs/images/shot.png" alt="">',
				"",
				"[out](../elsewhere.md) [bad anchor on code](src.ts#top)",
			].join("\n"),
		);
		writeFileSync(path.join(root, "docs", "page.md"), "# The page\n\n[back](../README.md#title) [self](#the-page) [wrong](#the-pages)\n");
		const problems = linkProblems(readDocs(root), { root });
		assert.equal(problems, [
			"README.md:5: link: docs/missing.md points to docs/missing.md, which does not exist",
			"README.md:7: link: docs/page.md#nowhere names no heading of docs/page.md (its anchors: the-page)",
			"README.md:9: link: docs/images/shot.png points to docs/images/shot.png, which does not exist",
			"README.md:11: link: ../elsewhere.md leaves the repository",
			"README.md:11: link: src.ts#top: #top cannot be checked in src.ts (only headings of README.md and docs/*.md, and #L lines of files)",
			"docs/page.md:3: link: #the-pages names no heading of docs/page.md (its anchors: the-page)",
		]);
	} finally {
		rmSync(root, { recursive: true, force: true });
	}
});

test("an npm script that package.json lacks, a typo for one, and a missing tsx entry point are reported; npm's own commands are not", () => {
	const doc = parseDoc(
		"docs/x.md",
		[
			"Run `npm install`, `npm ci`, `npm start`, `npm test` and `npm run --silent build -- --help`.",
			"",
			"```sh",
			"npm run bulid -- --articles 10",
			"npm build && npm run",
			"npx tsx scripts/nowhere.ts --articles 5",
			"```",
		].join("\n"),
	);
	const known = { start: "x", test: "x", build: "x" };
	assert.equal(commandProblems([doc], { scripts: known }), [
		'docs/x.md:4: command: npm run bulid: package.json has no script "bulid"',
		'docs/x.md:5: command: npm build: "build" is neither an npm command nor run as a script (npm run build)',
		"docs/x.md:5: command: npm run names no script",
	]);
	assert.equal(commandProblems([doc], { scripts: { build: "x" } }).slice(0, 2), [
		'docs/x.md:1: command: npm start: package.json has no script "start"',
		'docs/x.md:1: command: npm test: package.json has no script "test"',
	]);
	assert.equal(pathProblems([doc], { root: projectRoot }), ["docs/x.md:6: command: tsx scripts/nowhere.ts: the file does not exist"]);
});

test.run();
