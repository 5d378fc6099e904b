/**
 * Parses many article files on several threads. The calling thread parses too, from the same queue of
 * chunks, so the pool is never slower than one thread: a worker takes a second or more to load its
 * modules, and until it is ready the caller simply keeps going. Outcomes are stored by the job's index,
 * so the result is the same whichever thread parsed what.
 */
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

export interface ParseJob {
	/** Relative to the articles folder, with `/` separators. */
	file: string;
	bytes: Uint8Array;
}

export interface PoolOptions {
	/**
	 * Worker threads beside the calling thread; 0 parses on the calling thread only.
	 * @default one fewer than the machine's cores, at most 3
	 */
	workers?: number;
	/**
	 * Fewer jobs than this are parsed on the calling thread: starting a worker costs more than it saves.
	 * @default 1500
	 */
	minJobsPerWorker?: number;
	/**
	 * Jobs handed out at a time.
	 * @default 64
	 */
	chunkSize?: number;
}

export const poolDefaults = {
	workers: Math.min(3, Math.max(0, availableParallelism() - 1)),
	minJobsPerWorker: 1500,
	chunkSize: 64,
} satisfies Required<PoolOptions>;

type WorkerReply<R> = { type: "ready" } | { type: "done"; chunk: number; outcomes: R[] };

/**
 * Runs `parseHere` (calling thread) or the worker module `workerModule` (which answers `WorkerReply`
 * messages, see parse-worker.ts) over every job; returns outcomes in job order.
 */
export async function parseInPool<R>(
	jobs: readonly ParseJob[],
	parseHere: (job: ParseJob) => R,
	workerModule: URL,
	workerData: unknown,
	options: PoolOptions = {},
): Promise<R[]> {
	const { workers, minJobsPerWorker, chunkSize } = { ...poolDefaults, ...options };
	const outcomes = new Array<R>(jobs.length);
	const queue: number[] = [];
	for (let start = 0; start < jobs.length; start += chunkSize) queue.push(start);
	const parseChunk = (start: number) => {
		for (let i = start; i < Math.min(start + chunkSize, jobs.length); i++) outcomes[i] = parseHere(jobs[i] as ParseJob);
	};

	const wanted = Math.min(workers, Math.floor(jobs.length / minJobsPerWorker));
	if (wanted === 0) {
		for (const start of queue) parseChunk(start);
		return outcomes;
	}

	let wake: () => void = () => {};
	const inFlight = new Map<Worker, number>();
	const pool = Array.from({ length: wanted }, () => startWorker(workerModule, workerData));
	const handOut = (worker: Worker) => {
		const start = queue.shift();
		if (start === undefined) return;
		inFlight.set(worker, start);
		worker.postMessage({ chunk: start, jobs: jobs.slice(start, start + chunkSize) });
	};
	for (const worker of pool) {
		worker.on("message", (reply: WorkerReply<R>) => {
			if (reply.type === "done") {
				inFlight.delete(worker);
				reply.outcomes.forEach((outcome, offset) => {
					outcomes[reply.chunk + offset] = outcome;
				});
			}
			handOut(worker);
			wake();
		});
		// A worker that fails gives its chunk back: the calling thread parses it (and throws what it throws).
		const giveBack = () => {
			const start = inFlight.get(worker);
			inFlight.delete(worker);
			if (start !== undefined) queue.unshift(start);
			wake();
		};
		worker.on("error", giveBack);
		worker.on("exit", giveBack);
	}
	try {
		for (;;) {
			const start = queue.shift();
			if (start !== undefined) {
				parseChunk(start);
				// Let the workers' replies in between chunks.
				await new Promise<void>((resolve) => setImmediate(resolve));
				continue;
			}
			if (inFlight.size === 0) break;
			await new Promise<void>((resolve) => {
				wake = resolve;
			});
		}
	} finally {
		await Promise.all(pool.map((worker) => worker.terminate()));
	}
	return outcomes;
}

/** A worker running `module`; a TypeScript module is loaded through tsx, as the calling thread was. */
function startWorker(module: URL, workerData: unknown): Worker {
	if (path.extname(fileURLToPath(module)) !== ".ts") return new Worker(module, { workerData });
	const tsx = import.meta.resolve("tsx/esm/api");
	const bootstrap = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(module.href)}); })`;
	return new Worker(bootstrap, { eval: true, workerData });
}
