/**
 * Docusaurus admonitions: `:::note` … `:::` (also `tip`, `info`, `warning`, `danger`, `caution`), with an
 * optional title written `:::tip My title` (Docusaurus 2) or `:::tip[My title]` (Docusaurus 3). Each
 * becomes an `<aside>` whose first line is its label, visible, so that the box reads the same without
 * colours. More colons nest one box in another, as in Docusaurus. Built on markdown-it-container, so the
 * content is Markdown like any other and the label is escaped by the renderer's own rules.
 */
import type { MarkdownIt } from "markdown-it";
import container from "markdown-it-container";

/** The kinds Docusaurus knows, with the label a box without a title shows. */
export const admonitionLabels = {
	note: "Note",
	tip: "Tip",
	info: "Info",
	warning: "Warning",
	danger: "Danger",
	caution: "Caution",
} as const;

type Kind = keyof typeof admonitionLabels;

/** The title given after the kind, if any: `[My title]` or ` My title`. */
function titleOf(params: string, kind: Kind): string {
	const rest = params.trim().slice(kind.length);
	const bracketed = /^\[(.*)\]/.exec(rest);
	return ((bracketed ? bracketed[1] : rest) ?? "").trim();
}

export function admonitions(md: MarkdownIt): void {
	for (const kind of Object.keys(admonitionLabels) as Kind[]) {
		const opening = new RegExp(`^${kind}(?:$|[\\s\\[{])`);
		md.use(container, kind, {
			validate: (params: string) => opening.test(params.trim()),
			render: (tokens: { nesting: number; info: string }[], idx: number) => {
				const token = tokens[idx];
				if (token?.nesting !== 1) return "</aside>\n";
				const label = titleOf(token.info, kind) || admonitionLabels[kind];
				return `<aside class="admonition admonition-${kind}"><p class="admonition-label">${md.utils.escapeHtml(label)}</p>\n`;
			},
		});
	}
}
