/**
 * The markdown-it rules for article bodies as engines write them (a plugin of the one configuration in
 * src/content/markdown.ts):
 * - `<!--more-->` (Hugo, Jekyll's usual excerpt separator) and `<!--truncate-->` (Docusaurus') become an invisible `td_more` token, whether raw
 *   HTML is on or off: renderBody cuts the summary there.
 * - The markers template-tags.ts left for Hugo's `figure` and `youtube` become a figure with an image and
 *   caption, and a link to the video (never an iframe); a `ref` marker stays for the loader to resolve.
 * - Images get `loading="lazy"`; local images and links are listed in the render environment with their
 *   line, and carry markers that the loader (media.ts) replaces once it knows which files exist: the
 *   image's `width`/`height`, and the URL of a file outside the article's folder or of another article.
 *
 * Everything this adds is markdown-it tokens with attributes, which markdown-it's renderer escapes; no
 * markup is written by hand.
 */
import path from "node:path";
import type { MarkdownIt } from "markdown-it";
import type { TemplateTag } from "./template-tags.ts";

type Token = ReturnType<MarkdownIt["parse"]>[number];
type State = Parameters<Parameters<MarkdownIt["core"]["ruler"]["push"]>[1]>[0];
type InlineState = Parameters<Parameters<MarkdownIt["inline"]["ruler"]["push"]>[1]>[0];

/** A local file (or article) the body links to or shows; `line` is 1-based within the parsed source. */
export interface LocalLink {
	/** Where it is in the articles folder (`/` separators); absent when it would be outside the folder. */
	path?: string;
	/** As written, normalised by markdown-it (what the page shows if nothing else is found). */
	href: string;
	/** The `#fragment` of the link, kept on the resolved URL. */
	hash: string;
	line: number;
	image: boolean;
	/** The path relative to the article's own folder, when the link can stay as written. */
	inFolder?: string;
	/**
	 * Written from the site's root (`/assets/x.png`, Jekyll's way): the file is looked for at that path (and
	 * under `static/`, Hugo's and Zola's way) and published at that same path; a link that is no file still
	 * becomes relative, so that it stays under the path prefix.
	 */
	rooted?: boolean;
	/** Zola's `@/blog/x.md`: a path inside the content folder, always an article. */
	content?: boolean;
}

/** What the body rules read and fill while parsing an article body (renderBody creates it). */
export interface BodyEnv {
	[key: string | symbol]: unknown;
	/** The article's path in the articles folder; without it, links and images are left as they are. */
	file?: string;
	/** The tags behind template-tags.ts's markers. */
	tags?: TemplateTag[];
	/** Filled while parsing: every local image and link, by the index their markers carry. */
	links?: LocalLink[];
	/** The article's title (headings.ts drops a body heading that repeats it). */
	title?: string;
}

/** In an attribute value: the URL of `links[index]`, resolved by the loader. */
export const linkMarker = (index: number): string => `\uFDD1${index}\uFDD1`;
export const linkMarkerPattern = /\uFDD1(\d+)\uFDD1/g;
/**
 * The `width` attribute of a local image: replaced by its width and height, or removed. With `width`, the
 * width the article gave (raw HTML's `<img width="320">`) stays and the height is the file's proportion of it.
 */
export const sizeMarker = (index: number, width?: number): string => `\uFDD2${index}${width === undefined ? "" : `:${width}`}\uFDD2`;
export const sizeAttributePattern = / width="\uFDD2(\d+)(?::(\d+))?\uFDD2"/g;
/** The noncharacters markers are made of; never left in an editor's text (renderBody replaces them). */
export const markerCharacters = /[\uFDD0-\uFDD2]/g;

const morePattern = /<!--\s*(?:more|truncate)\s*-->/iy;
const moreBlock = /^\s*<!--\s*(?:more|truncate)\s*-->\s*$/i;
const tagMarkerAt = /\{\uFDD0(\d+)\uFDD0\}/y;

