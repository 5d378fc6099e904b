import type { FileTally } from "./tally.ts";

/** A problem in the content, reported as `path:line: field: what is wrong`. */
export interface ContentProblem {
	/** The file, as the user would type it (relative to the working directory when inside it). */
	path: string;
	/** 1-based line in that file. */
	line: number;
	/** The front-matter field, or a word for what is wrong (`front matter`, `file`, `url`). */
	field: string;
	message: string;
}

export const formatProblem = (problem: ContentProblem): string => `${problem.path}:${problem.line}: ${problem.field}: ${problem.message}`;

/** Thrown when content is invalid; carries every problem found, not only the first. */
export class ContentError extends Error {
	readonly problems: ContentProblem[];
	/** How the folder's files came out, when they were read (the report's last line). */
	tally?: FileTally;
	constructor(problems: ContentProblem[], tally?: FileTally) {
		super(`${problems.length} problem${problems.length === 1 ? "" : "s"} in the articles:\n${problems.map(formatProblem).join("\n")}`);
		this.name = "ContentError";
		this.problems = problems;
		if (tally) this.tally = tally;
	}
}
