/**
 * What the benchmark measures a command by: wall time, and the peak memory of the process and every
 * process it starts (Pagefind's indexer runs as a child, Hugo as its own binary), sampled from /proc.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

const pageSize = 4096;

/** Resident bytes of `pid` and all its descendants now (0 once it has exited). */
export async function treeRss(pid: number): Promise<number> {
	let total = 0;
	const statm = await readFile(`/proc/${pid}/statm`, "utf8").catch(() => "");
	total += Number(statm.split(" ")[1] ?? 0) * pageSize;
	const tasks = await readdir(`/proc/${pid}/task`).catch(() => [] as string[]);
	for (const task of tasks) {
		const children = await readFile(`/proc/${pid}/task/${task}/children`, "utf8").catch(() => "");
		for (const child of children.split(" ").filter(Boolean)) total += await treeRss(Number(child));
	}
	return total;
}

/** Samples the memory of a process tree until stopped; `stop` returns the peak in bytes. */
export function samplePeakRss(pid: number, everyMs = 100): { stop(): Promise<number> } {
	let peak = 0;
	let running = true;
	const loop = (async () => {
		while (running) {
			peak = Math.max(peak, await treeRss(pid));
			await new Promise((resolve) => setTimeout(resolve, everyMs));
		}
	})();
	return {
		async stop() {
			running = false;
			await loop;
			return peak;
		},
	};
}

const gnuTime = "/usr/bin/time";

export interface CommandRun {
	/** Milliseconds from start to exit. */
	wallMs: number;
	/** Peak resident memory of the command and its children, in bytes (sampled every 100 ms). */
	peakRss: number;
	/**
	 * CPU time (user + system) of the command and every child it waited for, in milliseconds, from GNU
	 * time (`/usr/bin/time`) where installed: on a shared machine it moves far less with the load than wall time.
	 */
	cpuMs?: number;
	stdout: string;
	stderr: string;
}

/** Runs a command to completion, measuring it; a non-zero exit is an error carrying its output. */
export async function runMeasured(
	command: string,
	args: readonly string[],
	options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<CommandRun> {
	const timing = existsSync(gnuTime) ? path.join(await mkdtemp(path.join(tmpdir(), "bench-time-")), "cpu") : undefined;
	const [file, argv] = timing ? [gnuTime, ["-f", "%U %S", "-o", timing, command, ...args]] : [command, [...args]];
	const started = performance.now();
	const child = spawn(file, argv, { cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
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
	const peakRss = await sampler.stop();
	let cpuMs: number | undefined;
	if (timing) {
		// The last line: GNU time writes "Command exited with non-zero status N" before it on failure.
		const [user, system] = (await readFile(timing, "utf8").catch(() => "")).trim().split("\n").at(-1)?.split(" ").map(Number) ?? [];
		if (Number.isFinite(user) && Number.isFinite(system)) cpuMs = ((user ?? 0) + (system ?? 0)) * 1000;
		await rm(path.dirname(timing), { recursive: true, force: true });
	}
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
