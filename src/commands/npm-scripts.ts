/**
 * The commands of package.json's npm scripts, read as Node would run them: what measures or tests a
 * command (the bench, the tests' runScript) starts it exactly as `npm run …` does.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "../paths.ts";

/** package.json's scripts, by name. */
export function npmScripts(): Record<string, string> {
	return (JSON.parse(readFileSync(path.join(projectRoot, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
}

/** How a `node …` command starts: Node's arguments before its entry (files made absolute), and the entry. */
export interface NodeStart {
	/** E.g. `["--expose-gc", "/project/scripts/compiled.mjs"]` for `node --expose-gc scripts/compiled.mjs scripts/build.ts`. */
	args: string[];
	/** The TypeScript entry, relative to the project, e.g. `scripts/build.ts`. */
	entry: string;
}

/** The start of `command` when it runs a TypeScript entry with `node`; undefined otherwise. */
export function nodeStart(command: string): NodeStart | undefined {
	const words = command.trim().split(/\s+/);
	const at = words.findIndex((word) => word.endsWith(".ts"));
	if (words[0] !== "node" || at < 0) return undefined;
	const args = words.slice(1, at).map((word) => (/\.[cm]?js$/.test(word) ? path.join(projectRoot, word) : word));
	return { args, entry: words[at] as string };
}

/** How `npm run <name>` starts Node (package.json); an error when that script does not run an entry with `node`. */
export function npmScriptStart(name: string): NodeStart {
	const start = nodeStart(npmScripts()[name] ?? "");
	if (!start) throw new Error(`npm run ${name} does not run a TypeScript entry with node (package.json)`);
	return start;
}
