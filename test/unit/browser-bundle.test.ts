import { existsSync, readdirSync, readFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { bundleBrowserScript } from "../../src/eleventy/browser-bundle.ts";

/**
 * This process's esbuild children (Linux), read synchronously so that a service started by a call is seen
 * before the call can finish. tsx, which runs the tests, may have an esbuild of its own: only a process
 * that appears with a call is the call's.
 */
function esbuildChildren(): string[] {
	const pids = readdirSync(`/proc/${process.pid}/task`).flatMap((task) =>
		readFileSync(`/proc/${process.pid}/task/${task}/children`, "utf8").split(" ").filter(Boolean),
	);
	return pids.filter((pid) => {
		try {
			return readFileSync(`/proc/${pid}/comm`, "utf8").trim() === "esbuild";
		} catch {
			return false; // gone meanwhile
		}
	});
}

test("esbuild's service runs while a browser script is bundled and is gone after, not kept beside the rest of the build", async () => {
	const before = esbuildChildren();
	const bundling = bundleBrowserScript("site-search.ts");
	const started = esbuildChildren().filter((pid) => !before.includes(pid));
	assert.is(started.length, 1, "the bundle started a service of its own");
	assert.ok((await bundling).length > 1000, "the script is bundled");
	// Stopping signals the service, which exits a moment later; kept, it would stay for the process's life.
	const service = `/proc/${started[0]}`;
	for (const deadline = Date.now() + 3000; existsSync(service) && Date.now() < deadline; )
		await new Promise((resolve) => setTimeout(resolve, 20));
	assert.not.ok(existsSync(service), `esbuild (${started[0]}) still runs after the bundle`);
});

test.run();
