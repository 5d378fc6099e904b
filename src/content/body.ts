/**
 * Renders one article body as engines write it: MDX read (mdx.ts), template tags handled (template-tags.ts), `<!--more-->`
 * cut out (its text before is the summary), local images and links listed for the loader (body-syntax.ts,
 * media.ts). What it returns depends on the file's bytes only, so the article cache can keep it; what
 * depends on other files (does the image exist, which URL has the target article) is left as markers in
 * `html` and resolved after every article is loaded.
 */
import type { MarkdownIt } from "markdown-it";
import { renderTokens } from "./markdown.ts";
import { type BodyEnv, type LocalLink, markerCharacters } from "./body-syntax.ts";
import { isMdx, rewriteMdx } from "./mdx.ts";
import { scanTemplateTags, type TemplateTag } from "./template-tags.ts";
import type { FileWarning } from "./warnings.ts";

/** What the loader still has to resolve in a rendered body; absent when there is nothing. */
export interface BodyRefs {
	/** The tags behind `{U+FDD0 n U+FDD0}` markers (refs to resolve, or figures in code, shown as written). */
	tags: TemplateTag[];
	/** Local images and links, by the index of their markers; `line` is the file's line. */
	links: LocalLink[];
}

export interface RenderedBody {
	html: string;
	/** The plain text before `<!--more-->`, else of the first paragraph. */
	summary: string;
	refs?: BodyRefs;
	warnings: FileWarning[];
}

export interface BodyOptions {
	/** The article's path in the articles folder, `/`-separated. */
	file: string;
	/** The line of the file the body starts on (after the front matter). */
	firstLine: number;
	/** The article's title: a body `# heading` that repeats it is dropped (the page's `<h1>` is the title). */
	title?: string;
}

export function renderBody(md: MarkdownIt, body: string, { file, firstLine, title }: BodyOptions): RenderedBody {
	const clean = body.replace(markerCharacters, "\uFFFD");
	const mdx = isMdx(file, clean) ? rewriteMdx(clean) : undefined;
	const scanned = scanTemplateTags(mdx?.source ?? clean, file);
	const env: BodyEnv = { file, tags: scanned.tags, title };
	const tokens = md.parse(scanned.source, env);
	const html = renderTokens(md, tokens, env);
	const fileLine = (bodyLine: number) => firstLine - 1 + bodyLine;
	const warnings: FileWarning[] = [];
	if (scanned.unsupported) {
		warnings.push({
			kind: "template-tag",
			line: fileLine(scanned.unsupported.line),
			message: `body: unsupported template tag "${scanned.unsupported.text}" shown as text`,
		});
	}
	if (mdx?.note) warnings.push({ kind: "mdx-component", line: fileLine(mdx.note.line), message: mdx.note.message });
	const links = (env.links ?? []).map((link) => ({ ...link, line: fileLine(link.line) }));
	const tags = scanned.tags.map((tag) => ({ ...tag, line: fileLine(tag.line) }));
	return {
		html,
		summary: summaryOf(tokens),
		refs: links.length + tags.length > 0 ? { tags, links } : undefined,
		warnings,
	};
}

/** The text before the first `<!--more-->`, else the first paragraph's. */
function summaryOf(tokens: ReturnType<MarkdownIt["parse"]>): string {
	const more = tokens.findIndex((token) => token.type === "td_more" || token.children?.some((child) => child.type === "td_more"));
	if (more === -1) {
		const first = tokens.findIndex((token) => token.type === "paragraph_open");
		return first === -1 ? "" : inlineText(tokens[first + 1]?.children ?? []);
	}
	const parts: string[] = [];
	for (const token of tokens.slice(0, more + 1)) {
		if (token.type !== "inline" || !token.children) continue;
		const cut = token.children.findIndex((child) => child.type === "td_more");
		parts.push(inlineText(cut === -1 ? token.children : token.children.slice(0, cut)));
	}
	return parts.filter(Boolean).join(" ").replace(/\s+/g, " ").trim();
}

function inlineText(children: readonly { type: string; content: string }[]): string {
	return children
		.map((child) =>
			child.type === "text" || child.type === "code_inline" || child.type === "text_special"
				? child.content
				: child.type === "softbreak"
					? " "
					: "",
		)
		.join("")
		.trim();
}
