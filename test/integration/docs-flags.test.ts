/**
 * The flags the README and docs show are flags the commands take: each script the docs run with flags is
 * asked for its `--help`, as a reader would, and every flag shown must be in it.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { projectRoot } from "../../src/paths.ts";
import { flagUses, parseDoc, readDocs } from "../support/docs.ts";
import { runScript } from "../support/run-script.ts";

const scripts = JSON.parse(readFileSync(path.join(projectRoot, "package.json"), "utf8")).scripts as Record<string, string>;

/** The flags a script's `--help` lists (`  --path-prefix VALUE   …`). */
async function helpFlags(script: string): Promise<Set<string>> {
	const { code, stdout } = await runScript(path.basename(script), ["--help"]);
	assert.is(code, 0, `${script} --help exits 0`);
	return new Set([...stdout.matchAll(/^\s+(--[a-z][\w-]*)/gm)].map((match) => match[1]!));
}

test("every flag the README and docs pass to a command is one its --help lists", async () => {
	const uses = flagUses(readDocs(projectRoot), scripts);
	assert.ok(uses.length >= 10, `found ${uses.length} commands with flags in the docs`);
	const help = new Map<string, Set<string>>();
	for (const script of new Set(uses.map((use) => use.script))) help.set(script, await helpFlags(script));
	const unknown = uses.flatMap(({ where, script, flags }) =>
		flags.filter((flag) => !help.get(script)!.has(flag)).map((flag) => `${where}: ${script} has no ${flag}`),
	);
	assert.equal(unknown, []);
});

test("flags are read from npm run, npm start and tsx commands, brackets and pipes included, and only after --", () => {
	const doc = parseDoc(
		"x.md",
		[
			"`npm run build -- [--articles DIR] [--path-prefix /repo/]` and `npm start -- --port 9000`",
			"",
			"```sh",
			"npm run --silent bench -- --articles 10 --json > bench.json && npm run check -- --strict",
			"npx tsx scripts/dev-latency.ts --articles 5000",
			"npm run lint -- --fix",
			"npm run serve --port 1",
			"```",
		].join("\n"),
	);
	const known = {
		build: "tsx scripts/build.ts",
		start: "tsx scripts/start.ts",
		bench: "tsx scripts/bench.ts",
		check: "tsx scripts/check.ts",
		serve: "tsx scripts/serve.ts",
		lint: "biome check .",
	};
	assert.equal(
		flagUses([doc], known).map(({ where, script, flags }) => `${where} ${script} ${flags.join(" ")}`),
		[
			"x.md:1 scripts/build.ts --articles --path-prefix",
			"x.md:1 scripts/start.ts --port",
			"x.md:4 scripts/bench.ts --articles --json",
			"x.md:4 scripts/check.ts --strict",
			"x.md:5 scripts/dev-latency.ts --articles",
		],
	);
});

test.run();
