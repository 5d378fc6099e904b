/**
 * The one markdown-it configuration, shared by Eleventy (through `setLibrary`) and by every script, so a
 * page, a feed and an import render Markdown the same way.
 */
import MarkdownItFactory, { type MarkdownIt } from "markdown-it";

export interface MarkdownOptions {
	/**
	 * Let raw HTML in Markdown through. Off, it is shown as text, which is the only safe default for
	 * articles that come from many hands.
	 * @default false
	 */
	allowHtml?: boolean;
}

export const markdownDefaults = { allowHtml: false } satisfies Required<MarkdownOptions>;

export function createMarkdown(options: MarkdownOptions = {}): MarkdownIt {
	const { allowHtml } = { ...markdownDefaults, ...options };
	// markdown-it's own validateLink already refuses javascript:, vbscript:, file: and non-image data: URLs.
	const md = new MarkdownItFactory({ html: allowHtml, typographer: true, linkify: true });
	const renderToken = md.renderer.rules.link_open ?? ((tokens, idx, opts, _env, self) => self.renderToken(tokens, idx, opts));
	md.renderer.rules.link_open = (tokens, idx, opts, env, self) => {
		const token = tokens[idx];
		const href = String(token?.attrGet("href") ?? "");
		// Readers leave the digest through external links; `noopener` keeps the opened page from reaching back.
		if (token && /^https?:\/\//i.test(href)) token.attrSet("rel", "noopener");
		return renderToken(tokens, idx, opts, env, self);
	};
	return md;
}

/** The shared instance with default options. */
export const markdown = createMarkdown();

/** The text of a Markdown document's first paragraph, with inline markup removed. */
export function firstParagraphText(md: MarkdownIt, source: string): string {
	const tokens = md.parse(source, {});
	for (let i = 0; i < tokens.length; i++) {
		if (tokens[i]?.type === "paragraph_open") return inlineText(tokens[i + 1]?.children ?? []);
	}
	return "";
}

function inlineText(children: readonly { type: string; content: string }[]): string {
	return children
		.map((child) => (child.type === "text" || child.type === "code_inline" ? child.content : child.type === "softbreak" ? " " : ""))
		.join("")
		.trim();
}

/** Words in a Markdown document (for reading time), counted on its plain text. */
export function countWords(source: string): number {
	return source.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}