export function bodySyntax(md: MarkdownIt): void {
	md.inline.ruler.before("verbatim", "td_more", (state: InlineState, silent: boolean) => {
		if (state.src.charCodeAt(state.pos) !== 0x3c /* < */) return false;
		morePattern.lastIndex = state.pos;
		const match = morePattern.exec(state.src);
		if (!match) return false;
		if (!silent) state.push("td_more", "", 0);
		state.pos += match[0].length;
		return true;
	});
	md.inline.ruler.before("verbatim", "td_tag", (state: InlineState, silent: boolean) => {
		if (state.src.charCodeAt(state.pos) !== 0x7b /* { */) return false;
		tagMarkerAt.lastIndex = state.pos;
		const match = tagMarkerAt.exec(state.src);
		if (!match) return false;
		if (!silent) pushTag(state, (state.env as BodyEnv).tags?.[Number(match[1])], match[0]);
		state.pos += match[0].length;
		return true;
	});

	// A ref marker inside a link destination must reach the href as it is, not percent-encoded.
	const normalizeLink = md.normalizeLink.bind(md);
	md.normalizeLink = (url: string) =>
		url.includes("{\uFDD0")
			? url
					.split(/(\{\uFDD0\d+\uFDD0\})/)
					.map((part, i) => (i % 2 === 1 ? part : part && normalizeLink(part)))
					.join("")
			: normalizeLink(url);

	md.core.ruler.push("td_body", (state: State) => {
		const env = state.env as BodyEnv;
		const tokens = state.tokens;
		for (let i = 0; i < tokens.length; i++) {
			const token = tokens[i] as Token;
			if ((token.type === "html_block" || token.type === "html_inline") && moreBlock.test(token.content)) {
				tokens[i] = new state.Token("td_more", "", 0);
				continue;
			}
			if (token.type === "html_block" && env.file !== undefined) recordLocalInHtml(token, (token.map?.[0] ?? 0) + 1, env, md);
			if (token.type !== "inline" || !token.children) continue;
			const children = token.children;
			const inParagraph = tokens[i - 1]?.type === "paragraph_open" && tokens[i + 1]?.type === "paragraph_close";
			const significant = children.filter((child) => !(child.type === "softbreak" || (child.type === "text" && !child.content.trim())));
			const only = significant.length === 1 ? significant[0] : undefined;
			if (inParagraph && only?.type === "td_more") {
				// `<!--more-->` on its own line: no empty paragraph, only the cut.
				tokens.splice(i - 1, 3, new state.Token("td_more", "", 0));
				i--;
				continue;
			}
			if (inParagraph && only?.type === "td_figure") {
				// A figure alone in its paragraph is a figure block, not an image inside a paragraph.
				(tokens[i - 1] as Token).type = "figure_open";
				(tokens[i - 1] as Token).tag = "figure";
				(tokens[i + 1] as Token).type = "figure_close";
				(tokens[i + 1] as Token).tag = "figure";
				token.children = figureTokens(state, only, true);
			} else if (children.some((child) => child.type === "td_figure")) {
				token.children = children.flatMap((child) => (child.type === "td_figure" ? figureTokens(state, child, false) : [child]));
			}
			if (env.file !== undefined) {
				recordLocal(token, env, md);
				for (const child of token.children) if (child.type === "html_inline") recordLocalInHtml(child, (token.map?.[0] ?? 0) + 1, env, md);
			} else for (const child of token.children) if (child.type === "image") child.attrSet("loading", "lazy");
		}
	});
	md.renderer.rules.td_more = () => "";
}

/** What a template-tag marker stands for, as inline tokens (a figure is expanded by the core rule). */
function pushTag(state: InlineState, tag: TemplateTag | undefined, marker: string): void {
	if (tag?.kind === "figure") {
		const src = state.md.normalizeLink(tag.src);
		const link = tag.link === undefined ? undefined : state.md.normalizeLink(tag.link);
		if (state.md.validateLink(src) && (link === undefined || state.md.validateLink(link))) {
			state.push("td_figure", "", 0).meta = { ...tag, src, link };
			return;
		}
	}
	if (tag?.kind === "youtube") {
		const open = state.push("link_open", "a", 1);
		open.attrs = [["href", `https://www.youtube.com/watch?v=${encodeURIComponent(tag.id)}`]];
		state.push("text", "", 0).content = tag.title ? `${tag.title} (video on YouTube)` : "Watch the video on YouTube";
		state.push("link_close", "a", -1);
		return;
	}
	if (tag?.kind === "ref") {
		// The loader replaces the marker with the target's URL (or the tag as written, if there is none).
		state.push("text", "", 0).content = marker;
		return;
	}
	// A figure whose URL markdown-it refuses (javascript:, data:) is shown as the tag it was.
	state.push("text_special", "", 0).content = tag?.text ?? marker;
}

function figureTokens(state: State, figure: Token, block: boolean): Token[] {
	const tag = figure.meta as Extract<TemplateTag, { kind: "figure" }>;
	const out: Token[] = [];
	if (tag.link) {
		const open = new state.Token("link_open", "a", 1);
		open.attrs = [["href", tag.link]];
		out.push(open);
	}
	const image = new state.Token("image", "img", 0);
	const alt = tag.alt ?? tag.caption ?? "";
	image.attrs = [
		["src", tag.src],
		["alt", ""],
	];
	if (tag.title) image.attrSet("title", tag.title);
	const altText = new state.Token("text", "", 0);
	altText.content = alt;
	image.children = [altText];
	image.content = alt;
	const numeric = (value?: string) => (value && /^\d{1,5}$/.test(value) ? value : undefined);
	const [width, height] = [numeric(tag.width), numeric(tag.height)];
	if (width) image.meta = { ...image.meta, width };
	if (height) image.meta = { ...image.meta, height };
	out.push(image);
	if (tag.link) out.push(new state.Token("link_close", "a", -1));
	if (tag.caption && block) {
		out.push(new state.Token("figcaption_open", "figcaption", 1));
		const caption = new state.Token("text", "", 0);
		caption.content = tag.caption;
		out.push(caption, new state.Token("figcaption_close", "figcaption", -1));
	}
	return out;
}

