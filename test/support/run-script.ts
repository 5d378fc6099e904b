/** Runs a command-line script the way a user does (`tsx scripts/x.ts …`) and captures what it prints. */
import { execFile } from "node:child_process";
import path from "node:path";
import { projectRoot } from "../../src/paths.ts";

export interface ScriptResult {
	code: number;
	stdout: string;
	stderr: string;
}

const tsx = path.join(projectRoot, "node_modules", ".bin", "tsx");

export function runScript(
	script: string,
	args: string[],
	options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<ScriptResult> {
	return new Promise((resolve) => {
		execFile(
			tsx,
			[path.join(projectRoot, "scripts", script), ...args],
			{ cwd: options.cwd ?? projectRoot, env: { ...process.env, TZ: "UTC", CI: "1", ...options.env }, timeout: 120_000 },
			(error, stdout, stderr) => {
				const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
				resolve({ code, stdout, stderr });
			},
		);
	});
}
