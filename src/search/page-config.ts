/**
 * The search page's configuration element (`SearchPageConfig`) as text in a written page: serialised for
 * the layout, found again and re-serialised after indexing, when the values only the index knows exist.
 * The page is rendered before the index, so the build renders placeholders and sets them here; a page the
 * dev server did not re-render gets the current index's values the same way.
 */
import { type SearchPageConfig, searchConfigId } from "./contract.ts";

/**
 * JSON for the body of a `<script type="application/json">` element: every `<` becomes `\u003c` (still the
 * same JSON), so no string in it can close the element or open a comment, and `</script>` marks its end.
 */
export const searchConfigJson = (config: SearchPageConfig): string => JSON.stringify(config).replace(/</g, "\\u003c");

/** How the layout (preact) writes the element's start tag; the one place the written page is looked for it. */
const startTag = `<script type="application/json" id="${searchConfigId}">`;
const endTag = "</script>";

/** The configuration a written search page holds, with where its JSON lies; none when the page has no element (or not JSON in it). */
function locate(html: string): { config: SearchPageConfig; from: number; to: number } | undefined {
	const at = html.indexOf(startTag);
	if (at < 0) return undefined;
	const from = at + startTag.length;
	const to = html.indexOf(endTag, from);
	if (to < 0) return undefined;
	let parsed: unknown;
	try {
		parsed = JSON.parse(html.slice(from, to));
	} catch {
		// Not what the build writes (a page edited by hand): treated as a page without one.
		return undefined;
	}
	if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return undefined;
	return { config: parsed as SearchPageConfig, from, to };
}

/** The configuration of a written search page, or none. */
export const searchConfigIn = (html: string): SearchPageConfig | undefined => locate(html)?.config;

/** The page with its configuration replaced by `change(config)`; unchanged when it has none. */
export function withSearchConfig(html: string, change: (config: SearchPageConfig) => SearchPageConfig): string {
	const found = locate(html);
	if (!found) return html;
	return `${html.slice(0, found.from)}${searchConfigJson(change(found.config))}${html.slice(found.to)}`;
}
