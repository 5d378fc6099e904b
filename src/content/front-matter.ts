/**
 * Splits an article into front matter and body, in each form the engines editors migrate from write:
 * YAML between `---` lines (Jekyll, Hugo, Zola, this tool), TOML between `+++` lines (Hugo, Zola; read by
 * smol-toml) and a JSON object at the top of the file (Hugo). Every problem names the file's own line,
 * whichever the format, and so does `lineOf` for a field.
 */
import { CORE_SCHEMA, load as loadPlainYaml } from "js-yaml";
import { parse as parseToml, TomlError } from "smol-toml";
import { type Document, isMap, isNode, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
import type { FileProblem } from "./load.ts";

export interface FrontMatterOptions {
	/** Longest front matter accepted, in bytes: capping it refuses a YAML bomb before the parser sees it. */
	maxBytes: number;
	/** Most YAML aliases expanded. */
	maxAliases: number;
}

export type FrontMatterRead =
	| {
			ok: true;
			/** The fields, as the format's parser gives them (TOML dates are `Date` objects). */
			data: Record<string, unknown>;
			/** The Markdown after the front matter. */
			body: string;
			/** The 1-based file line the body starts on. */
			bodyLine: number;
			/** The file line of a field (`["taxonomies", "tags"]` for a nested one), else of the opening line. */
			lineOf: (keyPath: readonly string[]) => number;
			/** Keys given more than once (the last one is used, as the engines' YAML readers do), with each repeat's line. */
			repeated?: { key: string; line: number }[];
	  }
	| {
			ok: false;
			problems: FileProblem[];
			/** The file has no front matter at all (rather than a broken one). */
			missing?: boolean;
	  };

const fail = (line: number, message: string): FrontMatterRead => ({ ok: false, problems: [{ line, field: "front matter", message }] });

/** Reads the front matter of `text` (LF line endings, no BOM). */
export function readFrontMatter(text: string, options: FrontMatterOptions): FrontMatterRead {
	// Blank lines (and a stray BOM) before the opening fence: Hugo reads past them, and so do we, keeping the file's line numbers.
	const lead = /^(?:[ \t\uFEFF]*\n)+\uFEFF?(?=---|\+\+\+|\{)/.exec(text);
	if (lead) return shifted(readFenced(text.slice(lead[0].length), options), lineAt(text, lead[0].length) - 1);
	return readFenced(text.replace(/^\uFEFF/, ""), options);
}

/** A reading of text that starts `by` lines further down the file. */
function shifted(read: FrontMatterRead, by: number): FrontMatterRead {
	if (!read.ok) return { ok: false, problems: read.problems.map((problem) => ({ ...problem, line: problem.line + by })) };
	return {
		...read,
		bodyLine: read.bodyLine + by,
		lineOf: (keyPath) => read.lineOf(keyPath) + by,
		...(read.repeated ? { repeated: read.repeated.map((repeat) => ({ ...repeat, line: repeat.line + by })) } : {}),
	};
}

function readFenced(text: string, options: FrontMatterOptions): FrontMatterRead {
	const opening = /^(---|\+\+\+)[ \t]*\n/.exec(text);
	if (opening) {
		const fence = opening[1] as "---" | "+++";
		const start = opening[0].length;
		const closing = new RegExp(`\\n${fence === "---" ? "---" : "\\+\\+\\+"}[ \\t]*(\\n|$)`).exec(text.slice(start - 1));
		if (!closing) return fail(1, `the front matter opened on line 1 is never closed with a ${fence} line`);
		const source = text.slice(start, start - 1 + closing.index + 1);
		if (source.length > options.maxBytes) return fail(1, `is ${source.length} bytes, over the ${options.maxBytes}-byte limit`);
		const rest = start - 1 + closing.index + closing[0].length;
		const body = text.slice(rest);
		const bodyLine = lineAt(text, rest);
		return fence === "---" ? readYaml(source, body, bodyLine, options) : readToml(source, body, bodyLine);
	}
	if (text.startsWith("{")) return readJson(text, options);
	const message = "the file must start with a --- line opening the YAML front matter (or +++ for TOML, { for JSON)";
	return { ok: false, problems: [{ line: 1, field: "front matter", message }], missing: true };
}

/** The 1-based line of the character at `index`. */
function lineAt(text: string, index: number): number {
	let line = 1;
	for (let at = text.indexOf("\n"); at !== -1 && at < index; at = text.indexOf("\n", at + 1)) line++;
	return line;
}

const firstLine = (message: string): string => message.split("\n")[0]?.trim() ?? message;

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);

/** `yaml`'s document of front matter, with the line of every position; a key may be given twice. */
function parseYaml(source: string): { doc: Document.Parsed; lineCounter: LineCounter } {
	const lineCounter = new LineCounter();
	return { doc: parseDocument(source, { lineCounter, uniqueKeys: false, prettyErrors: false }), lineCounter };
}

/**
 * YAML 1.2 core schema (`yaml`): dates stay strings, aliases are capped. A key given twice is read as the
 * engines' YAML readers read it (the last one wins) and reported as repeated. Lines start at 2. Front
 * matter of the plainest shapes, nearly every article's, is read by js-yaml instead (`readPlainYaml`).
 */
function readYaml(source: string, body: string, bodyLine: number, options: FrontMatterOptions): FrontMatterRead {
	const plain = readPlainYaml(source);
	if (plain) return { ok: true, data: plain.data, body, bodyLine, lineOf: plain.lineOf };
	let { doc, lineCounter } = parseYaml(source);
	const fileLine = (yamlLine: number) => yamlLine + 1;
	if (doc.errors.length > 0) {
		// A quoted value continued on an unindented line: Ruby's YAML (Jekyll) reads it, this parser does not until it is indented.
		const indented = indentQuotedContinuations(source);
		if (indented !== source) {
			const retry = parseYaml(indented);
			if (retry.doc.errors.length === 0) ({ doc, lineCounter } = retry);
		}
	}
	if (doc.errors.length > 0) {
		const counter = lineCounter;
		return {
			ok: false,
			problems: doc.errors.map((error) => {
				const at = counter.linePos(error.pos[0]);
				return { line: fileLine(at.line), field: "front matter", message: `${firstLine(error.message)} (column ${at.col})` };
			}),
		};
	}
	let data: unknown;
	try {
		data = doc.toJS({ maxAliasCount: options.maxAliases });
	} catch (error) {
		return fail(1, firstLine((error as Error).message));
	}
	if (data === null || data === undefined) data = {};
	if (!isRecord(data)) return fail(2, "must be a mapping of fields (key: value)");
	const repeated: { key: string; line: number }[] = [];
	if (isMap(doc.contents)) {
		const seen = new Set<string>();
		for (const item of doc.contents.items) {
			if (!isScalar(item.key)) continue;
			const key = String(item.key.value);
			if (seen.has(key)) repeated.push({ key, line: fileLine(lineCounter.linePos(item.key.range?.[0] ?? 0).line) });
			seen.add(key);
		}
	}
	const parsed = doc;
	const counter = lineCounter;
	return {
		ok: true,
		data,
		body,
		bodyLine,
		lineOf: (keyPath) => fileLine(yamlLineOf(parsed, counter, keyPath)),
		...(repeated.length > 0 ? { repeated } : {}),
	};
}

/**
 * The lines of the front matter nearly every article has: a top-level key with a value on its line
 * (plain, quoted, or a flow list of such; a plain one may go on over indented lines), a key opening a
 * block list, the list's items, blank lines and whole-line comments. Anything else (nested maps, anchors
 * and aliases, tags, block scalars, a comment after a value, a quoted value over several lines, tabs,
 * other line breaks) is read by `yaml` alone.
 */
const plainScalar = String.raw`(?:[^-?:,[\]{}#&*!|>'"%@\x60\s]|-(?=[0-9]))(?:[^:#\s]|:(?=\S)|(?<=\S)#|[ ](?=[^\s#]))*`;
const flowScalar = String.raw`(?:[^-?:,[\]{}#&*!|>'"%@\x60\s]|-(?=[0-9]))(?:[^:#,[\]{}\s]|:(?=[^\s,[\]{}])|(?<=\S)#|[ ](?=[^\s#,\]]))*`;
const quoted = String.raw`"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'`;
const flowItem = `(?:${quoted}|${flowScalar})`;
const inlineValue = `(?:${quoted}|${plainScalar}|\\[ *(?:${flowItem} *(?:, *${flowItem} *)*)?\\])`;
const keyLine = new RegExp(`^([A-Za-z_][\\w-]*):(?: +(${inlineValue}))? *$`);
const itemLine = new RegExp(`^( *)- +(?:${quoted}|${plainScalar}) *$`);
/** A plain value's next line (as YAML writers fold a long title): indented, plain text only. */
const continuedLine = new RegExp(`^ +${plainScalar} *$`);
const blankOrComment = /^ *(?:#.*)?$/;
/** Keys read apart: `yaml` names a `null` key "", js-yaml "null"; `__proto__` is left to the reader that guards it. */
const specialKey = /^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE|__proto__)$/;
/**
 * Any character but a line feed and printable ones: tabs, carriage returns, NEL and the Unicode line
 * separators (which some YAML readers take as line breaks), a BOM, control characters. Such front matter
 * goes to `yaml`.
 */
const unusual = /[^\n\x20-\x7E\u00A0-\u2027\u202A-\uFEFE\uFF00-\uFFFF]/;
/**
 * Plain values the two readers take as numbers but not alike (js-yaml reads underscores, binary, a sign
 * before `0x` or before `.5`, and keeps a number too large for a double as text; YAML 1.2's core schema,
 * which `yaml` follows, does not, and makes it Infinity): left to `yaml`.
 */
const numberFormsApart = /^[-+]?(?:[.0-9]\S*_|0[box])|^[-+]\./;
/** What either reader may take as a decimal number. */
const decimalLike = /^[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9_]+)(?:[eE][-+]?[0-9]+)?$/;
const numberReadApart = (value: string): boolean =>
	numberFormsApart.test(value) || (decimalLike.test(value) && !Number.isFinite(Number(value)));

