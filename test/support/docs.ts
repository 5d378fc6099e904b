/**
 * Reads the project's Markdown documentation the way GitHub shows it, and lists what in it is no longer
 * true of the repository: relative links and images to files that are not there, `#anchors` that match no
 * heading (GitHub's slugs, via github-slugger), npm commands that package.json does not have, and
 * project paths named in code that do not exist. Each problem is `file:line: what`, like the build's.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import GithubSlugger from "github-slugger";
import { parseHTML } from "linkedom";
import MarkdownItFactory, { type Token } from "markdown-it";

/** Something the documentation names: a link target or a piece of code, with where it was written. */
interface Mention {
	line: number;
	text: string;
}

export interface ParsedDoc {
	/** Path relative to the project root, with `/` separators. */
	file: string;
	/** The anchors GitHub gives its headings, in order (a repeated heading gets `-1`, `-2`, …). */
	anchors: string[];
	/** `href` of links and `src` of images, from Markdown and from inline HTML. */
	links: Mention[];
	/** The text of every code span and code block. */
	code: Mention[];
}

/** Raw HTML is parsed so that `<img src>` and `<a href>` in it are checked too (the README's screenshots). */
const markdown = MarkdownItFactory({ html: true, linkify: false });

export function parseDoc(file: string, source: string): ParsedDoc {
	const slugger = new GithubSlugger();
	const doc: ParsedDoc = { file, anchors: [], links: [], code: [] };
	const tokens = markdown.parse(source, {});
	// Not every token has a source map (a table cell's text does not): the nearest one before it does.
	let line = 1;
	tokens.forEach((token, index) => {
		if (token.map) line = token.map[0] + 1;
		if (token.type === "heading_open") {
			// GitHub slugs the heading's text as shown: markup dropped, code spans' text kept.
			doc.anchors.push(slugger.slug(plainText(tokens[index + 1]?.children ?? [])));
		} else if (token.type === "fence" || token.type === "code_block") {
			doc.code.push({ line: line + (token.type === "fence" ? 1 : 0), text: token.content });
		} else if (token.type === "html_block") {
			doc.links.push(...htmlLinks(token.content, line));
		} else if (token.type === "inline") {
			let childLine = line;
			for (const child of token.children ?? []) {
				if (child.type === "softbreak" || child.type === "hardbreak") childLine += 1;
				else if (child.type === "link_open") doc.links.push({ line: childLine, text: String(child.attrGet("href") ?? "") });
				else if (child.type === "image") doc.links.push({ line: childLine, text: String(child.attrGet("src") ?? "") });
				else if (child.type === "code_inline") doc.code.push({ line: childLine, text: child.content });
				else if (child.type === "html_inline") doc.links.push(...htmlLinks(child.content, childLine));
			}
		}
	});
	return doc;
}

function plainText(children: Token[]): string {
	return children.map((child) => (child.type === "text" || child.type === "code_inline" ? child.content : "")).join("");
}

function htmlLinks(html: string, line: number): Mention[] {
	const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
	return [...document.querySelectorAll("[href], [src]")].map((element) => ({
		line,
		text: element.getAttribute("href") ?? element.getAttribute("src") ?? "",
	}));
}

export interface CheckOptions {
	/** The project root that links resolve against. */
	root: string;
	/** `scripts` of package.json. */
	scripts: Record<string, string>;
}

/** README.md and every Markdown file under docs/, relative to `root`. */
export function docFiles(root: string): string[] {
	const docsDir = path.join(root, "docs");
	const inDocs = existsSync(docsDir)
		? readdirSync(docsDir, { recursive: true, encoding: "utf8" })
				.filter((name) => name.endsWith(".md"))
				.map((name) => `docs/${name.split(path.sep).join("/")}`)
		: [];
	return ["README.md", ...inDocs.sort()];
}

