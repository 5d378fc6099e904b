/**
 * Runs the rest of its command line as a Node process, and again whenever this project's code changes:
 * `node scripts/restart-on-change.mjs [node flags] scripts/compiled.mjs scripts/start.ts [arguments]` is
 * `npm start`. The dev server reloads articles itself, but the layouts and `src/` are compiled into its
 * process (scripts/compiled.mjs), so an edit there needs a new process: this one stops the server (the port
 * is free once it has exited), starts it again (compiled anew) and an open tab reloads when the reader comes
 * back to it. The stylesheet stays with the dev server's own watcher, which copies it without a restart.
 *
 * Watched with chokidar (Eleventy's own watcher) rather than Node's `--watch-path`: on Node 20 that loses a
 * file once it has been replaced by a rename (as `git checkout` and many editors save), and the next
 * in-place save of it restarted nothing.
 *
 * Plain JavaScript, as it starts before anything is compiled.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { watch } from "chokidar";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** The code a dev server runs, as scripts/compiled.mjs bundles it into its process (the stylesheet is not). */
const watched = [
	"layouts/components",
	"layouts/pages",
	"layouts/i18n.ts",
	"layouts/page-templates.ts",
	"src",
	"scripts",
	"eleventy.config.ts",
];
/** Editors' swap, backup and lock files, and hidden files: not code. */
const notCode = /(^|[/\\])\.|~$|\.sw[a-p]$/;
/** Saves close together (a checkout, an editor writing several files) make one restart. */
const settleMs = 150;

const command = process.argv.slice(2);
if (command.length === 0) {
	console.error("usage: node scripts/restart-on-change.mjs [node flags] SCRIPT [arguments]");
	process.exit(2);
}

let child;
let runs = 0;
let stopping = false;
/** A restart under way, and whether another save came meanwhile: one server at a time, however saves fall. */
let restarting = false;
let saved;

function run() {
	runs++;
	const run = runs;
	// A channel only so that the server sees this process go, however it goes (scripts/start.ts).
	child = spawn(process.execPath, command, { stdio: ["inherit", "inherit", "inherit", "ipc"] });
	child.on("exit", (code, signal) => {
		child = undefined;
		if (stopping) process.exit(code ?? 0);
		if (restarting) return;
		// The first run ending on its own is the command's end (--help, a bad flag, a digest invalid from the
		// start); a run started by an edit that fails waits for the next edit instead.
		if (run === 1) process.exit(code ?? 1);
		console.error(`The dev server stopped (${signal ?? `exit code ${code}`}); it starts again when a layout or source file is saved.`);
	});
}

/** Stops the running server as Ctrl+C does (it lets a rebuild under way finish); resolves once it has exited. */
function stopped() {
	return new Promise((resolve) => {
		if (!child) return resolve();
		child.once("exit", () => resolve());
		child.kill("SIGINT");
	});
}

async function restart() {
	if (restarting) return;
	restarting = true;
	while (saved && !stopping) {
		const file = saved;
		saved = undefined;
		console.error(`${path.relative(projectRoot, file)} changed: restarting the dev server…`);
		await stopped();
		// A save while it stopped: round again (nothing runs now) rather than start a server to stop at once.
		if (!saved && !stopping) run();
	}
	restarting = false;
}

let timer;
const watcher = watch(
	watched.map((file) => path.join(projectRoot, file)),
	{ ignoreInitial: true, ignored: (file) => notCode.test(path.relative(projectRoot, file)) },
);
watcher.on("all", (event, file) => {
	if (event === "addDir" || event === "unlinkDir" || stopping) return;
	saved = file;
	clearTimeout(timer);
	timer = setTimeout(() => void restart(), settleMs);
});
watcher.on("error", (error) => console.error(`watching the layouts and src/: ${error.message}`));

// Ctrl+C reaches both processes from a terminal; a signal to this one alone is passed on.
for (const signal of ["SIGINT", "SIGTERM"])
	process.on(signal, () => {
		stopping = true;
		clearTimeout(timer);
		void watcher.close();
		if (child) child.kill(signal);
		else process.exit(0);
	});

run();
