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
	/**
	 * Chunks a worker holds at a time: with one, it waited for the calling thread (busy with a chunk of its
	 * own) to hand it the next after each, idle ~20% of its time (10,000 news items).
	 * @default 2
	 */
	chunksAhead?: number;
	/** Workers started ahead with `startParseWorkers` (more than are wanted are ended). */
	started?: readonly Worker[];
}

export const poolDefaults = {
	workers: Math.min(3, Math.max(0, availableParallelism() - 1)),
	minJobsPerWorker: 1500,
	chunkSize: 64,
	chunksAhead: 2,
} satisfies Required<Omit<PoolOptions, "started">>;

/** Workers that said they are ready before a pool took them. */
const readyEarly = new WeakSet<Worker>();

/**
 * Starts `count` workers of `workerModule` before their jobs are known, so that they load their modules
 * while the caller reads the files; hand them to `parseInPool` as `started`.
 */
export function startParseWorkers(workerModule: URL, workerData: unknown, count: number): Worker[] {
	return Array.from({ length: count }, () => {
		const worker = startWorker(workerModule, workerData);
		const onReady = (reply: WorkerReply<unknown>) => {
			if (reply.type === "ready") readyEarly.add(worker);
		};
		worker.once("message", onReady);
		return worker;
	});
}

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
	const { workers, minJobsPerWorker, chunkSize, chunksAhead, started = [] } = { ...poolDefaults, ...options };
	const outcomes = new Array<R>(jobs.length);
	const queue: number[] = [];
	for (let start = 0; start < jobs.length; start += chunkSize) queue.push(start);
	const parseChunk = (start: number) => {
		for (let i = start; i < Math.min(start + chunkSize, jobs.length); i++) outcomes[i] = parseHere(jobs[i] as ParseJob);
	};

	const wanted = Math.min(workers, Math.floor(jobs.length / minJobsPerWorker));
	const unwanted = started.slice(wanted);
	for (const worker of unwanted) void worker.terminate();
	if (wanted === 0) {
		for (const start of queue) parseChunk(start);
		return outcomes;
	}

	let wake: () => void = () => {};
	// Each worker's chunks handed out and not yet back.
	const inFlight = new Map<Worker, number[]>();
	const pool = [
		...started.slice(0, wanted),
		...Array.from({ length: wanted - Math.min(wanted, started.length) }, () => startWorker(workerModule, workerData)),
	];
	const handOut = (worker: Worker, count: number) => {
		for (let handed = 0; handed < count; handed++) {
			const start = queue.shift();
			if (start === undefined) return;
			inFlight.set(worker, [...(inFlight.get(worker) ?? []), start]);
			worker.postMessage({ chunk: start, jobs: jobs.slice(start, start + chunkSize) });
		}
	};
	for (const worker of pool) {
		// A worker started ahead that has ended already (its exit told to no one) takes no chunks.
		if (worker.threadId === -1) continue;
		// A worker started ahead may have said it is ready already.
		const ready = readyEarly.has(worker);
		worker.on("message", (reply: WorkerReply<R>) => {
			if (reply.type === "ready") {
				if (!ready) handOut(worker, chunksAhead);
			} else {
				inFlight.set(
					worker,
					(inFlight.get(worker) ?? []).filter((start) => start !== reply.chunk),
				);
				reply.outcomes.forEach((outcome, offset) => {
					outcomes[reply.chunk + offset] = outcome;
				});
				handOut(worker, 1);
			}
			wake();
		});
		if (ready) handOut(worker, chunksAhead);
		// A worker that fails gives its chunks back: the calling thread parses them (and throws what it throws).
		const giveBack = () => {
			const chunks = inFlight.get(worker) ?? [];
			inFlight.delete(worker);
			queue.unshift(...chunks);
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
			if ([...inFlight.values()].every((chunks) => chunks.length === 0)) break;
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
