/** A parse-pool worker: parses the chunks of article files it is sent (see parse-pool.ts). */
import { parentPort, workerData } from "node:worker_threads";
import { createParseContext, type ParseSettings, parseArticle } from "./load.ts";
import type { ParseJob } from "./parse-pool.ts";

const context = createParseContext(workerData as ParseSettings);
parentPort?.on("message", ({ chunk, jobs }: { chunk: number; jobs: ParseJob[] }) => {
	parentPort?.postMessage({ type: "done", chunk, outcomes: jobs.map((job) => parseArticle(job.file, job.bytes, context)) });
});
parentPort?.postMessage({ type: "ready" });