/**
 * Front matter of the plain shapes above, read by js-yaml under YAML 1.2's core schema: the same data as
 * `yaml` gives (test/unit/front-matter-plain.test.ts holds them side by side), about nine times faster
 * (10,000 news items: 320 → 35 ms on one thread), which a cold build's load felt (~40% of parsing an
 * article was `yaml`). Undefined for any other front matter, a key given twice or anything js-yaml refuses,
 * which `yaml` then reads (and reports) as before. A top-level key's line is found from the text; a
 * nested one's from `yaml`, read only when asked.
 */
export function readPlainYaml(
	source: string,
): { data: Record<string, unknown>; lineOf: (keyPath: readonly string[]) => number } | undefined {
	if (unusual.test(source)) return undefined;
	const lines = source.split("\n");
	const keyLines = new Map<string, number>();
	let listIndent: number | undefined;
	let listOpen = false;
	let plainOpen = false;
	for (const [index, line] of lines.entries()) {
		const key = keyLine.exec(line);
		if (key) {
			const name = key[1] as string;
			const value = key[2];
			if (specialKey.test(name) || keyLines.has(name)) return undefined;
			if (value !== undefined && numbersReadApart(value)) return undefined;
			keyLines.set(name, index + 1);
			listOpen = value === undefined;
			plainOpen = value !== undefined && !/^["'[]/.test(value);
			listIndent = undefined;
			continue;
		}
		if (plainOpen && continuedLine.test(line)) continue;
		plainOpen = false;
		const item = itemLine.exec(line);
		if (item) {
			const indent = item[1]?.length ?? 0;
			if (!listOpen || (listIndent !== undefined && indent !== listIndent)) return undefined;
			if (numbersReadApart(line.slice(line.indexOf("-") + 1).trim())) return undefined;
			listIndent = indent;
			continue;
		}
		if (blankOrComment.test(line)) continue;
		return undefined;
	}
	let data: unknown;
	try {
		data = loadPlainYaml(source, { schema: CORE_SCHEMA });
	} catch {
		return undefined;
	}
	if (data === null || data === undefined) data = {};
	if (!isRecord(data)) return undefined;
	let parsed: ReturnType<typeof parseYaml> | undefined;
	const lineOf = (keyPath: readonly string[]): number => {
		if (keyPath.length === 1) return 1 + (keyLines.get(keyPath[0] as string) ?? 1);
		parsed ??= parseYaml(source);
		return 1 + yamlLineOf(parsed.doc, parsed.lineCounter, keyPath);
	};
	return { data, lineOf };
}

/** Whether a value, or any item of a flow list, is a number the two readers read apart. */
function numbersReadApart(value: string): boolean {
	if (!value.startsWith("[")) return numberReadApart(value);
	return value
		.slice(1, -1)
		.split(",")
		.some((item) => numberReadApart(item.trim()));
}

/**
 * Indents the lines that continue a quoted value opened on a `key: "…` line and not closed there, one
 * space deeper than the key, so that a YAML 1.2 parser reads them as the continuation they are. Line
 * numbers do not change.
 */
export function indentQuotedContinuations(source: string): string {
	const lines = source.split("\n");
	let open: { quote: string; indent: number } | undefined;
	for (const [index, line] of lines.entries()) {
		if (open) {
			const own = /^[ \t]*/.exec(line)?.[0].length ?? 0;
			if (own <= open.indent) lines[index] = `${" ".repeat(open.indent + 1)}${line.trimStart()}`;
			if (closesQuote(line, 0, open.quote)) open = undefined;
			continue;
		}
		const start = /^([ \t]*)(?:- )?[^\s#"'][^:]*:[ \t]+(["'])/.exec(line);
		if (start && !closesQuote(line, start[0].length, start[2] as string))
			open = { quote: start[2] as string, indent: start[1]?.length ?? 0 };
	}
	return lines.join("\n");
}

/** Whether a quoted value running from `from` ends on this line (`\"` escapes in double quotes, `''` in single). */
function closesQuote(line: string, from: number, quote: string): boolean {
	for (let at = from; at < line.length; at++) {
		const char = line[at];
		if (quote === '"' && char === "\\") at++;
		else if (char === quote) {
			if (quote === "'" && line[at + 1] === "'") at++;
			else return true;
		}
	}
	return false;
}

/** The 1-based line (within the YAML text) of the node at `keyPath`, or 1 for the document's start. */
export function yamlLineOf(doc: Document.Parsed, lineCounter: LineCounter, keyPath: readonly PropertyKey[]): number {
	let node: unknown = doc.contents;
	let line = 1;
	for (const key of keyPath) {
		if (isSeq(node)) {
			// A list's item (feeds.yaml is one): its line is where the item starts.
			const item: unknown = node.items[Number(key)];
			const range = isNode(item) ? item.range : undefined;
			if (!range) break;
			line = lineCounter.linePos(range[0]).line;
			node = item;
			continue;
		}
		if (!isMap(node)) break;
		// The last pair with the key: it is the one read when a key is given twice.
		const pair = node.items.filter((item) => isScalar(item.key) && String(item.key.value) === String(key)).at(-1);
		if (!pair) break;
		const range = isScalar(pair.key) ? pair.key.range : undefined;
		if (range) line = lineCounter.linePos(range[0]).line;
		node = pair.value;
	}
	return line;
}

/** TOML (smol-toml): its errors carry their line; lines start at 2. */
function readToml(source: string, body: string, bodyLine: number): FrontMatterRead {
	let data: unknown;
	try {
		data = parseToml(source);
	} catch (error) {
		if (error instanceof TomlError) {
			return fail(error.line + 1, `${firstLine(error.message).replace(/^Invalid TOML document: /, "")} (column ${error.column})`);
		}
		return fail(1, firstLine((error as Error).message));
	}
	if (!isRecord(data)) return fail(2, "must be a table of fields (key = value)");
	const lines = source.split("\n");
	return { ok: true, data, body, bodyLine, lineOf: (keyPath) => 1 + tomlLineOf(lines, keyPath) };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const tomlKey = (key: string) => `(?:${escapeRegExp(key)}|"${escapeRegExp(key)}"|'${escapeRegExp(key)}')`;

/**
 * The 1-based line (within the TOML text) of `key = …` for `[key]`, or of `sub = …` in a `[key]` table
 * (or `key.sub = …`) for `[key, sub]`; 0 when not found (the caller then points at the opening line).
 */
function tomlLineOf(lines: readonly string[], keyPath: readonly string[]): number {
	const [first, second] = keyPath;
	if (first === undefined) return 0;
	const assignment = (key: string) => new RegExp(`^\\s*${tomlKey(key)}\\s*=`);
	const header = new RegExp(`^\\s*\\[\\s*${tomlKey(first)}\\s*\\]`);
	const anyHeader = /^\s*\[/;
	if (second === undefined) {
		const own = assignment(first);
		for (const [index, line] of lines.entries()) {
			if (anyHeader.test(line)) break; // top-level keys come before the first table
			if (own.test(line)) return index + 1;
		}
		const table = lines.findIndex((line) => header.test(line));
		return table + 1;
	}
	const dotted = new RegExp(`^\\s*${tomlKey(first)}\\s*\\.\\s*${tomlKey(second)}\\s*=`);
	const inner = assignment(second);
	let inTable = false;
	for (const [index, line] of lines.entries()) {
		if (dotted.test(line)) return index + 1;
		if (anyHeader.test(line)) inTable = header.test(line);
		else if (inTable && inner.test(line)) return index + 1;
	}
	return lines.findIndex((line) => header.test(line)) + 1;
}

/** JSON (Hugo): the object that opens the file, up to its closing brace. */
function readJson(text: string, options: FrontMatterOptions): FrontMatterRead {
	const end = jsonObjectEnd(text, options.maxBytes);
	if (end === "too long") return fail(1, `is over the ${options.maxBytes}-byte limit`);
	if (end === undefined) return fail(1, "the JSON front matter opened on line 1 is never closed with its }");
	const source = text.slice(0, end);
	let data: unknown;
	try {
		data = JSON.parse(source);
	} catch (error) {
		const position = /position (\d+)/.exec((error as Error).message)?.[1];
		return fail(position === undefined ? 1 : lineAt(source, Number(position)), firstLine((error as Error).message));
	}
	if (!isRecord(data)) return fail(1, "must be an object of fields");
	const rest = text[end] === "\n" ? end + 1 : end;
	const lineOf = (keyPath: readonly string[]) => {
		const key = keyPath.at(-1);
		if (key === undefined) return 1;
		const found = new RegExp(`"${escapeRegExp(JSON.stringify(key).slice(1, -1))}"\\s*:`).exec(source);
		return found ? lineAt(source, found.index) : 1;
	};
	return { ok: true, data, body: text.slice(rest), bodyLine: lineAt(text, rest), lineOf };
}

/** The index just after the `}` that closes the object opening `text`, skipping braces inside strings. */
function jsonObjectEnd(text: string, maxBytes: number): number | "too long" | undefined {
	let depth = 0;
	let inString = false;
	const limit = Math.min(text.length, maxBytes + 1);
	for (let at = 0; at < limit; at++) {
		const char = text[at];
		if (inString) {
			if (char === "\\") at++;
			else if (char === '"') inString = false;
		} else if (char === '"') inString = true;
		else if (char === "{") depth++;
		else if (char === "}" && --depth === 0) return at + 1;
	}
	return limit > maxBytes ? "too long" : undefined;
}