export function readDocs(root: string, files = docFiles(root)): ParsedDoc[] {
	return files.map((file) => parseDoc(file, readFileSync(path.join(root, file), "utf8")));
}

/** A URL with a scheme (`https:`, `mailto:`) or protocol-relative: not the repository's to check. */
const external = /^(?:[a-z][a-z\d+.-]*:|\/\/)/i;
/** GitHub's anchors for lines of a source file (`#L10`, `#L10-L20`). */
const lineAnchor = /^L\d+(?:-L\d+)?$/;

export function linkProblems(docs: ParsedDoc[], { root }: Pick<CheckOptions, "root">): string[] {
	const byFile = new Map(docs.map((doc) => [doc.file, doc]));
	const problems: string[] = [];
	for (const doc of docs) {
		for (const { line, text } of doc.links) {
			const where = `${doc.file}:${line}: link: ${text || '""'}`;
			if (!text) {
				problems.push(`${where} is empty`);
				continue;
			}
			if (external.test(text)) continue;
			const hash = text.indexOf("#");
			const target = decodeURIComponent((hash === -1 ? text : text.slice(0, hash)).split("?")[0] ?? "");
			const anchor = hash === -1 ? undefined : decodeURIComponent(text.slice(hash + 1));
			// On GitHub a link starting with `/` is relative to the repository's root.
			const resolved = target.startsWith("/")
				? path.posix.normalize(target.slice(1))
				: target
					? path.posix.normalize(path.posix.join(path.posix.dirname(doc.file), target))
					: doc.file;
			if (resolved === ".." || resolved.startsWith("../")) {
				problems.push(`${where} leaves the repository`);
				continue;
			}
			const absolute = path.join(root, resolved);
			if (!existsSync(absolute)) {
				problems.push(`${where} points to ${resolved}, which does not exist`);
				continue;
			}
			if (anchor === undefined || anchor === "") continue;
			const targetDoc = byFile.get(resolved.replace(/\/$/, ""));
			if (targetDoc) {
				if (!targetDoc.anchors.includes(anchor))
					problems.push(`${where} names no heading of ${resolved} (its anchors: ${targetDoc.anchors.join(", ")})`);
			} else if (statSync(absolute).isDirectory() || !lineAnchor.test(anchor)) {
				problems.push(
					`${where}: #${anchor} cannot be checked in ${resolved} (only headings of README.md and docs/*.md, and #L lines of files)`,
				);
			}
		}
	}
	return problems;
}

/** npm's own commands a reader may be told to run; anything else after `npm` must be a script. */
const npmCommands = new Set(["install", "i", "ci", "exec", "uninstall", "update", "outdated", "audit", "ls"]);
/** Scripts `npm X` runs without `run`. */
const lifecycleScripts = new Set(["start", "test", "stop", "restart"]);

/** Every `npm …` in the docs' code names a script package.json has, or one of npm's own commands. */
export function commandProblems(docs: ParsedDoc[], { scripts }: Pick<CheckOptions, "scripts">): string[] {
	const problems: string[] = [];
	for (const doc of docs) {
		for (const { line, text } of doc.code) {
			text.split("\n").forEach((codeLine, offset) => {
				for (const words of npmInvocations(codeLine)) {
					const where = `${doc.file}:${line + offset}: command: npm ${words.join(" ")}`;
					const [command, ...rest] = words;
					if (command === undefined) continue;
					if (command === "run" || command === "run-script") {
						const script = rest[0];
						if (script === undefined) problems.push(`${where} names no script`);
						else if (!(script in scripts)) problems.push(`${where}: package.json has no script "${script}"`);
					} else if (lifecycleScripts.has(command)) {
						if (!(command in scripts)) problems.push(`${where}: package.json has no script "${command}"`);
					} else if (!npmCommands.has(command)) {
						problems.push(`${where}: "${command}" is neither an npm command nor run as a script (npm run ${command})`);
					}
				}
			});
		}
	}
	return problems;
}

