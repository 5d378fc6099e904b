/**
 * What every command shares: flag parsing with `--help`, and error reporting that tells the user what is
 * wrong (content problems as `path:line: field: what`) without a stack trace.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { ContentError, formatProblem } from "../content/problems.ts";
import { formatTally } from "../content/tally.ts";

export interface CommandSpec<T extends NonNullable<ParseArgsConfig["options"]>> {
	/** e.g. `npm run build -- [options]`. */
	usage: string;
	/** One paragraph on what the command does. */
	summary: string;
	options: T;
	/** Help text per option, in the order shown. */
	help: Partial<Record<keyof T, string>>;
	allowPositionals?: boolean;
}

/** A mistake the user can fix (a bad flag, a missing file): printed as one line, no stack trace. */
export class UsageError extends Error {
	override name = "UsageError";
}

export async function runCommand<T extends NonNullable<ParseArgsConfig["options"]>>(
	spec: CommandSpec<T>,
	main: (
		values: ReturnType<typeof parseArgs<{ options: T; allowPositionals: boolean; strict: true }>>["values"],
		positionals: string[],
	) => Promise<number | void>,
): Promise<void> {
	try {
		const options = { ...spec.options, help: { type: "boolean", short: "h" } } as T;
		let parsed: ReturnType<typeof parseArgs<{ options: T; allowPositionals: boolean; strict: true }>>;
		try {
			parsed = parseArgs({ options, allowPositionals: spec.allowPositionals ?? false, strict: true });
		} catch (error) {
			throw new UsageError(`${(error as Error).message}\nRun with --help for the options.`);
		}
		if ((parsed.values as Record<string, unknown>).help) {
			process.stdout.write(helpText(spec));
			return;
		}
		const code = await main(parsed.values, parsed.positionals);
		process.exitCode = code ?? 0;
	} catch (error) {
		process.exitCode = reportError(error);
	}
}

export function helpText<T extends NonNullable<ParseArgsConfig["options"]>>(spec: CommandSpec<T>): string {
	const rows = Object.entries(spec.options).map(([name, option]) => {
		const flag = `--${name}${option.type === "string" ? " VALUE" : ""}`;
		return `  ${flag.padEnd(26)} ${spec.help[name as keyof T] ?? ""}`;
	});
	rows.push(`  ${"--help".padEnd(26)} show this help`);
	return `Usage: ${spec.usage}\n\n${spec.summary}\n\nOptions:\n${rows.join("\n")}\n`;
}

/** Prints an error the way a user should see it; returns the exit code. */
export function reportError(error: unknown): number {
	if (error instanceof ContentError) {
		for (const problem of error.problems) console.error(formatProblem(problem));
		console.error(`\n${error.problems.length} problem${error.problems.length === 1 ? "" : "s"} found; nothing was written.`);
		if (error.tally) console.error(formatTally(error.tally));
		return 1;
	}
	if (error instanceof UsageError) {
		console.error(`error: ${error.message}`);
		return 2;
	}
	const message = error instanceof Error ? error.message : String(error);
	console.error(`error: ${message}`);
	if (process.env.DEBUG) console.error(error);
	return 1;
}
