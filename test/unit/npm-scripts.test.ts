/** The bench and the tests start a command as its npm script does (src/commands/npm-scripts.ts). */
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { nodeStart, npmScriptStart } from "../../src/commands/npm-scripts.ts";
import { projectRoot } from "../../src/paths.ts";

test("a node command's flags and launcher come before its TypeScript entry, files made absolute", () => {
	assert.equal(nodeStart("node --max-semi-space-size=64 --expose-gc scripts/compiled.mjs scripts/build.ts"), {
		args: ["--max-semi-space-size=64", "--expose-gc", path.join(projectRoot, "scripts", "compiled.mjs")],
		entry: "scripts/build.ts",
	});
	assert.equal(nodeStart("node --import tsx scripts/start.ts"), { args: ["--import", "tsx"], entry: "scripts/start.ts" });
	assert.is(nodeStart("tsx scripts/check.ts"), undefined, "not node");
	assert.is(nodeStart("biome check ."), undefined);
});

test("npm run build runs the build compiled ahead", () => {
	const build = npmScriptStart("build");
	assert.is(build.entry, "scripts/build.ts");
	assert.ok(build.args.includes(path.join(projectRoot, "scripts", "compiled.mjs")));
	assert.throws(() => npmScriptStart("lint"), /npm run lint does not run a TypeScript entry with node/);
});

test.run();
