/**
 * Progress for long runs (importing many pages, rebuilding a big digest): a `cli-progress` bar on an
 * interactive terminal, nothing at all when the output is a pipe, a log file, a test or CI, where a bar
 * would only add noise.
 */
import cliProgress from "cli-progress";

export interface ProgressOptions {
	/** What is being counted, e.g. `Importing`. */
	label: string;
	total: number;
	/**
	 * Where the bar is drawn.
	 * @default process.stderr
	 */
	stream?: NodeJS.WriteStream;
	/**
	 * Draw the bar at all.
	 * @default true when `stream` is a terminal and neither `CI` nor `NO_PROGRESS` is set
	 */
	enabled?: boolean;
}

export interface Progress {
	/** One more item done; `name` is shown beside the bar. */
	tick(name?: string): void;
	stop(): void;
}

export function shouldShowProgress(stream: NodeJS.WriteStream = process.stderr): boolean {
	return Boolean(stream.isTTY) && !process.env.CI && !process.env.NO_PROGRESS;
}

export function createProgress(options: ProgressOptions): Progress {
	const stream = options.stream ?? process.stderr;
	const enabled = options.enabled ?? shouldShowProgress(stream);
	if (!enabled || options.total < 2) return { tick() {}, stop() {} };
	const bar = new cliProgress.SingleBar(
		{ stream, format: `${options.label} [{bar}] {value}/{total} {name}`, hideCursor: true, clearOnComplete: true, etaBuffer: 20 },
		cliProgress.Presets.shades_classic,
	);
	bar.start(options.total, 0, { name: "" });
	return {
		tick: (name = "") => bar.increment(1, { name }),
		stop: () => bar.stop(),
	};
}
