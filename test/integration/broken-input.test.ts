/**
 * Broken articles are reported, all at once, as `path:line: field: what`, and never half-publish: the real
 * build command exits 1 without a stack trace and the previous output stays byte-for-byte as it was.
 */
import { spawn } from "node:child_process";
import { cp, mkdir, open, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { loadDigest } from "../../src/content/load.ts";
import { ContentError, type ContentProblem } from "../../src/content/problems.ts";
import { projectRoot } from "../../src/paths.ts";
import { articleText, snapshot, tempDir, writeArticles } from "../support/fixtures.ts";
import { runScript } from "../support/run-script.ts";

const brokenFixture = path.join(projectRoot, "test/fixtures/broken");

/** What each broken fixture file must be reported as: its line, its field and the gist of the message. */
const expected: Record<string, [line: number, field: string, message: RegExp][]> = {
	"2025/02/alias-bomb.md": [[1, "front matter", /alias count/i]],
	"2025/02/empty-title.md": [[2, "title", /must not be empty/]],
	"2025/02/impossible-date.md": [[3, "date", /"2025-13-45" is not a real date/]],
	"2025/02/malformed-yaml.md": [[5, "front matter", /Flow sequence .* \(column \d+\)$/]],
	"2025/02/missing-title.md": [[1, "title", /is required/]],
	"2025/02/unparseable-date.md": [[3, "date", /"next Tuesday" is not a date/]],
	"2025/02/year-typo.md": [[3, "date", /"2502-02-18" is outside the years 1800–2199; check the year/]],
	"2025/03/javascript-source.md": [[5, "source.url", /http\(s\)/]],
	"2025/03/latin1.md": [[2, "file", /not valid UTF-8/]],
	"2025/03/no-front-matter.md": [[1, "front matter", /must start with a --- line/]],
	"2025/03/same-url-first.md": [
		[
			1,
			"url",
			/\/articles\/2025\/03\/03\/summit\/ is also the URL of 2025\/03\/same-url-second\.md; give one of them its own slug or permalink/,
		],
	],
	"2025/03/same-url-second.md": [
		[
			1,
			"url",
			/\/articles\/2025\/03\/03\/summit\/ is also the URL of 2025\/03\/same-url-first\.md; give one of them its own slug or permalink/,
		],
	],
	"2025/03/too-big.md": [[1, "file", /1048577 bytes is over the 1048576-byte limit \(raise it with --max-file-size\)/]],
	"2025/03/huge-front-matter.md": [[1, "front matter", /over the 65536-byte limit/]],
};

/** The broken fixture plus the two files too big to keep in the repository, in a fresh folder. */
async function brokenFolder(): Promise<string> {
	const dir = await tempDir("broken-");
	await cp(brokenFixture, dir, { recursive: true });
	const valid = articleText({ title: "Too big", date: "2025-03-07", topics: ["diplomacy"], body: "" });
	await writeFile(path.join(dir, "2025/03/too-big.md"), valid + "x".repeat(1024 * 1024 + 1 - Buffer.byteLength(valid)));
	const padding = Array.from({ length: 2000 }, (_, i) => `note${i}: ${"y".repeat(30)}`).join("\n");
	await writeFile(
		path.join(dir, "2025/03/huge-front-matter.md"),
		articleText({ title: "Long front matter", date: "2025-03-08", extra: padding }),
	);
	return dir;
}

async function problemsOf(dir: string, options: Parameters<typeof loadDigest>[1] = {}): Promise<ContentProblem[]> {
	try {
		await loadDigest(dir, { displayPath: (absolute) => path.relative(dir, absolute).split(path.sep).join("/"), ...options });
	} catch (error) {
		if (error instanceof ContentError) return error.problems;
		throw error;
	}
	assert.unreachable("the folder should not load");
	return [];
}

test("every broken article is reported at once with its file, line, field and what is wrong", async () => {
	const problems = await problemsOf(await brokenFolder());
	const byFile = new Map<string, ContentProblem[]>();
	for (const problem of problems) byFile.set(problem.path, [...(byFile.get(problem.path) ?? []), problem]);
	assert.equal([...byFile.keys()].sort(), Object.keys(expected).sort());
	for (const [file, wanted] of Object.entries(expected)) {
		const found = byFile.get(file) ?? [];
		assert.is(found.length, wanted.length, `${file}: ${JSON.stringify(found)}`);
		wanted.forEach(([line, field, message], i) => {
			assert.is(found[i]?.line, line, `${file} line`);
			assert.is(found[i]?.field, field, `${file} field`);
			assert.match(found[i]?.message ?? "", message, file);
		});
	}
});

test("an article without topics is valid with a no-topics warning, and a problem of its file with --strict", async () => {
	const dir = await tempDir("no-topics-");
	await cp(path.join(brokenFixture, "2025/02/no-topics.md"), path.join(dir, "no-topics.md"));
	const digest = await loadDigest(dir, { displayPath: (absolute) => path.relative(dir, absolute) });
	assert.equal(
		digest.articles.map((article) => [article.title, article.topics]),
		[["Nobody said what this is about", []]],
	);
	assert.equal(
		digest.warnings.map((warning) => [warning.kind, warning.path, warning.line]),
		[["no-topics", "no-topics.md", 1]],
	);
	const strict = await problemsOf(dir, { strict: true });
	assert.equal(
		strict.map((problem) => `${problem.path}:${problem.line}: ${problem.field}`),
		["no-topics.md:1: topics"],
	);
});

test("a BOM and Windows line endings are read as plain UTF-8 with LF", async () => {
	const dir = await tempDir("windows-");
	await cp(path.join(brokenFixture, "2025/03/windows-editor.md"), path.join(dir, "windows-editor.md"));
	const bytes = await readFile(path.join(dir, "windows-editor.md"));
	assert.equal([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "the fixture starts with a BOM");
	assert.ok(bytes.includes("\r\n"), "the fixture has CRLF line endings");
	const digest = await loadDigest(dir);
	const [article] = digest.articles;
	assert.is(article?.title, "Saved on Windows");
	assert.is(article?.day, "2025-03-02");
	assert.equal(article?.topics, ["diplomacy"]);
	assert.is(article?.html, "<p>A BOM and CRLF line endings.</p>\n<p>Second paragraph.</p>\n");
	assert.not.match(article?.summary ?? "", /\r|\ufeff/);
});

test("a YAML alias bomb is refused in well under a second", async () => {
	const dir = await tempDir("bomb-");
	await cp(path.join(brokenFixture, "2025/02/alias-bomb.md"), path.join(dir, "alias-bomb.md"));
	const started = performance.now();
	const problems = await problemsOf(dir);
	const elapsed = performance.now() - started;
	assert.equal(
		problems.map((problem) => problem.path),
		["alias-bomb.md"],
	);
	assert.ok(elapsed < 1000, `took ${elapsed.toFixed(0)} ms`);
});

test("an alias bomb in topics.yaml is reported as a problem of that file, not thrown as an exception", async () => {
	const bomb = await readFile(path.join(brokenFixture, "2025/02/alias-bomb.md"), "utf8");
	const registry = bomb
		.split("\n")
		.filter((line) => /^lol\d/.test(line))
		.join("\n");
	const dir = await writeArticles({ "topics.yaml": registry, "2025/02/fine.md": articleText({}) });
	const problems = await problemsOf(dir);
	assert.equal(
		problems.map((problem) => [problem.path, problem.field]),
		[["topics.yaml", "yaml"]],
	);
	assert.match(problems[0]?.message ?? "", /alias count/i);
});

test("a file far over the size limit is reported with its size, without being read into memory", async () => {
	const dir = await tempDir("huge-");
	// Sparse: 3 GiB to the loader, nothing on disk. Reading it whole would fail (over Node's 2 GiB) or
	// take gigabytes of memory; the limit must be checked before reading.
	const handle = await open(path.join(dir, "huge.md"), "w");
	await handle.truncate(3 * 1024 ** 3);
	await handle.close();
	await writeFile(path.join(dir, "fine.md"), articleText({}));
	const before = process.memoryUsage().rss;
	const problems = await problemsOf(dir);
	assert.ok(process.memoryUsage().rss - before < 256 * 1024 ** 2, "the file was not read");
	assert.equal(
		problems.map((problem) => `${problem.path}:${problem.line}: ${problem.field}: ${problem.message}`),
		["huge.md:1: file: 3221225472 bytes is over the 1048576-byte limit (raise it with --max-file-size)"],
	);
});

test("symbolic links to articles or folders are reported, not followed and not silently skipped", async () => {
	const elsewhere = await writeArticles({
		"outside.md": articleText({ title: "Outside" }),
		"more/inside.md": articleText({ title: "Inside" }),
	});
	const dir = await writeArticles({ "2025/02/real.md": articleText({ title: "Real" }) });
	await symlink(path.join(elsewhere, "outside.md"), path.join(dir, "2025/02/linked.md"));
	await symlink(path.join(elsewhere, "more"), path.join(dir, "2025/03"));
	await symlink("/nonexistent/dangling.md", path.join(dir, "2025/02/dangling.md"));
	const problems = await problemsOf(dir);
	assert.equal(
		problems.map((problem) => `${problem.path}:${problem.line}: ${problem.field}`),
		["2025/02/dangling.md:1: file", "2025/02/linked.md:1: file", "2025/03:1: file"],
	);
	for (const problem of problems) assert.match(problem.message, /symbolic link/);
});

test("the size limit is raised with --max-file-size, from the real check command", async () => {
	const dir = await tempDir("big-");
	const valid = articleText({ title: "A long read", body: "" });
	await writeFile(path.join(dir, "long-read.md"), valid + "word ".repeat(300_000));
	const refused = await runScript("check.ts", ["--articles", dir]);
	assert.is(refused.code, 1);
	assert.match(refused.stderr, /long-read\.md:1: file: \d+ bytes is over the 1048576-byte limit \(raise it with --max-file-size\)/);
	const accepted = await runScript("check.ts", ["--articles", dir, "--max-file-size", "2000000"]);
	assert.is(accepted.code, 0, accepted.stderr);
	assert.match(accepted.stdout, /1 articles and 1 topics are valid/);
});

test("the build command fails on the broken folder naming every broken file, exits 1 without a stack trace and leaves the previous site byte-for-byte", async () => {
	const work = await tempDir("publish-");
	const output = path.join(work, "_site");
	const good = await writeArticles({
		"topics.yaml": "diplomacy:\n  title: Diplomacy\n",
		"2025/02/riyadh.md": articleText({ title: "Talks in Riyadh", topics: ["diplomacy"] }),
		"2025/03/windows-editor.md": articleText({ title: "Another", date: "2025-03-02", topics: ["diplomacy"] }),
	});
	const first = await runScript("build.ts", ["--articles", good, "--output", output]);
	assert.is(first.code, 0, first.stderr);
	const before = await snapshot(output);
	assert.ok(Object.keys(before).some((file) => file.endsWith("riyadh/index.html")));

	const broken = await brokenFolder();
	const failed = await runScript("build.ts", ["--articles", broken, "--output", output]);
	assert.is(failed.code, 1);
	const lines = failed.stderr.split("\n").filter((line) => line.trim() !== "");
	// The last line counts every file: the broken ones are refused, the rest would have been published.
	const tally = lines.pop() ?? "";
	const [, files, published, refused] = /^(\d+) files: (\d+) published, 0 skipped, (\d+) refused$/.exec(tally) ?? [];
	assert.is(Number(refused), Object.keys(expected).length, tally);
	assert.is(Number(files), Number(published) + Number(refused), tally);
	const summary = lines.pop();
	assert.is(summary, `${Object.keys(expected).length} problems found; nothing was written.`);
	for (const line of lines) assert.match(line, /^\/\S+\.md:\d+: [a-z. ]+: \S.*$/, line);
	assert.not.match(failed.stderr, /^\s+at /m, "no stack trace");
	const named = new Set(
		lines.map((line) =>
			path
				.relative(broken, line.slice(0, line.indexOf(":")))
				.split(path.sep)
				.join("/"),
		),
	);
	assert.equal([...named].sort(), Object.keys(expected).sort());
	assert.not.ok(named.has("2025/03/windows-editor.md"));

	assert.equal(await snapshot(output), before);
	assert.equal((await readdir(work)).sort(), ["_site"], "no staging folder is left behind");
});

test("a build killed half-way leaves the previous site byte-for-byte, and the next build removes what it left", async () => {
	const work = await tempDir("killed-");
	const output = path.join(work, "_site");
	const first = await runScript("build.ts", ["--articles", await writeArticles({ "2025/02/a.md": articleText({}) }), "--output", output]);
	assert.is(first.code, 0, first.stderr);
	const before = await snapshot(output);

	const many: Record<string, string> = {};
	for (let i = 0; i < 400; i++)
		many[`2024/05/story-${i}.md`] = articleText({ title: `Story ${i}`, date: "2024-05-10", body: "Words. ".repeat(200) });
	const child = spawnBuild(["--articles", await writeArticles(many), "--output", output]);
	// Kill as soon as the new site is being written into its staging folder.
	const deadline = Date.now() + 60_000;
	while (!(await readdir(work)).some((name) => name.startsWith("_site.building-"))) {
		assert.ok(Date.now() < deadline, "the build never started writing");
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
	process.kill(-(child.pid ?? 0), "SIGKILL");
	await new Promise((resolve) => child.once("close", resolve));
	assert.equal(await snapshot(output), before);

	// The next build removes what the stopped one left, but not the folder of a build still running.
	const stopped = (await readdir(work)).filter((name) => name.startsWith("_site.building-"));
	assert.is(stopped.length, 1, "the stopped build's staging folder is there");
	const running = `${output}.building-${process.ppid}`;
	await mkdir(running);
	const next = await runScript("build.ts", ["--articles", await writeArticles({ "2025/02/b.md": articleText({}) }), "--output", output]);
	assert.is(next.code, 0, next.stderr);
	const left = (await readdir(work)).filter((name) => name.startsWith("_site.building-"));
	assert.equal(left, [path.basename(running)], "only the running build's folder is left");
	await rm(running, { recursive: true });
});

/** The real build command in its own process group, so that the test can kill all of it at once. */
function spawnBuild(args: string[]) {
	return spawn("npx", ["tsx", "scripts/build.ts", ...args], { cwd: projectRoot, detached: true, stdio: "ignore" });
}

test.run();