/** The words after each `npm` on a line of code, leading flags (`--silent`) left out, up to `--` or a shell operator. */
export function npmInvocations(codeLine: string): string[][] {
	const invocations: string[][] = [];
	for (const match of codeLine.matchAll(/(?:^|[\s;&|(`$])npm(?=\s|$)((?:\s+[^\s;&|)]+)*)/g)) {
		const words: string[] = [];
		for (const word of (match[1] ?? "").trim().split(/\s+/)) {
			if (word === "" || word === "--" || word === "/") break;
			if (word.startsWith("-")) continue;
			words.push(word);
			if (words.length === 2) break;
		}
		invocations.push(words);
	}
	return invocations;
}

/** Folders whose files the docs name by path (`src/commands/incremental.ts`); `articles/` is left out, it is full of examples. */
const projectPath = /^(?:\.\/)?((?:src|test|layouts|scripts|bench|docs|\.github|\.ci)\/[\w.@/-]*)$/;

/**
 * Every project path named alone in a code span (`src/content/markdown.ts`, `test/fixtures/broken/`) exists, and so
 * does every file a command runs with tsx (`npx tsx scripts/dev-latency.ts`).
 */
export function pathProblems(docs: ParsedDoc[], { root }: Pick<CheckOptions, "root">): string[] {
	const problems: string[] = [];
	for (const doc of docs) {
		for (const { line, text } of doc.code) {
			const named = projectPath.exec(text.trim())?.[1];
			if (named && !existsSync(path.join(root, named))) problems.push(`${doc.file}:${line}: path: ${named} does not exist`);
			text.split("\n").forEach((codeLine, offset) => {
				for (const [, file] of codeLine.matchAll(/(?:^|\s)tsx\s+([\w./-]+\.tsx?)(?=\s|$)/g)) {
					if (file && !existsSync(path.join(root, file)))
						problems.push(`${doc.file}:${line + offset}: command: tsx ${file}: the file does not exist`);
				}
			});
		}
	}
	return problems;
}

/** A command the docs show with flags: the script file it runs (`scripts/build.ts`) and the flags given to it. */
export interface FlagUse {
	where: string;
	script: string;
	flags: string[];
}

/**
 * The flags the docs pass to the project's own scripts, from every line of code that runs one:
 * `npm run build -- --path-prefix /repo/`, `npm start -- [--port N]`, `npx tsx scripts/dev-latency.ts --articles 5000`.
 * `scripts` maps package.json script names to their commands, which name the script file.
 */
export function flagUses(docs: ParsedDoc[], scripts: Record<string, string>): FlagUse[] {
	const fileOf = (name: string) => /^tsx (scripts\/[\w.-]+\.ts)$/.exec(scripts[name] ?? "")?.[1];
	const uses: FlagUse[] = [];
	for (const doc of docs) {
		for (const { line, text } of doc.code) {
			text.split("\n").forEach((codeLine, offset) => {
				// Each command on the line runs to the next shell operator.
				for (const command of codeLine.split(/\s(?:&&|\|\||;|\|)\s/)) {
					const npm = /(?:^|[\s`])npm\s+(?:--?[\w-]+\s+)*(?:run(?:-script)?\s+(?:--?[\w-]+\s+)*)?([\w:-]+)\s+--\s+(.*)$/.exec(command);
					const tsx = /(?:^|\s)tsx\s+(scripts\/[\w.-]+\.ts)\s+(.*)$/.exec(command);
					const script = npm ? fileOf(npm[1]!) : tsx?.[1];
					const rest = npm?.[2] ?? tsx?.[2];
					if (!script || rest === undefined) continue;
					const flags = [...rest.matchAll(/(?:^|[\s[|])(--[a-z][\w-]*)/g)].map((match) => match[1]!);
					if (flags.length > 0) uses.push({ where: `${doc.file}:${line + offset}`, script, flags });
				}
			});
		}
	}
	return uses;
}
