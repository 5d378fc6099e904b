/**
 * The editor's wait in `npm start`: the dev server started on a copy of the digest, in its own process
 * with `npm start`'s Node flags (measured from this process, the browser's driver included, the dev
 * server's busy thread would delay the measurement itself), the search page open in a real Chromium tab
 * with service workers allowed (as every reader's and editor's browser has them), one new article saved,
 * then the time until its page is served and until that same tab shows it among the results.
 */
import { spawn } from "node:child_process";
import { cp, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { waitUntil } from "./served-search.ts";
import { launchChromium } from "../commands/chromium.ts";
import { npmScriptStart } from "../commands/npm-scripts.ts";
import { projectRoot } from "../paths.ts";

export interface DevMeasurement {
	/** Milliseconds from starting the dev server to its first build being served. */
	startupMs: number;
	/** Milliseconds from saving the new article to its page being served. */
	servedMs: number;
	/** Milliseconds from saving it to the open search tab showing it. */
	searchableMs: number;
}

/** Runs the dev server over a copy of `articlesDir` in `workDir`. */
export async function measureDevServer(articlesDir: string, workDir: string, timeoutMs = 600_000): Promise<DevMeasurement> {
	const copy = path.join(workDir, "articles");
	await cp(articlesDir, copy, { recursive: true });
	const started = performance.now();
	// As npm start starts it (package.json).
	const { args, entry } = npmScriptStart("start");
	const server = spawn(process.execPath, [...args, entry, "--articles", copy, "--output", path.join(workDir, "_site"), "--port", "0"], {
		cwd: projectRoot,
		env: { ...process.env, CI: "1" },
		stdio: ["ignore", "pipe", "pipe"],
	});
	let stdout = "";
	let stderr = "";
	server.stdout.on("data", (chunk) => {
		stdout += chunk;
	});
	server.stderr.on("data", (chunk) => {
		stderr += chunk;
	});
	const exited = new Promise<void>((resolve) => server.on("exit", () => resolve()));
	try {
		const crashed = exited.then(() => {
			throw new Error(`npm start exited (${server.exitCode}): ${stderr.trim().split("\n").at(-1)}`);
		});
		// Its rejection when the server is stopped at the end is expected, not unhandled.
		crashed.catch(() => undefined);
		await Promise.race([
			waitUntil("the dev server to serve the digest", async () => / at http:\/\/localhost:\d+\//.test(stdout), timeoutMs),
			crashed,
		]);
		const startupMs = performance.now() - started;
		const origin = (/ at (http:\/\/localhost:\d+\/)/.exec(stdout)?.[1] ?? "").replace("localhost", "127.0.0.1");
		const browser = await launchChromium();
		try {
			const word = "zyxbenchprobe";
			// The tab the editor keeps open: service workers allowed (the context's default).
			const context = await browser.newContext();
			const page = await context.newPage();
			await page.goto(new URL(`search/?q=${word}`, origin).href);
			await page.waitForSelector("[data-search][data-searches-shown]", { timeout: timeoutMs });
			// The file watcher settles a moment after the first build.
			await new Promise((resolve) => setTimeout(resolve, 1000));
			const saved = performance.now();
			await mkdir(path.join(copy, "2099", "01"), { recursive: true });
			await writeFile(
				path.join(copy, "2099", "01", "bench-probe.md"),
				`---\ntitle: Bench probe\ndate: 2099-01-01\ntopics: [bench]\n---\nThe ${word} article.\n`,
			);
			const found = page.waitForSelector(".search-result-title a", { timeout: timeoutMs }).then(() => performance.now() - saved);
			// The default URL pattern: /articles/YYYY/MM/DD/slug/.
			const articleUrl = new URL("articles/2099/01/01/bench-probe/", origin);
			await waitUntil("the new page", async () => (await fetch(articleUrl)).ok, timeoutMs);
			const servedMs = performance.now() - saved;
			const searchableMs = await found;
			return { startupMs, servedMs, searchableMs };
		} finally {
			await browser.close();
		}
	} finally {
		// Ctrl+C, as an editor stops it (a background re-index still finishes); killed if it takes too long.
		server.kill("SIGINT");
		const killer = setTimeout(() => server.kill("SIGKILL"), 60_000);
		await exited;
		clearTimeout(killer);
	}
}
