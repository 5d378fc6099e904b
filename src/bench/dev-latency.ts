/**
 * How long the editor waits in `npm start`: from saving a new article to its page being served and the
 * article being found by the running site's search, on a generated digest of any size. The measurement
 * itself is the benchmark's (src/bench/dev.ts); this gives it a generated corpus and cleans up.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type CorpusShape, writeCorpus } from "./corpus.ts";
import { measureDevServer } from "./dev.ts";

export interface LatencyOptions {
	/**
	 * Articles in the generated digest.
	 * @default 5000
	 */
	articles?: number;
	/**
	 * The generated digest's shape: long posts, or short news items with many topics (src/bench/corpus.ts).
	 * @default "blog"
	 */
	shape?: CorpusShape;
	/**
	 * Give up waiting after this many milliseconds.
	 * @default 600000
	 */
	timeoutMs?: number;
}

export const latencyDefaults = { articles: 5000, shape: "blog", timeoutMs: 600_000 } satisfies Required<LatencyOptions>;

export interface LatencyReport {
	articles: number;
	/** Milliseconds from starting the dev server to the first page being served. */
	startup: number;
	/** Milliseconds from writing the new file to its page being served. */
	served: number;
	/** Milliseconds from writing the new file to the running site's search finding it. */
	searchable: number;
}

export async function measureDevLatency(options: LatencyOptions = {}): Promise<LatencyReport> {
	const { articles, shape, timeoutMs } = { ...latencyDefaults, ...options };
	const root = await mkdtemp(path.join(tmpdir(), "dev-latency-"));
	try {
		const corpus = path.join(root, "corpus");
		await writeCorpus(corpus, { articles, shape });
		const measured = await measureDevServer(corpus, root, timeoutMs);
		return { articles, startup: measured.startupMs, served: measured.servedMs, searchable: measured.searchableMs };
	} finally {
		// A rebuild started by an unrelated change may still be writing; the figures matter more than the cleanup.
		await rm(root, { recursive: true, force: true, maxRetries: 10, retryDelay: 500 }).catch(() => undefined);
	}
}
