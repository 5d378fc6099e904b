/**
 * The one markdown-it configuration, shared by Eleventy (through `setLibrary`) and by every script, so a
 * page, a feed and an import render Markdown the same way.
 */
import MarkdownItFactory, { type MarkdownIt } from "markdown-it";
import sanitizeHtml from "sanitize-html";
import { bodySyntax } from "./content/body-syntax.ts";

export interface MarkdownOptions {
	/**
	 * Let raw HTML in Markdown through, after {@link sanitizeArticleHtml} keeps only harmless elements and
	 * attributes. Off, it is shown as text, which is the only safe default for articles that come from many
	 * hands.
	 * @default false
	 */
	allowHtml?: boolean;
}

export const markdownDefaults = { allowHtml: false } satisfies Required<MarkdownOptions>;

export function createMarkdown(options: MarkdownOptions = {}): MarkdownIt {
	const { allowHtml } = { ...markdownDefaults, ...options };
	const md = new MarkdownItFactory({ html: allowHtml, typographer: true, linkify: true });
	// markdown-it's own validateLink refuses javascript:, vbscript: and file: URLs (also entity-encoded or
	// in any case) but lets data: images through; no article needs those, and refusing every data: URL
	// keeps the rule simple to state and to check.
	const validateLink = md.validateLink.bind(md);
	md.validateLink = (url) => validateLink(url) && !/^data:/i.test(url.trim());
	const renderToken = md.renderer.rules.link_open ?? ((tokens, idx, opts, _env, self) => self.renderToken(tokens, idx, opts));
	md.renderer.rules.link_open = (tokens, idx, opts, env, self) => {
		const token = tokens[idx];
		const href = String(token?.attrGet("href") ?? "");
		// Readers leave the digest through external links; `noopener` keeps the opened page from reaching back.
		if (token && /^https?:\/\//i.test(href)) token.attrSet("rel", "noopener");
		return renderToken(tokens, idx, opts, env, self);
	};
	md.inline.ruler.after("autolink", "verbatim", verbatimRule(allowHtml));
	// Bodies as engines write them: <!--more-->, Hugo's figure and youtube, local images and links.
	md.use(bodySyntax);
	if (allowHtml) {
		// Raw HTML can carry script in a hundred spellings; only the sanitiser's allow-list decides what stays.
		const render = md.render.bind(md);
		md.render = (source, env) => sanitizeArticleHtml(render(source, env));
	}
	return md;
}

/**
 * Template calls from content migrated off Jekyll (Liquid `{{ x }}`, `{% x %}`) or Hugo (`{{< x >}}`,
 * `{{% x %}}`, Go templates) and, when raw HTML is off, HTML tags are shown exactly as written. They
 * become `text_special` tokens, which the typographer leaves alone (`{{ partial "x" . }}` keeps its
 * straight quotes) and which render escaped like any text.
 */
const verbatimPatterns = [/\{\{<[^\n]*?>\}\}/y, /\{\{%[^\n]*?%\}\}/y, /\{\{[^\n]*?\}\}/y, /\{%[^\n]*?%\}/y];
const tagPatterns = [/<\/?[A-Za-z][\w:-]*(?:\s[^<>\n]*)?\/?>/y, /<!--[^\n]*?-->/y];

function verbatimRule(allowHtml: boolean): Parameters<MarkdownIt["inline"]["ruler"]["after"]>[2] {
	const patterns = allowHtml ? verbatimPatterns : [...verbatimPatterns, ...tagPatterns];
	return (state, silent) => {
		const char = state.src[state.pos];
		if (char !== "{" && (allowHtml || char !== "<")) return false;
		for (const pattern of patterns) {
			pattern.lastIndex = state.pos;
			const match = pattern.exec(state.src);
			if (!match) continue;
			if (!silent) state.push("text_special", "", 0).content = match[0];
			state.pos += match[0].length;
			return true;
		}
		return false;
	};
}

/**
 * What raw HTML in an article may keep: text structure, links and images over http(s) or relative URLs,
 * tables. No script, style, iframe, form or event-handler attribute survives, and no URL scheme but
 * http(s) and mailto. Landmarks (`main`, `nav`) are left out: the page shell owns them.
 */
const sanitizeOptions = {
	allowedTags: [
		...sanitizeHtml.defaults.allowedTags.filter((tag) => !["main", "nav", "menu"].includes(tag)),
		"img",
		"del",
		"ins",
		"details",
		"summary",
	],
	allowedAttributes: {
		a: ["href", "title", "rel"],
		img: ["src", "alt", "title", "width", "height", "loading"],
		abbr: ["title"],
		ol: ["start"],
		th: ["style", "colspan", "rowspan"],
		td: ["style", "colspan", "rowspan"],
		code: ["class"],
	},
	allowedClasses: { code: ["language-*"] },
	allowedStyles: { "*": { "text-align": [/^(left|right|center)$/] } },
	allowedSchemes: ["http", "https", "mailto"],
	allowedSchemesByTag: { img: ["http", "https"] },
	transformTags: {
		a: (tagName: string, attribs: sanitizeHtml.Attributes) => ({
			tagName,
			attribs: /^https?:\/\//i.test(attribs.href ?? "") ? { ...attribs, rel: "noopener" } : attribs,
		}),
	},
} satisfies sanitizeHtml.IOptions;

/** Raw article HTML reduced to what {@link sanitizeOptions} allows. */
export function sanitizeArticleHtml(html: string): string {
	return sanitizeHtml(html, sanitizeOptions);
}

/** The shared instance with default options. */
export const markdown = createMarkdown();

/** Renders tokens from `md.parse` as `md.render` would (sanitised when raw HTML is on), without parsing again. */
export function renderTokens(md: MarkdownIt, tokens: ReturnType<MarkdownIt["parse"]>, env: Record<string | symbol, unknown>): string {
	const html = md.renderer.render(tokens, md.options, env);
	return md.options.html ? sanitizeArticleHtml(html) : html;
}

/**
 * Whether an article's indexed part, its title and rendered body, has a letter or a digit. Pagefind keeps
 * no word made only of punctuation ("&", "—", "…") and leaves a page without any word out of its index;
 * the text of `<style>`, `<script>` and attributes (an image's `alt`) is not indexed either. Entities are
 * dropped, not decoded: at worst an article is wrongly thought to have no word, never the other way round.
 */
export function hasSearchableText(title: string, html: string): boolean {
	const letterOrDigit = /[\p{L}\p{N}]/u;
	if (letterOrDigit.test(title)) return true;
	const text = html
		.replace(/<(script|style|template)\b[\s\S]*?<\/\1\s*>/gi, " ")
		.replace(/<[^>]*>/g, " ")
		.replace(/&(?:#\w+|[a-z]\w*);/gi, " ");
	return letterOrDigit.test(text);
}

/** Words in a Markdown document (for reading time), counted on its plain text. */
export function countWords(source: string): number {
	return source.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}
