/**
 * The one markdown-it configuration, shared by Eleventy (through `setLibrary`) and by every script, so a
 * page, a feed and an import render Markdown the same way.
 */
import MarkdownItFactory, { type MarkdownIt } from "markdown-it";
import sanitizeHtml from "sanitize-html";
import { admonitions } from "./admonitions.ts";
import { bodySyntax } from "./body-syntax.ts";
import { hasRawHtml, headings } from "./headings.ts";

export interface MarkdownOptions {
	/**
	 * Let raw HTML in Markdown through, after {@link sanitizeArticleHtml} keeps only harmless elements and
	 * attributes (site.yaml `rawHtml: sanitize`, the default). Off (`rawHtml: escape`), it is shown as text.
	 * @default true
	 */
	allowHtml?: boolean;
	/**
	 * Hosts whose `<iframe>`s stay embedded (site.yaml `embeds`); any other iframe becomes a link to its page.
	 * @default []
	 */
	embeds?: readonly string[];
}

export const markdownDefaults = { allowHtml: true, embeds: [] } satisfies Required<MarkdownOptions>;

export function createMarkdown(options: MarkdownOptions = {}): MarkdownIt {
	// `?? default` rather than a spread: an option passed as undefined (a CLI flag not given) means the default.
	const allowHtml = options.allowHtml ?? markdownDefaults.allowHtml;
	const embeds = options.embeds ?? markdownDefaults.embeds;
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
	// Docusaurus' `:::note` … `:::` boxes.
	md.use(admonitions);
	// One <h1> per page: the title's.
	md.use(headings);
	// Markdown table alignment as a class, not markdown-it's inline style, which the page's policy refuses.
	md.core.ruler.push("td_table_alignment", (state) => {
		for (const token of state.tokens) {
			if (token.type !== "th_open" && token.type !== "td_open") continue;
			const align = alignmentOf({ style: String(token.attrGet("style") ?? "") });
			if (!align) continue;
			token.attrs = (token.attrs ?? []).filter(([name]) => name !== "style");
			token.attrSet("class", align);
		}
	});
	// A paragraph that held only an HTML comment (hidden when raw HTML is shown as text) leaves nothing.
	md.core.ruler.push("td_empty_paragraphs", (state) => {
		const tokens = state.tokens;
		for (let i = tokens.length - 2; i > 0; i--) {
			const inline = tokens[i];
			if (tokens[i - 1]?.type !== "paragraph_open" || inline?.type !== "inline" || tokens[i + 1]?.type !== "paragraph_close") continue;
			if ((inline.children ?? []).every((child) => child.type === "softbreak" || (child.type === "text" && !child.content.trim())))
				tokens.splice(i - 1, 3);
		}
	});
	if (allowHtml) {
		// Raw HTML can carry script in a hundred spellings; only the sanitiser's allow-list decides what stays.
		const sanitize = articleSanitizer(embeds);
		const render = md.render.bind(md);
		md.render = (source, env = {}) => {
			const html = render(source, env);
			return hasRawHtml(env) ? sanitize(html) : html;
		};
		sanitizers.set(md, sanitize);
	}
	return md;
}

/** The sanitiser of each instance that lets raw HTML through (its allowed embeds differ by site). */
const sanitizers = new WeakMap<MarkdownIt, (html: string) => string>();

/**
 * Template calls from content migrated off Jekyll (Liquid `{{ x }}`, `{% x %}`) or Hugo (`{{< x >}}`,
 * `{{% x %}}`, Go templates) and, when raw HTML is off, HTML tags are shown exactly as written. They
 * become `text_special` tokens, which the typographer leaves alone (`{{ partial "x" . }}` keeps its
 * straight quotes) and which render escaped like any text. HTML comments are never shown: with raw HTML
 * on, the sanitiser drops them; off, this rule does.
 */
const verbatimPatterns = [/\{\{<[^\n]*?>\}\}/y, /\{\{%[^\n]*?%\}\}/y, /\{\{[^\n]*?\}\}/y, /\{%[^\n]*?%\}/y];
const tagPatterns = [/<\/?[A-Za-z][\w:-]*(?:\s[^<>\n]*)?\/?>/y];
const commentPattern = /<!--[\s\S]*?-->/y;

