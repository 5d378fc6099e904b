/** How terminal search results read: a count line, then per result its title, date, source, topics, excerpt and path. */
import type { TerminalSearchResult } from "./terminal.ts";

export interface FormatOptions {
	/**
	 * Bold matched words and dim the details (only when writing to a terminal).
	 * @default false
	 */
	color?: boolean;
}

export function formatTerminalResults(query: string, found: TerminalSearchResult, { color = false }: FormatOptions = {}): string {
	const bold = (text: string) => (color ? `\u001b[1m${text}\u001b[22m` : text);
	const dim = (text: string) => (color ? `\u001b[2m${text}\u001b[22m` : text);
	const words = query.trim() ? ` for "${query.trim()}"` : "";
	if (found.count === 0) return `No articles match${query.trim() ? ` "${query.trim()}"` : " these filters"}.\n`;
	const lines = [
		`${found.count} ${found.count === 1 ? "article" : "articles"}${words}${found.count > found.results.length ? ` (showing ${found.results.length})` : ""}`,
		"",
	];
	found.results.forEach((result, index) => {
		lines.push(`${index + 1}. ${bold(result.title)}`);
		lines.push(`   ${dim([result.date, result.source, result.topics.join(", ")].filter(Boolean).join(" · "))}`);
		const excerpt = color ? result.excerpt.replace(/«([^»]*)»/g, (_, word: string) => bold(word)) : result.excerpt;
		if (excerpt) lines.push(`   ${excerpt}`);
		lines.push(`   ${dim(result.url)}`, "");
	});
	return `${lines.join("\n")}\n`;
}
