/**
 * Runs a command-line script the way a user does: as its npm script in package.json starts it (`npm run
 * build` runs the build compiled ahead, scripts/compiled.mjs), else `tsx scripts/x.ts …`; captures what it
 * prints.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { nodeStart, npmScripts } from "../../src/commands/npm-scripts.ts";
import { projectRoot } from "../../src/paths.ts";

export interface ScriptResult {
	code: number;
	stdout: string;
	stderr: string;
}

const tsx = path.join(projectRoot, "node_modules", ".bin", "tsx");

/** The program and arguments that start `scripts/<script>` as its npm script does. */
function commandOf(script: string): [string, string[]] {
	const entry = `scripts/${script}`;
	for (const command of Object.values(npmScripts())) {
		const start = nodeStart(command);
		if (start?.entry === entry) return [process.execPath, [...start.args, path.join(projectRoot, entry)]];
	}
	return [tsx, [path.join(projectRoot, entry)]];
}

export function runScript(
	script: string,
	args: string[],
	options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<ScriptResult> {
	return new Promise((resolve) => {
		const [program, start] = commandOf(script);
		execFile(
			program,
			[...start, ...args],
			{ cwd: options.cwd ?? projectRoot, env: { ...process.env, TZ: "UTC", CI: "1", ...options.env }, timeout: 120_000 },
			(error, stdout, stderr) => {
				const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
				resolve({ code, stdout, stderr });
			},
		);
	});
}
