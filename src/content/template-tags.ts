/**
 * Template code in migrated article bodies: Liquid (Jekyll) and Hugo shortcodes, which the digest does not
 * run. What has a meaning without a template engine is turned into what it stood for, the rest is left as
 * text and reported once per file:
 * - Liquid `{% raw %}…{% endraw %}` is unwrapped (its content shown as written); `{% comment %}` blocks and
 *   Hugo's `{{/* … *\/}}` comments are dropped, as the engines drop them.
 * - Jekyll `{% post_url name %}` / `{% link path %}` and Hugo `ref` / `relref` become a marker that the
 *   loader replaces with the target article's URL once every article is loaded (media.ts).
 * - Hugo's built-in `figure` and `youtube` shortcodes become a marker that body-syntax.ts renders as an
 *   image in a figure and a link to the video.
 * - Hugo's escaped form `{{</* x *\/>}}` is shown as `{{< x >}}`, which is what Hugo shows.
 *
 * Markers are `{` U+FDD0 index U+FDD0 `}`: U+FDD0 is a Unicode noncharacter, which renderBody replaces in
 * the input, so an editor's text can never contain one. Line breaks inside a tag are kept after its
 * marker, so that every later line keeps its number.
 */
import path from "node:path";

/** A tag the digest turns into something. `line` is 1-based within the body. */
export type TemplateTag =
	| { kind: "ref"; engine: "post_url" | "link" | "ref" | "relref"; target: string; line: number; text: string }
	| {
			kind: "figure";
			src: string;
			alt?: string;
			caption?: string;
			title?: string;
			link?: string;
			width?: string;
			height?: string;
			line: number;
			text: string;
	  }
	| { kind: "youtube"; id: string; title?: string; line: number; text: string };

export interface ScannedBody {
	/** The body with markers in place of the tags the digest turns into something. */
	source: string;
	/** The tags behind the markers, by marker index. */
	tags: TemplateTag[];
	/** The first tag left as text outside code, for the once-per-file warning. */
	unsupported?: { line: number; text: string };
}

export const tagMarker = (index: number): string => `{\uFDD0${index}\uFDD0}`;
export const tagMarkerPattern = /\{\uFDD0(\d+)\uFDD0\}/g;

/** One line of tag text may run over several lines, never over a blank one (a paragraph break). */
const inTag = String.raw`(?:[^\n]|\n(?![ \t]*\n))*?`;
const tagPattern = new RegExp(
	[
		String.raw`\{%-?\s*raw\s*-?%\}(?<raw>[\s\S]*?)(?:\{%-?\s*endraw\s*-?%\}|$)`,
		String.raw`\{%-?\s*comment\s*-?%\}[\s\S]*?\{%-?\s*endcomment\s*-?%\}`,
		String.raw`\{\{\/\*[\s\S]*?\*\/\}\}`,
		String.raw`\{\{(?<escOpen>[<%])\/\*(?<escaped>${inTag})\*\/(?<escClose>[>%])\}\}`,
		String.raw`\{\{(?<scOpen>[<%])(?<shortcode>${inTag})[>%]\}\}`,
		String.raw`\{%(?<liquid>${inTag})%\}`,
		String.raw`\{\{(?<output>[^\n]*?)\}\}`,
	].join("|"),
	"g",
);

/** Hugo shortcode arguments: `name="value"`, `name=value`, or positional; quoted with `"` or backticks. */
const argPattern = /(?:([A-Za-z_][\w-]*)\s*=\s*)?("(?:[^"\\]|\\.)*"|`[^`]*`|[^\s"`=]+)/g;

interface Args {
	named: Record<string, string>;
	positional: string[];
}

function parseArgs(text: string): Args {
	const named: Record<string, string> = {};
	const positional: string[] = [];
	for (const match of text.matchAll(argPattern)) {
		const raw = match[2] ?? "";
		const value = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, "$1") : raw.startsWith("`") ? raw.slice(1, -1) : raw;
		if (match[1]) named[match[1]] = value;
		else positional.push(value);
	}
	return { named, positional };
}

/**
 * Jekyll's ways of writing a path of its own site in a post, which mean that path here too (the path
 * prefix is added where the page links it): `{{ site.baseurl }}` and `{{ site.url }}` before a path are
 * nothing, `{{ "/x.png" | relative_url }}` (or `absolute_url`, or `prepend: site.baseurl`) is `/x.png`.
 */
