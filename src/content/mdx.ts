/**
 * MDX bodies (Docusaurus, and any `.mdx` file) turned into the Markdown and HTML they stand for, before
 * markdown-it renders them. micromark with micromark-extension-mdxjs (the tokenizer the MDX compiler
 * itself uses, with acorn for the JavaScript parts) finds every ESM block, expression and JSX tag with its
 * exact place, so nothing is guessed by pattern:
 * - `import` / `export` blocks are dropped; so are `{/* comments *\/}`. `{/* truncate *\/}` is Docusaurus'
 *   summary cut, written `<!--truncate-->` for the body rules.
 * - Lowercase JSX (`<details>`, `<img width="…"/>`, `<div style={{…}}>`) is written back as the HTML tag,
 *   with its string attributes only (an expression attribute such as `style={{ … }}` is dropped): the
 *   sanitiser then decides what stays, as for any raw HTML.
 * - `<Tabs>` disappears and each `<TabItem>` becomes a heading with its `label` (else `value`), one level
 *   under the heading before it, so each tab is a titled section; `<Admonition type="tip" title="…">` is
 *   the `:::tip` box it is in Docusaurus.
 * - Any other component keeps its children and loses its tags; its first one is reported (once per file).
 *
 * Line breaks inside what is replaced are kept, so that the lines the loader reports stay the file's. The
 * lines inside a block component are un-indented: MDX has no indented code, markdown-it has, and
 * Docusaurus' examples indent a tab's content by four spaces.
 */
import { parse, postprocess, preprocess } from "micromark";
import { mdxjs } from "micromark-extension-mdxjs";

type Event = ReturnType<typeof postprocess>[number];
type Token = Event[1];

/** What the rewrite reports: the first thing it left out or could not read, with its line in the body. */
export interface MdxNote {
	line: number;
	message: string;
}

export interface MdxBody {
	source: string;
	note?: MdxNote;
}