/**
 * Lists the local images and links of one inline token (with their line in the source) and gives them
 * their markers: every image `loading="lazy"`, a local one a width to fill in; a link or image that cannot
 * stay as written (outside the article's folder, absolute in the site, or another article's file) a URL
 * marker.
 */
function recordLocal(token: Token, env: BodyEnv, md: MarkdownIt): void {
	const children = token.children ?? [];
	const folder = path.posix.dirname(env.file ?? ".");
	let line = (token.map?.[0] ?? 0) + 1;
	for (const child of children) {
		if (child.type === "softbreak" || child.type === "hardbreak") line++;
		if (child.type !== "image" && child.type !== "link_open") continue;
		const image = child.type === "image";
		const attribute = image ? "src" : "href";
		const href = String(child.attrGet(attribute) ?? "");
		if (image) {
			child.attrSet("loading", "lazy");
			const given = child.meta as { width?: string; height?: string } | null;
			if (given?.width) child.attrSet("width", given.width);
			if (given?.height) child.attrSet("height", given.height);
		}
		const target = localTarget(href, folder, md);
		if (!target || (!image && target.path === undefined)) continue;
		const links = (env.links ??= []);
		const index = links.push({ ...target, href, line, image }) - 1;
		if (image && !child.meta?.width) child.attrSet("width", sizeMarker(index));
		if (target.inFolder === undefined && target.path !== undefined) child.attrSet(attribute, linkMarker(index));
	}
}

/**
 * Raw HTML's local files (`<img src>`, `<audio>`/`<video>` and their `<source src>`, `<video poster>`,
 * `<a href>`) are published and resolved like Markdown's: the attribute value gets the same markers. Only
 * the URL attributes of those tags are looked at; whether the tag and its other attributes stay is the
 * sanitiser's decision, after rendering.
 */
const htmlTagPattern = /<(img|audio|video|source|track|a)\b[^>]*>/gi;
const htmlUrlPattern = /(\s(src|href|poster)\s*=\s*)("[^"]*"|'[^']*'|[^\s"'>]+)/gi;

function recordLocalInHtml(token: Token, firstLine: number, env: BodyEnv, md: MarkdownIt): void {
	const folder = path.posix.dirname(env.file ?? ".");
	token.content = token.content.replace(htmlTagPattern, (tag: string, name: string, offset: number) => {
		const line = firstLine + (token.content.slice(0, offset).match(/\n/g)?.length ?? 0);
		const image = name.toLowerCase() === "img";
		const givenWidth = /\swidth\s*=\s*["']?(\d{1,5})["']?(?=[\s/>])/i.exec(tag);
		const sized = /\sheight\s*=/i.test(tag);
		let sizeAdded = false;
		const marked = tag.replace(htmlUrlPattern, (attribute: string, before: string, _name: string, quoted: string) => {
			const href = md.utils.unescapeAll(quoted.replace(/^["']|["']$/g, ""));
			const target = localTarget(href, folder, md);
			if (!target || (!image && target.path === undefined)) return attribute;
			const links = (env.links ??= []);
			const index = links.push({ ...target, href, line, image }) - 1;
			const value = target.inFolder === undefined && target.path !== undefined ? linkMarker(index) : href;
			if (!image || sized || sizeAdded) return `${before}"${md.utils.escapeHtml(value)}"`;
			sizeAdded = true;
			// A width without a height keeps its width; the height is the file's proportion of it.
			return `${before}"${md.utils.escapeHtml(value)}" width="${sizeMarker(index, givenWidth ? Number(givenWidth[1]) : undefined)}"`;
		});
		return sizeAdded && givenWidth ? marked.replace(givenWidth[0], "") : marked;
	});
}

/** Where a link or image URL points in the articles folder, if it is a local one. */
function localTarget(href: string, folder: string, md: MarkdownIt): Omit<LocalLink, "href" | "line" | "image"> | undefined {
	const content = href.startsWith("@/");
	if (!content && (!href || /^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith("//") || /^[#?]/.test(href))) return undefined;
	if (href.includes("{\uFDD0")) return undefined;
	const hashAt = href.search(/[?#]/);
	const hash = hashAt === -1 ? "" : href.slice(hashAt).replace(/^\?[^#]*/, "");
	const written = (hashAt === -1 ? href : href.slice(0, hashAt)).replace(/^@\//, "");
	let decoded: string;
	try {
		decoded = md.utils.unescapeAll(decodeURIComponent(written));
	} catch {
		return undefined;
	}
	const rooted = !content && decoded.startsWith("/");
	const resolved = path.posix.normalize(rooted || content ? decoded.replace(/^\/+/, "") || "." : path.posix.join(folder, decoded));
	if (resolved === ".." || resolved.startsWith("../")) return { hash };
	if (rooted) return { path: resolved, hash, rooted };
	if (content) return { path: resolved, hash, content };
	// A relative folder (`../other/`) is some page: left as written.
	if (written.endsWith("/") || resolved === ".") return undefined;
	const isArticle = /\.(md|mdx|markdown)$/i.test(resolved);
	const inside = folder === "." || resolved.startsWith(`${folder}/`);
	return { path: resolved, hash, inFolder: inside && !isArticle ? path.posix.relative(folder, resolved) : undefined };
}