function sitePathOf(output: string): string | undefined {
	if (/^site\.(baseurl|url)$/.test(output)) return "";
	const filtered = /^(["'])([^"'{}]*)\1\s*\|\s*(?:relative_url|absolute_url|prepend:\s*site\.baseurl)\s*$/.exec(output);
	return filtered?.[2];
}

const unquote = (text: string): string => text.trim().replace(/^(["'])(.*)\1$/, "$2");

/** Lines of fenced code blocks (fence lines included), 1-based: tags there are shown as code, as meant. */
function fencedLines(source: string): Set<number> {
	const lines = new Set<number>();
	let fence: string | undefined;
	source.split("\n").forEach((line, index) => {
		const opening = /^ {0,3}(`{3,}|~{3,})/.exec(line);
		if (fence === undefined) {
			if (opening?.[1]) {
				fence = opening[1];
				lines.add(index + 1);
			}
			return;
		}
		lines.add(index + 1);
		const marker = opening?.[1];
		if (marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = undefined;
	});
	return lines;
}

/** How a left-alone tag is named in its warning: `{{< tweet … >}}`, `{% include … %}`, `{{ site.title }}`. */
function shortForm(open: string, inner: string, close: string): string {
	const words = inner.trim().split(/\s+/);
	const name = words[0] ?? "";
	if (open === "{{" && inner.trim().length <= 40) return `{{ ${inner.trim()} }}`;
	return `${open} ${name}${words.length > 1 ? " …" : ""} ${close}`;
}

/**
 * Finds the template tags of one body (`file` is the article's path in the articles folder, for
 * `{% link %}` to a file that is not an article).
 */
export function scanTemplateTags(body: string, file: string): ScannedBody {
	if (!body.includes("{")) return { source: body, tags: [] };
	const tags: TemplateTag[] = [];
	let unsupported: ScannedBody["unsupported"];
	let fences: Set<number> | undefined;
	// Matches come in order: lines are counted once, up to each match.
	let line = 1;
	let scanned = 0;
	const lineAt = (offset: number) => {
		for (let i = body.indexOf("\n", scanned); i !== -1 && i < offset; i = body.indexOf("\n", scanned)) {
			line++;
			scanned = i + 1;
		}
		return line;
	};
	const keepLines = (text: string) => "\n".repeat(text.split("\n").length - 1);
	const mark = (tag: TemplateTag, text: string) => {
		tags.push(tag);
		return tagMarker(tags.length - 1) + keepLines(text);
	};
	const leave = (text: string, offset: number, at: number, form: string) => {
		if (unsupported) return text;
		fences ??= fencedLines(body);
		const lineStart = body.lastIndexOf("\n", offset - 1) + 1;
		const ticksBefore = (body.slice(lineStart, offset).match(/`+/g) ?? []).length;
		if (!fences.has(at) && ticksBefore % 2 === 0) unsupported = { line: at, text: form };
		return text;
	};

	const source = body.replace(tagPattern, (text: string, ...rest: unknown[]) => {
		const groups = rest.at(-1) as Record<string, string | undefined>;
		const offset = rest.at(-3) as number;
		const at = lineAt(offset);
		if (groups.raw !== undefined) return groups.raw;
		if (groups.escaped !== undefined) return `{{${groups.escOpen}${groups.escaped}${groups.escClose}}}`;
		if (groups.shortcode !== undefined) {
			const open = `{{${groups.scOpen}`;
			const close = `${groups.scOpen === "<" ? ">" : "%"}}}`;
			const inner = groups.shortcode.trim();
			const name = /^[\w/.-]+/.exec(inner)?.[0] ?? "";
			const args = parseArgs(inner.slice(name.length));
			if (name === "ref" || name === "relref") {
				const target = args.named.path ?? args.positional[0];
				if (target) return mark({ kind: "ref", engine: name, target, line: at, text }, text);
			}
			if (name === "figure" && args.named.src) {
				const { src, alt, caption, title, link, width, height } = args.named;
				return mark({ kind: "figure", src, alt, caption, title, link, width, height, line: at, text }, text);
			}
			if (name === "youtube") {
				const id = args.named.id ?? args.positional[0];
				if (id && /^[\w-]{1,64}$/.test(id)) return mark({ kind: "youtube", id, title: args.named.title, line: at, text }, text);
			}
			return leave(text, offset, at, shortForm(open, inner, close));
		}
		if (groups.liquid !== undefined) {
			const inner = groups.liquid.replace(/^-|-$/g, "").trim();
			const [name = "", ...words] = inner.split(/\s+/);
			const argument = unquote(words.join(" "));
			if ((name === "post_url" || name === "link") && argument && !argument.includes("{")) {
				if (name === "link" && !/\.(md|mdx|markdown|html?)$/i.test(argument)) {
					// `{% link assets/report.pdf %}`: a file of the site, relative to its root; from here it is a
					// relative path, which the loader publishes beside the page like any linked file.
					return path.posix.relative(path.posix.dirname(file), argument.replace(/^\/+/, "")) || ".";
				}
				return mark({ kind: "ref", engine: name, target: argument, line: at, text }, text);
			}
			return leave(text, offset, at, shortForm("{%", inner, "%}"));
		}
		if (groups.output !== undefined) {
			const inner = groups.output.replace(/^-|-$/g, "").trim();
			const own = sitePathOf(inner);
			if (own !== undefined) return own;
			return leave(text, offset, at, shortForm("{{", inner, "}}"));
		}
		// Comments: dropped, their line breaks kept.
		return keepLines(text);
	});
	return { source, tags, unsupported };
}