/** HTML elements with no content: a self-closing `<br/>` is `<br>`, a self-closing `<div/>` is `<div></div>`. */
const voidElements = new Set(["area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);
const admonitionKinds = new Set(["note", "tip", "info", "warning", "danger", "caution"]);

/**
 * Whether a body is read as MDX: every `.mdx` file, and a Markdown file that has an `import`/`export`
 * statement or a component tag at the start of a line, as Docusaurus' `.md` posts may (Docusaurus reads
 * `.md` as MDX too). Other Markdown never goes through the MDX tokenizer, which would refuse a stray `{`.
 */
export function isMdx(file: string, body: string): boolean {
	if (/\.mdx$/i.test(file)) return true;
	// A component is named in PascalCase (`<Tabs>`, `<TabItem`): old HTML's capitals (`<TABLE>`, `<BR>`) are not one.
	return /^(?:import\s[^\n]*\sfrom\s*["']|export\s+(?:const|default|function|let)\b|\s*<[A-Z][a-z][\w.]*[\s/>]|\{\/\*)/m.test(body);
}

/** Characters of `text` kept only where they are line breaks: what a span leaves behind. */
const linesOf = (text: string): string => text.replace(/[^\n]/g, "");

/** The events of `source` as MDX, or where the tokenizer gave up. */
function tokenize(source: string): Event[] | { offset: number; reason: string } {
	try {
		return postprocess(
			parse({ extensions: [mdxjs()] })
				.document()
				.write(preprocess()(source, undefined, true)),
		);
	} catch (error) {
		const place = (error as { place?: { offset?: number; start?: { offset?: number } } }).place;
		const offset = place?.offset ?? place?.start?.offset ?? -1;
		return { offset, reason: String((error as Error).message ?? error).split("\n")[0] ?? "" };
	}
}

/**
 * The events of `body`, where what MDX refuses but Markdown readers accept (an HTML comment, a lone `<` or
 * `{`, a line that starts with "export " in prose) is read as text: each construct the tokenizer stops at
 * is neutralised in a copy and the copy read again. The copy has the body's length, so every offset is
 * the body's.
 */
function readEvents(
	body: string,
): { events: Event[]; failure?: { offset: number; reason: string } } | { failure: { offset: number; reason: string } } {
	// MDX 2 has no HTML comments; Docusaurus 2 (MDX 1) had, and posts keep `<!--truncate-->`.
	let copy = body.replace(/<!--[\s\S]*?-->/g, (comment) => comment.replace(/[^\n]/g, " "));
	let first: { offset: number; reason: string } | undefined;
	for (let attempt = 0; attempt < 50; attempt++) {
		const result = tokenize(copy);
		if (Array.isArray(result)) return { events: result, failure: first };
		first ??= result;
		const at = neutralise(copy, result.offset);
		if (at === undefined) return { failure: first };
		copy = at;
	}
	return { failure: first ?? { offset: 0, reason: "unreadable" } };
}

/** `copy` with the construct that fails at `offset` made plain text, or undefined if there is none to find. */
function neutralise(copy: string, offset: number): string | undefined {
	if (offset < 0 || offset > copy.length) return undefined;
	const lineStart = copy.lastIndexOf("\n", Math.max(0, offset - 1)) + 1;
	// A statement that is prose ("export controls were …"): the line is no longer at the margin.
	if (/^(?:import|export)\b/.test(copy.slice(lineStart))) return `${copy.slice(0, lineStart)} ${copy.slice(lineStart + 1)}`;
	for (let i = Math.min(offset, copy.length - 1); i >= 0; i--) {
		const char = copy[i];
		if (char === "<" || char === "{") return `${copy.slice(0, i)} ${copy.slice(i + 1)}`;
		// A construct that began on an earlier line (a multi-line tag) is looked for up to a blank line.
		if (char === "\n" && copy[i - 1] === "\n") return undefined;
	}
	return undefined;
}

interface Tag {
	start: number;
	end: number;
	flow: boolean;
	name: string;
	closing: boolean;
	selfClosing: boolean;
	/** String attributes by name (`true` for a bare one); expression attributes are left out. */
	attributes: [string, string | true][];
}

const sliceOf = (body: string, token: Token) => body.slice(token.start.offset, token.end.offset);

/** The tag starting at `events[index]` (an enter event of an `mdxJsx…Tag`), and the index after its exit. */
function readTag(body: string, events: Event[], index: number): [Tag, number] {
	const [, open] = events[index] as Event;
	const flow = (open.type as string) === "mdxJsxFlowTag";
	const prefix = flow ? "mdxJsxFlowTag" : "mdxJsxTextTag";
	const tag: Tag = { start: open.start.offset, end: open.end.offset, flow, name: "", closing: false, selfClosing: false, attributes: [] };
	let attribute: [string, string | true] | undefined;
	let i = index + 1;
	for (; i < events.length; i++) {
		const [kind, token] = events[i] as Event;
		if (token === open) break;
		if (kind !== "enter") continue;
		const type = token.type.slice(prefix.length);
		if (type === "Name") tag.name = sliceOf(body, token).trim();
		else if (type === "ClosingMarker") tag.closing = true;
		else if (type === "SelfClosingMarker") tag.selfClosing = true;
		else if (type === "Attribute") {
			attribute = ["", true];
			tag.attributes.push(attribute);
		} else if (type === "AttributeName" && attribute) attribute[0] = sliceOf(body, token).trim();
		else if (type === "AttributeValueLiteral" && attribute) attribute[1] = sliceOf(body, token).slice(1, -1);
		else if (type === "AttributeValueExpression" && attribute) {
			// `style={{ … }}`: a value only JavaScript gives; the attribute is dropped.
			tag.attributes.pop();
			attribute = undefined;
		}
	}
	return [tag, i];
}

const attributeText = (value: string) => value.replace(/"/g, "&quot;").replace(/</g, "&lt;");
const htmlNames: Record<string, string> = { className: "class", htmlFor: "for" };

/** A lowercase JSX tag as the HTML tag it is. */
function htmlTag(tag: Tag): string {
	if (tag.closing) return `</${tag.name}>`;
	const attributes = tag.attributes
		.map(([name, value]) => {
			const html = htmlNames[name] ?? name;
			return value === true ? ` ${html}` : ` ${html}="${attributeText(value)}"`;
		})
		.join("");
	const close = tag.selfClosing && !voidElements.has(tag.name.toLowerCase()) ? `</${tag.name}>` : "";
	return `<${tag.name}${attributes}>${close}`;
}

const attribute = (tag: Tag, name: string): string | undefined => {
	const value = tag.attributes.find(([key]) => key === name)?.[1];
	return typeof value === "string" ? value.trim() : undefined;
};

/** What an expression `{…}` shows: a comment nothing, a string literal its text; else undefined (not run). */
function expressionText(code: string): string | undefined {
	const trimmed = code.trim();
	if (/^\/\*\s*truncate\s*\*\/$/.test(trimmed)) return "<!--truncate-->";
	if (/^(?:\/\*[\s\S]*?\*\/\s*|\/\/[^\n]*\n?\s*)*$/.test(trimmed)) return "";
	const literal = /^(["'`])([^"'`\\$]*)\1$/.exec(trimmed);
	return literal ? (literal[2] ?? "") : undefined;
}

export function rewriteMdx(body: string): MdxBody {
	const read = readEvents(body);
	const lineAt = (offset: number) => body.slice(0, Math.max(0, offset)).split("\n").length;
	if (!("events" in read)) {
		return {
			source: body,
			note: { line: lineAt(read.failure.offset), message: `body: could not be read as MDX (${read.failure.reason}), shown as Markdown` },
		};
	}
	const { events } = read;
	const replacements: { start: number; end: number; text: string }[] = [];
	let note: MdxNote | undefined;
	const leftOut = (offset: number, what: string) => {
		note ??= { line: lineAt(offset), message: `body: MDX ${what} is not run: its text is shown, the rest left out` };
	};
	/** Lines (0-based) opening and closing each block component, for un-indenting what is between. */
	const blocks: { from: number; to: number }[] = [];
	const openBlocks: { name: string; line: number }[] = [];
	let lastHeading = 1;
	const replace = (start: number, end: number, text: string) =>
		replacements.push({ start, end, text: text + linesOf(body.slice(start, end)) });

	for (let i = 0; i < events.length; i++) {
		const [kind, token] = events[i] as Event;
		if (kind !== "enter") continue;
		// The MDX token names are not in micromark's own type map.
		const type = token.type as string;
		if (type === "atxHeadingSequence") lastHeading = token.end.offset - token.start.offset;
		else if (type === "setextHeadingLineSequence") lastHeading = body[token.start.offset] === "=" ? 1 : 2;
		else if (type === "mdxjsEsm") replace(token.start.offset, token.end.offset, "");
		else if (type === "mdxFlowExpression" || type === "mdxTextExpression") {
			const code = body.slice(token.start.offset + 1, token.end.offset - 1);
			const text = expressionText(code);
			if (text === undefined) leftOut(token.start.offset, `expression "{${code.trim().slice(0, 30)}}"`);
			replace(token.start.offset, token.end.offset, text ?? "");
		} else if (type === "mdxJsxFlowTag" || type === "mdxJsxTextTag") {
			const [tag, next] = readTag(body, events, i);
			i = next;
			const line = lineAt(tag.start) - 1;
			if (tag.flow && !tag.selfClosing) {
				if (!tag.closing) openBlocks.push({ name: tag.name, line });
				else {
					let at = openBlocks.length - 1;
					while (at >= 0 && openBlocks[at]?.name !== tag.name) at--;
					if (at !== -1) {
						blocks.push({ from: (openBlocks[at] as { line: number }).line + 1, to: line - 1 });
						openBlocks.splice(at);
					}
				}
			}
			replace(tag.start, tag.end, tagText(tag, lastHeading, leftOut));
		}
	}
	let source = body;
	for (const { start, end, text } of replacements.sort((a, b) => b.start - a.start))
		source = source.slice(0, start) + text + source.slice(end);
	return { source: unindent(source, blocks), note };
}

/** What one JSX tag becomes (see the module's comment). */
function tagText(tag: Tag, lastHeading: number, leftOut: (offset: number, what: string) => void): string {
	if (tag.name === "") return "";
	if (/^[a-z]/.test(tag.name)) return htmlTag(tag);
	if (tag.name === "Tabs") return "";
	if (tag.name === "TabItem") {
		if (tag.closing) return "";
		const label = attribute(tag, "label") || attribute(tag, "value") || "";
		if (!label) return "";
		return tag.flow ? `${"#".repeat(Math.min(lastHeading + 1, 6))} ${label}` : `**${label}** `;
	}
	if (tag.name === "Admonition" && tag.flow) {
		const kind = attribute(tag, "type") ?? "note";
		if (admonitionKinds.has(kind)) return tag.closing ? ":::" : `:::${kind} ${attribute(tag, "title") ?? ""}`.trimEnd();
	}
	if (!tag.closing) leftOut(tag.start, `component <${tag.name}>`);
	return "";
}

/** Lines inside block components lose the indentation they share (outer blocks first). */
function unindent(source: string, blocks: { from: number; to: number }[]): string {
	if (blocks.length === 0) return source;
	const lines = source.split("\n");
	for (const { from, to } of blocks.sort((a, b) => a.from - b.from || b.to - a.to)) {
		const inside = lines.slice(from, to + 1).filter((line) => line.trim() !== "");
		const shared = Math.min(...inside.map((line) => /^[ \t]*/.exec(line)?.[0].length ?? 0));
		if (!Number.isFinite(shared) || shared === 0) continue;
		for (let n = from; n <= to; n++) lines[n] = (lines[n] ?? "").slice(Math.min(shared, /^[ \t]*/.exec(lines[n] ?? "")?.[0].length ?? 0));
	}
	return lines.join("\n");
}
