/** How the bench measures one command (src/bench/measure.ts): what a process spends is counted to its end. */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { runMeasured } from "../../src/bench/measure.ts";

// The child runs until it has used this much CPU, whatever the machine's load: the assertion is about
// the count, not about how long that took.
const burnMs = 300;
const burn = `const until = ${burnMs * 1000}; while (process.cpuUsage().user + process.cpuUsage().system < until) {}`;

test("a command's CPU time counts its last moments, which no sample sees", async () => {
	const run = await runMeasured(process.execPath, ["-e", burn]);
	// The kernel counts in 10 ms ticks; sampling every 100 ms missed up to the last 100 ms before exit.
	assert.ok(run.cpuMs >= burnMs - 10, `CPU time ${run.cpuMs} ms of at least ${burnMs}`);
});

test("a command's peak memory counts what it held between two samples", async () => {
	// 64 MB touched and given back at once, then a wait before exiting: only the kernel's high-water mark
	// of the process still shows the 64 MB when the sampler looks.
	const spike = [
		"let block = Buffer.alloc(64 * 1024 * 1024, 1);",
		"process.stdout.write(String(block[0]));",
		"block = undefined;",
		"globalThis.gc();",
		"setTimeout(() => {}, 300);",
	].join(" ");
	const run = await runMeasured(process.execPath, ["--expose-gc", "-e", spike]);
	assert.is(run.stdout, "1");
	assert.ok(run.peakRss >= 64 * 1024 * 1024, `peak ${run.peakRss} bytes`);
});

test.run();
