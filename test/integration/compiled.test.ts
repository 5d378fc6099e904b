/**
 * `npm run build` runs the build compiled ahead (scripts/compiled.mjs): the same entry and sources,
 * bundled by esbuild and run by Node without a TypeScript loader. It must write what the TypeScript
 * sources write when run through tsx, byte for byte, for the sample digest and for one large enough to be
 * parsed by worker threads, whose module is compiled too.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { writeCorpus } from "../../src/bench/corpus.ts";
import { npmScriptStart } from "../../src/commands/npm-scripts.ts";
import type { ParseSettings } from "../../src/content/load.ts";
import { projectRoot } from "../../src/paths.ts";
import { tempDir } from "../support/fixtures.ts";

const compiledFolder = path.join(projectRoot, "node_modules", ".cache", "topic-digest", "compiled");

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
	return new Promise((resolve) => {
		execFile(
			process.execPath,
			args,
			{ cwd: projectRoot, env: { ...process.env, TZ: "UTC", CI: "1" }, timeout: 300_000 },
			(error, stdout, stderr) => resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
		);
	});
}

/** Every file under `dir` by its path, as a SHA-256 of its bytes. */
async function fileHashes(dir: string): Promise<Record<string, string>> {
	const result: Record<string, string> = {};
	for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile()) continue;
		const file = path.join(entry.parentPath, entry.name);
		result[path.relative(dir, file)] = createHash("sha256")
			.update(await readFile(file))
			.digest("hex");
	}
	return result;
}

/** Builds `articles` as `npm run build` does and as tsx runs the sources; returns both outputs' hashes. */
async function bothWays(articles: string): Promise<[Record<string, string>, Record<string, string>]> {
	const start = npmScriptStart("build");
	assert.ok(
		start.args.some((arg) => arg.endsWith(path.join("scripts", "compiled.mjs"))),
		"npm run build runs the build compiled ahead",
	);
	const compiled = path.join(await tempDir("compiled-"), "site");
	const sources = path.join(await tempDir("sources-"), "site");
	const flags = ["--articles", articles, "--no-cache"];
	const first = await run([...start.args, path.join(projectRoot, start.entry), ...flags, "--output", compiled]);
	assert.is(first.code, 0, first.stderr);
	const second = await run(["--import", "tsx", path.join(projectRoot, start.entry), ...flags, "--output", sources]);
	assert.is(second.code, 0, second.stderr);
	return [await fileHashes(compiled), await fileHashes(sources)];
}

test("the compiled build writes what its TypeScript sources write, byte for byte", async () => {
	const [compiled, sources] = await bothWays(path.join(projectRoot, "articles"));
	assert.ok(Object.keys(compiled).length > 200, `${Object.keys(compiled).length} files`);
	assert.equal(compiled, sources);
});

test("a digest parsed by worker threads builds the same compiled, and the compiled worker loads without a TypeScript loader", async () => {
	const articles = await tempDir("compiled-articles-");
	// Past the pool's threshold (1,500 files a worker): the load starts a worker on any machine with two cores.
	await writeCorpus(articles, { shape: "news", articles: 1600, seed: 11 });
	const [compiled, sources] = await bothWays(articles);
	assert.equal(compiled, sources);

	const bundles = await readdir(compiledFolder);
	const newest = (
		await Promise.all(
			bundles
				.filter((name) => name.startsWith("scripts-build-"))
				.map(async (name) => ({ name, at: (await stat(path.join(compiledFolder, name))).mtimeMs })),
		)
	).sort((a, b) => b.at - a.at)[0];
	assert.ok(newest, "the build's bundle is kept under node_modules/.cache");
	const worker = new Worker(path.join(compiledFolder, newest.name, "parse-worker.mjs"), {
		workerData: {
			zone: "UTC",
			allowHtml: false,
			embeds: [],
			maxFileBytes: 1024 * 1024,
			permalink: "/articles/:year/:month/:day/:slug/",
			language: "en",
			languageGiven: true,
			datelessArePages: false,
			draftsFolder: "",
			bareFilesArePages: false,
		} satisfies ParseSettings,
	});
	try {
		const reply = await new Promise<unknown>((resolve, reject) => {
			worker.once("message", resolve);
			worker.once("error", reject);
		});
		assert.equal(reply, { type: "ready" });
	} finally {
		await worker.terminate();
	}
});

test("--compile-only makes the bundle and runs nothing of the entry", async () => {
	const output = path.join(await tempDir("compile-only-"), "site");
	const { args, entry } = npmScriptStart("build");
	const done = await run([...args, "--compile-only", path.join(projectRoot, entry), "--output", output]);
	assert.is(done.code, 0, done.stderr);
	assert.is(done.stdout, "", "the build said nothing: it did not run");
	assert.not.ok(existsSync(output), "nothing built");
	assert.ok(
		(await readdir(compiledFolder)).some((name) => name.startsWith("scripts-build-")),
		"the bundle is there",
	);
});

test.run();
