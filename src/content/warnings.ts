/**
 * Warnings: things worth telling the editor that do not stop the build. Each is structured (kind, file,
 * line, message) so that the end of `build` and `check` can sum them up by kind, with counts and the
 * first few files: an imported archive of 10,000 posts gives one screen, not 10,000 lines.
 */

/** Something about the content that does not stop the build. */
export interface ContentWarning {
	/** What kind of warning it is; one of {@link warningKinds}' keys (the report groups by it). */
	kind: WarningKind;
	/** The file, shown as problems show it; absent for a warning about the whole digest. */
	path?: string;
	/** 1-based line in that file, when one line is to blame. */
	line?: number;
	/** What is wrong and, where useful, what to do; reads well after `path:line: `. */
	message: string;
}

/** A warning found while parsing one file; the loader adds the path, shown its own way. */
export type FileWarning = Omit<ContentWarning, "path">;

/**
 * Every kind of warning: the headline of its group in the summary, and whether `--strict` makes it an
 * error (docs/content.md: articles without topics and topics missing from the registry).
 */
export const warningKinds = {
	"no-topics": { title: "articles without topics: on every page except topic pages", strict: true },
	"not-article": { title: "files of the site that are pages, not articles: left out", strict: false },
	"undated-draft": { title: "drafts without a date: left out until they have one", strict: false },
	"unregistered-topic": { title: "topics not in topics.yaml", strict: true },
	"no-words": { title: "articles with no letter or digit in title or text: search cannot list them", strict: false },
	"missing-image": { title: "local images that are not there", strict: false },
	"template-tag": { title: "template tags the digest does not run, shown as text", strict: false },
	"missing-link-target": { title: "links to articles that are not in the digest", strict: false },
	"mdx-component": { title: "MDX components and expressions the digest does not run: their text is shown", strict: false },
	"empty-file": { title: "empty files: left out", strict: false },
	"repeated-key": { title: "front matter keys given twice: the last one is used, as the engines do", strict: false },
	"date-text-ignored": { title: "dates with text after the date and time: the engines ignore it, and so does the digest", strict: false },
	"engine-setting": { title: "settings of the site's engine this digest cannot follow", strict: false },
	"categories-left-out": { title: "categories a URL cannot hold: those URLs are made without them", strict: false },
} satisfies Record<string, { title: string; strict: boolean }>;
export type WarningKind = keyof typeof warningKinds;

/** One warning as `path:line: message` (or just the message for a digest-wide one). */
export const formatWarning = (warning: ContentWarning): string =>
	`${warning.path === undefined ? "" : `${warning.path}${warning.line === undefined ? "" : `:${warning.line}`}: `}${warning.message}`;

export interface SummaryOptions {
	/**
	 * How many warnings of a kind are shown before the rest is only counted.
	 * @default 3
	 */
	examples?: number;
}

export const summaryDefaults = { examples: 3 } satisfies Required<SummaryOptions>;

/**
 * The report's lines: a kind with a single warning is that warning; a kind with more is a headline with
 * the count of warnings and files, the first few warnings, and how many more there are. Kinds come in
 * the order of {@link warningKinds}, warnings in the order found (file order), so the report is stable.
 */
export function summariseWarnings(warnings: readonly ContentWarning[], options: SummaryOptions = {}): string[] {
	const { examples } = { ...summaryDefaults, ...options };
	const byKind = new Map<WarningKind, ContentWarning[]>();
	for (const warning of warnings) {
		const list = byKind.get(warning.kind);
		if (list) list.push(warning);
		else byKind.set(warning.kind, [warning]);
	}
	const lines: string[] = [];
	for (const kind of Object.keys(warningKinds) as WarningKind[]) {
		const list = byKind.get(kind);
		if (!list) continue;
		const [only] = list;
		if (list.length === 1 && only) {
			lines.push(`warning: ${formatWarning(only)}`);
			continue;
		}
		const files = new Set(list.map((warning) => warning.path).filter((file) => file !== undefined)).size;
		const count = files > 0 && files !== list.length ? `${list.length} in ${files} files` : `${list.length}`;
		lines.push(`warning: ${kind} (${count}): ${warningKinds[kind].title}`);
		for (const warning of list.slice(0, examples)) lines.push(`  ${formatWarning(warning)}`);
		if (list.length > examples) lines.push(`  … and ${list.length - examples} more`);
	}
	return lines;
}
