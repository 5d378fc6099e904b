/**
 * What the benchmark measures a command by: wall time, and the peak memory of the process and every
 * process it starts (Pagefind's indexer runs as a child, Hugo as its own binary), sampled from /proc.
 */
import { spawn } from "node:child_process";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";

const pageSize = 4096;

/** Clock ticks per second of /proc/<pid>/stat's CPU times (USER_HZ, 100 on Linux). */
const ticksPerSecond = 100;

/** Resident bytes of `pid` and all its descendants now (0 once it has exited); their CPU ticks into `cpu`. */
export async function treeRss(pid: number, cpu?: Map<number, number>): Promise<number> {
	let total = 0;
	const statm = await readFile(`/proc/${pid}/statm`, "utf8").catch(() => "");
	total += Number(statm.split(" ")[1] ?? 0) * pageSize;
	if (cpu) {
		// Fields after the command name (which may hold spaces, hence the last ")"): utime and stime are the 12th and 13th.
		const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
		const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
		const ticks = Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
		if (ticks > 0) cpu.set(pid, Math.max(cpu.get(pid) ?? 0, ticks));
	}
	const tasks = await readdir(`/proc/${pid}/task`).catch(() => [] as string[]);
	for (const task of tasks) {
		const children = await readFile(`/proc/${pid}/task/${task}/children`, "utf8").catch(() => "");
		for (const child of children.split(" ").filter(Boolean)) total += await treeRss(Number(child), cpu);
	}
	return total;
}

/** Samples the memory and CPU time of a process tree until stopped; `stop` returns the peak bytes and the CPU milliseconds. */
export function samplePeakRss(pid: number, everyMs = 100): { stop(): Promise<{ peak: number; cpuMs: number }> } {
	let peak = 0;
	let running = true;
	const cpu = new Map<number, number>();
	const loop = (async () => {
		while (running) {
			peak = Math.max(peak, await treeRss(pid, cpu));
			await new Promise((resolve) => setTimeout(resolve, everyMs));
		}
	})();
	return {
		async stop() {
			running = false;
			await loop;
			let ticks = 0;
			for (const value of cpu.values()) ticks += value;
			return { peak, cpuMs: (ticks / ticksPerSecond) * 1000 };
		},
	};
}

export interface CommandRun {
	/** Milliseconds from start to exit. */
	wallMs: number;
	/** Peak resident memory of the command and its children, in bytes (sampled every 100 ms). */
	peakRss: number;
	/**
	 * CPU time (user + system) of the command and its children, in milliseconds, as last sampled for each
	 * process (so up to 100 ms of each process's end is missed): on a shared machine it moves far less
	 * with the load than wall time. Sampled rather than taken from the exit status, because a child that is
	 * killed and not waited for (Pagefind's service) would not count.
	 */
	cpuMs: number;
	stdout: string;
	stderr: string;
}

/** Runs a command to completion, measuring it; a non-zero exit is an error carrying its output. */
export async function runMeasured(
	command: string,
	args: readonly string[],
	options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<CommandRun> {
	const started = performance.now();
	const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
	const sampler = samplePeakRss(child.pid ?? 0);
	let stdout = "";
	let stderr = "";
	child.stdout.on("data", (chunk) => {
		stdout += chunk;
	});
	child.stderr.on("data", (chunk) => {
		stderr += chunk;
	});
	const code = await new Promise<number | null>((resolve, reject) => {
		child.on("error", reject);
		child.on("close", resolve);
	});
	const wallMs = performance.now() - started;
	const { peak: peakRss, cpuMs } = await sampler.stop();
	if (code !== 0) throw new Error(`${command} ${args.join(" ")} exited with ${code}:\n${stderr.trim() || stdout.trim()}`);
	return { wallMs, peakRss, cpuMs, stdout, stderr };
}

export interface FolderSize {
	files: number;
	/** `.html` files: the pages. */
	pages: number;
	/** Bytes of the `.html` files. */
	htmlBytes: number;
	bytes: number;
}

/** Files, HTML pages and bytes under `dir`. */
export async function folderSize(dir: string): Promise<FolderSize> {
	const size: FolderSize = { files: 0, pages: 0, htmlBytes: 0, bytes: 0 };
	for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile()) continue;
		size.files++;
		const bytes = (await stat(path.join(entry.parentPath, entry.name))).size;
		if (entry.name.endsWith(".html")) {
			size.pages++;
			size.htmlBytes += bytes;
		}
		size.bytes += bytes;
	}
	return size;
}
