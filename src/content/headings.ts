/**
 * One `<h1>` per page, the article's title: a body heading `# Title` that repeats the title (Docusaurus
 * and Jekyll themes often have both) is dropped, and every other body heading moves down a level (h1 to
 * h2 … h5 to h6; h6 stays). When the body has raw HTML (and raw HTML is on), the sanitiser moves them, raw
 * `<h1>`s included (src/content/markdown.ts); otherwise this rule does, and records that no sanitising is needed:
 * markdown-it's own output is escaped, and sanitising costs more than parsing. The title comes from the
 * render environment (`env.title`).
 */
import type { MarkdownIt } from "markdown-it";

type State = Parameters<Parameters<MarkdownIt["core"]["ruler"]["push"]>[1]>[0];

/** Text compared without case, punctuation or spacing: `Hello, World!` and `hello world` are one title. */
export const normalisedTitle = (text: string): string =>
	text
		.normalize("NFKC")
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, " ")
		.trim();

/** Set in the render environment when the body holds raw HTML that the sanitiser must see. */
export const rawHtmlKey = Symbol("raw HTML");

export const hasRawHtml = (env: unknown): boolean => Boolean(env && (env as Record<symbol, unknown>)[rawHtmlKey]);

export function headings(md: MarkdownIt): void {
	md.core.ruler.push("td_headings", (state: State) => {
		const title = (state.env as { title?: unknown }).title;
		const wanted = typeof title === "string" && title ? normalisedTitle(title) : undefined;
		const tokens = state.tokens;
		const raw =
			state.md.options.html &&
			tokens.some((token) => token.type === "html_block" || token.children?.some((child) => child.type === "html_inline"));
		(state.env as Record<symbol, unknown>)[rawHtmlKey] = raw;
		for (let i = 0; i < tokens.length; i++) {
			const token = tokens[i];
			if (token?.type !== "heading_open") continue;
			const inline = tokens[i + 1];
			if (wanted !== undefined && token.tag === "h1" && inline && normalisedTitle(inline.content) === wanted) {
				tokens.splice(i, 3);
				i--;
				continue;
			}
			if (raw) continue;
			const level = Number(token.tag.slice(1));
			const close = tokens[i + 2];
			if (level < 6 && close?.type === "heading_close") {
				token.tag = `h${level + 1}`;
				close.tag = token.tag;
			}
		}
	});
}
