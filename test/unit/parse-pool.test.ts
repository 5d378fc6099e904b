import { once } from "node:events";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { type ParseJob, parseInPool, startParseWorkers } from "../../src/content/parse-pool.ts";

const workerModule = new URL("../fixtures/workers/echo-parser.mjs", import.meta.url);
const jobsOf = (count: number): ParseJob[] =>
	Array.from({ length: count }, (_, i) => ({ file: `file-${i}.md`, bytes: new Uint8Array([i % 256]) }));
const parseHere = (job: ParseJob) => ({ file: job.file, by: "caller" });
const pool = { workers: 1, minJobsPerWorker: 10, chunkSize: 8 };

test("a worker started ahead and ready is handed its chunks at once; outcomes come back in job order", async () => {
	const [worker] = startParseWorkers(workerModule, null, 1);
	if (!worker) throw new Error("no worker started");
	await once(worker, "message"); // its "ready", heard by the pool's own listener first
	const jobs = jobsOf(200);
	const outcomes = await parseInPool(jobs, parseHere, workerModule, null, { ...pool, started: [worker] });
	assert.equal(
		outcomes.map((outcome) => outcome.file),
		jobs.map((job) => job.file),
	);
	const byWorker = outcomes.filter((outcome) => outcome.by === "worker").length;
	// Two chunks ahead (16 jobs) before the calling thread parses any; what follows depends on timing.
	assert.ok(byWorker >= 16, `${byWorker} jobs parsed by the worker`);
	assert.ok(outcomes.every((outcome) => outcome.by === "worker" || outcome.by === "caller"));
});

test("a worker that exits gives its chunks back, and the calling thread parses them", async () => {
	const [worker] = startParseWorkers(workerModule, { exitOnFirstChunk: true }, 1);
	if (!worker) throw new Error("no worker started");
	await once(worker, "message");
	const jobs = jobsOf(120);
	const outcomes = await parseInPool(jobs, parseHere, workerModule, { exitOnFirstChunk: true }, { ...pool, started: [worker] });
	assert.equal(
		outcomes.map((outcome) => `${outcome.file} ${outcome.by}`),
		jobs.map((job) => `${job.file} caller`),
	);
});

test("a worker started ahead that ended before the pool took it is left out; the caller parses its share", async () => {
	const [worker] = startParseWorkers(workerModule, null, 1);
	if (!worker) throw new Error("no worker started");
	await once(worker, "message");
	await worker.terminate();
	const jobs = jobsOf(120);
	const outcomes = await parseInPool(jobs, parseHere, workerModule, null, { ...pool, started: [worker] });
	assert.equal(
		outcomes.map((outcome) => `${outcome.file} ${outcome.by}`),
		jobs.map((job) => `${job.file} caller`),
	);
});

test("workers started ahead for jobs too few to share are ended, and the caller parses alone", async () => {
	const started = startParseWorkers(workerModule, null, 1);
	const ended = Promise.all(started.map((worker) => once(worker, "exit")));
	const jobs = jobsOf(5);
	const outcomes = await parseInPool(jobs, parseHere, workerModule, null, { ...pool, started });
	assert.equal(
		outcomes.map((outcome) => `${outcome.file} ${outcome.by}`),
		jobs.map((job) => `${job.file} caller`),
	);
	await ended;
});

test.run();
