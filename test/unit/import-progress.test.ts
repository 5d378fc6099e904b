import { Writable } from "node:stream";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { createProgress, shouldShowProgress } from "../../src/authoring/progress.ts";

/** A stream that says it is (or is not) a terminal and keeps what is written to it. */
function terminal(isTTY: boolean): { stream: NodeJS.WriteStream; written: () => string } {
	let text = "";
	const stream = new Writable({
		write(chunk, _encoding, done) {
			text += String(chunk);
			done();
		},
	}) as unknown as NodeJS.WriteStream & Record<string, unknown>;
	Object.assign(stream, { isTTY, columns: 100, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
	return { stream, written: () => text };
}

test("on a terminal the bar shows the label, the count and the item's name", () => {
	const { stream, written } = terminal(true);
	const progress = createProgress({ label: "Importing", total: 3, stream, enabled: true });
	progress.tick("first.txt");
	progress.tick("second.html");
	progress.stop();
	assert.match(written(), /Importing \[.*\] 2\/3 second\.html/);
});

test("a pipe, CI or NO_PROGRESS gets no bar at all, and neither does a single item", () => {
	const previous = { CI: process.env.CI, NO_PROGRESS: process.env.NO_PROGRESS };
	try {
		delete process.env.CI;
		delete process.env.NO_PROGRESS;
		assert.not.ok(shouldShowProgress(terminal(false).stream));
		assert.ok(shouldShowProgress(terminal(true).stream));
		process.env.CI = "true";
		assert.not.ok(shouldShowProgress(terminal(true).stream));
		delete process.env.CI;
		process.env.NO_PROGRESS = "1";
		assert.not.ok(shouldShowProgress(terminal(true).stream));
	} finally {
		for (const [key, value] of Object.entries(previous)) {
			if (value === undefined) delete process.env[key];
			else process.env[key] = value;
		}
	}
	const single = terminal(true);
	const progress = createProgress({ label: "Importing", total: 1, stream: single.stream, enabled: true });
	progress.tick("only.txt");
	progress.stop();
	assert.is(single.written(), "");
	const piped = terminal(false);
	const quiet = createProgress({ label: "Rendering", total: 50, stream: piped.stream });
	for (let i = 0; i < 50; i++) quiet.tick();
	quiet.stop();
	assert.is(piped.written(), "");
});

test.run();
