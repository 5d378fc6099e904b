/**
 * What the benchmark measures a command by: wall time, and the peak memory of the process and every
 * process it starts (Pagefind's indexer runs as a child, Hugo as its own binary), sampled from /proc.
 */
import { spawn } from "node:child_process";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";

/** Clock ticks per second of /proc/<pid>/stat's CPU times (USER_HZ, 100 on Linux). */
const ticksPerSecond = 100;

/** A `kB` line of /proc/<pid>/status (`VmRSS`, `VmHWM`), in bytes; 0 when absent (a process that has exited). */
const statusBytes = (status: string, field: string): number =>
	Number(new RegExp(`^${field}:\\s*(\\d+) kB`, "m").exec(status)?.[1] ?? 0) * 1024;

/**
 * Resident bytes of `pid` and all its descendants now (0 once it has exited); their CPU ticks into `cpu`,
 * and each process's own peak so far (the kernel's high-water mark, `VmHWM`) into `peaks`.
 */
export async function treeRss(pid: number, cpu?: Map<number, number>, peaks?: Map<number, number>): Promise<number> {
	const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
	let total = statusBytes(status, "VmRSS");
	if (peaks) peaks.set(pid, Math.max(peaks.get(pid) ?? 0, statusBytes(status, "VmHWM")));
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
		for (const child of children.split(" ").filter(Boolean)) total += await treeRss(Number(child), cpu, peaks);
	}
	return total;
}

/**
 * Samples the memory and CPU time of a process tree until stopped; `stop` returns the peak bytes and the
 * CPU milliseconds. Every 10 ms for the first second, then every `everyMs`: a command that ends in a
 * tenth of a second (Hugo on a few dozen posts) is still seen after it started, not only as the process
 * it was before its program was loaded. The peak is the largest sum of the tree's resident memory at one
 * moment, and never less than one process's own high-water mark, which the kernel keeps between samples.
 */
export function samplePeakRss(pid: number, everyMs = 100): { stop(): Promise<{ peak: number; cpuMs: number }> } {
	let peak = 0;
	let running = true;
	const cpu = new Map<number, number>();
	const peaks = new Map<number, number>();
	const started = performance.now();
	const loop = (async () => {
		while (running) {
			peak = Math.max(peak, await treeRss(pid, cpu, peaks));
			await new Promise((resolve) => setTimeout(resolve, performance.now() - started < 1000 ? 10 : everyMs));
		}
	})();
	return {
		async stop() {
			running = false;
			await loop;
			let ticks = 0;
			for (const value of cpu.values()) ticks += value;
			return { peak: Math.max(peak, ...peaks.values()), cpuMs: (ticks / ticksPerSecond) * 1000 };
		},
	};
}

/**
 * CPU ticks (user + system) of this process's children that have exited and been waited for, and of
 * theirs (`cutime` and `cstime` of /proc/self/stat): exact where sampling misses a process's last moments.
 */
async function reapedChildrenTicks(): Promise<number> {
	const stat = await readFile("/proc/self/stat", "utf8").catch(() => "");
	const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
	return Number(fields[13] ?? 0) + Number(fields[14] ?? 0);
}

export interface CommandRun {
	/** Milliseconds from start to exit. */
	wallMs: number;
	/** Peak resident memory of the command and its children, in bytes (sampled, see `samplePeakRss`). */
	peakRss: number;
	/**
	 * CPU time (user + system) of the command and its children, in milliseconds: on a shared machine it
	 * moves far less with the load than wall time. The kernel's count for the command once it has exited,
	 * with every descendant it waited for; the sampled count when that is more, as when a child was killed
	 * and not waited for (Pagefind's service).
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
	const ticksBefore = await reapedChildrenTicks();
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
	const { peak: peakRss, cpuMs: sampledCpuMs } = await sampler.stop();
	const cpuMs = Math.max(sampledCpuMs, (((await reapedChildrenTicks()) - ticksBefore) / ticksPerSecond) * 1000);
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