function verbatimRule(allowHtml: boolean): Parameters<MarkdownIt["inline"]["ruler"]["after"]>[2] {
	const patterns = allowHtml ? verbatimPatterns : [...verbatimPatterns, ...tagPatterns];
	return (state, silent) => {
		const char = state.src[state.pos];
		if (char !== "{" && (allowHtml || char !== "<")) return false;
		if (!allowHtml) {
			commentPattern.lastIndex = state.pos;
			const comment = commentPattern.exec(state.src);
			if (comment) {
				state.pos += comment[0].length;
				return true;
			}
		}
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

const httpUrl = /^https?:\/\//i;

/** An iframe's address as an https URL, or undefined when it is not a web page. */
function frameUrl(src: string | undefined): URL | undefined {
	if (!src) return undefined;
	try {
		const url = new URL(src.startsWith("//") ? `https:${src}` : src);
		if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
		url.protocol = "https:";
		return url;
	} catch {
		return undefined;
	}
}

const alignClasses = ["align-left", "align-right", "align-center"];

/** A table cell's alignment, however written (`style="text-align: right"`, `align="right"`), as a class. */
function alignmentOf(attribs: Readonly<Record<string, string | undefined>>): string | undefined {
	const styled = /(?:^|;)\s*text-align\s*:\s*(left|right|center)\s*(?:;|$)/i.exec(attribs.style ?? "")?.[1];
	const given =
		styled ??
		/^(left|right|center)$/i.exec(attribs.align?.trim() ?? "")?.[1] ??
		// Markdown's own alignment, already a class (td_table_alignment).
		/(?:^|\s)align-(left|right|center)(?:\s|$)/.exec(attribs.class ?? "")?.[1];
	return given === undefined ? undefined : `align-${given.toLowerCase()}`;
}

function alignedCell(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
	const { style: _style, align: _align, class: _class, ...rest } = attribs;
	const align = alignmentOf(attribs);
	return { tagName, attribs: align ? { ...rest, class: align } : rest };
}

/** Attributes a media element keeps: what plays it, nothing that runs or starts it unasked (no autoplay). */
const mediaAttributes = ["src", "controls", "preload", "loop", "muted", "width", "height", "title"];

/**
 * What raw HTML in an article may keep: text structure, tables, figures, details boxes, images, audio and
 * video with their sources, links over http(s), mailto or relative URLs. No script, style element, form,
 * object or event-handler attribute survives, no `style` but a table cell's alignment, and no URL scheme
 * but http(s) and mailto (so no `javascript:` or `data:`). An iframe stays only when its host is one of
 * `embeds`; otherwise it becomes a link to what it showed. Landmarks (`main`, `nav`) are left out: the page
 * shell owns them. Headings move down a level (`<h1>` is the title's), as Markdown headings do.
 */
function sanitizeOptions(embeds: readonly string[]): sanitizeHtml.IOptions {
	const embedHosts = new Set(embeds.map((host) => host.toLowerCase()));
	const demote = (level: number) => (_tagName: string, attribs: sanitizeHtml.Attributes) => ({ tagName: `h${level + 1}`, attribs });
	return {
		allowedTags: [
			...sanitizeHtml.defaults.allowedTags.filter((tag) => !["main", "nav", "menu"].includes(tag)),
			"img",
			"picture",
			"del",
			"ins",
			"details",
			"summary",
			"audio",
			"video",
			"source",
			"track",
			"iframe",
		],
		allowedAttributes: {
			a: ["href", "title", "rel"],
			img: ["src", "alt", "title", "width", "height", "loading"],
			audio: mediaAttributes,
			video: [...mediaAttributes, "poster", "playsinline"],
			source: ["src", "type", "media"],
			track: ["src", "kind", "srclang", "label", "default"],
			iframe: ["src", "width", "height", "title", "allow", "allowfullscreen", "loading", "referrerpolicy"],
			abbr: ["title"],
			ol: ["start", "type"],
			th: ["class", "colspan", "rowspan", "scope"],
			td: ["class", "colspan", "rowspan"],
			code: ["class"],
			aside: ["class"],
			p: ["class"],
			details: ["open"],
		},
		selfClosing: [...sanitizeHtml.defaults.selfClosing, "source", "track", "wbr"],
		allowedClasses: {
			code: ["language-*"],
			aside: ["admonition", "admonition-*"],
			p: ["admonition-label"],
			th: alignClasses,
			td: alignClasses,
		},
		// No inline style at all: the page's Content-Security-Policy would refuse it anyway.
		allowedStyles: {},
		allowedSchemes: ["http", "https", "mailto"],
		allowedSchemesByTag: {
			img: ["http", "https"],
			audio: ["http", "https"],
			video: ["http", "https"],
			source: ["http", "https"],
			track: ["http", "https"],
			iframe: ["https"],
		},
		allowedIframeHostnames: [...embedHosts],
		// An image whose source was refused (data:, javascript:) would be an empty box.
		exclusiveFilter: (frame) => frame.tag === "img" && !frame.attribs.src,
		transformTags: {
			// Like Markdown's images: fetched only when scrolled near.
			img: (tagName, attribs) => ({ tagName, attribs: { loading: "lazy", ...attribs } }),
			th: alignedCell,
			td: alignedCell,
			a: (tagName, attribs) => ({
				tagName,
				attribs: httpUrl.test(attribs.href ?? "") ? { ...attribs, rel: "noopener" } : attribs,
			}),
			iframe: (tagName, attribs): sanitizeHtml.Tag => {
				const url = frameUrl(attribs.src);
				if (url && embedHosts.has(url.hostname.toLowerCase())) return { tagName, attribs: { ...attribs, src: url.href, loading: "lazy" } };
				// Not a site the digest lets embed: a link to it instead, so the page loads nothing from there.
				const label = attribs.title?.trim() || (url ? `Embedded content from ${url.hostname}` : "");
				if (url) return { tagName: "a", attribs: { href: url.href, rel: "noopener" }, text: label };
				// No web page to link to: its title as text, or nothing (a tag name no allow-list has is dropped).
				return { tagName: label ? "span" : "td-no-frame", attribs: {}, text: label };
			},
			h1: demote(1),
			h2: demote(2),
			h3: demote(3),
			h4: demote(4),
			h5: demote(5),
		},
	};
}

function articleSanitizer(embeds: readonly string[]): (html: string) => string {
	const options = sanitizeOptions(embeds);
	return (html) => sanitizeHtml(html, options);
}

const defaultSanitizer = articleSanitizer([]);

/** Raw article HTML reduced to what the allow-list keeps (no embeds allowed). */
export function sanitizeArticleHtml(html: string): string {
	return defaultSanitizer(html);
}

/** The shared instance with default options. */
export const markdown = createMarkdown();

/** Renders tokens from `md.parse` as `md.render` would (sanitised when the body has raw HTML), without parsing again. */
export function renderTokens(md: MarkdownIt, tokens: ReturnType<MarkdownIt["parse"]>, env: Record<string | symbol, unknown>): string {
	const html = md.renderer.render(tokens, md.options, env);
	return hasRawHtml(env) ? (sanitizers.get(md) ?? defaultSanitizer)(html) : html;
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
