/**
 * The loader's last pass over article bodies, once every article is loaded: what a body points at is
 * resolved against the other articles and the files of the articles folder. It depends on files other than
 * the article's own, so it runs on every load and is never cached (the rendered bodies are, with markers).
 *
 * - `{% post_url %}`, `{% link %}`, `ref`/`relref`, Zola's `@/x.md` and relative links to `.md` files become
 *   the target article's URL, relative to the page (so it holds under any path prefix, and feeds make it
 *   absolute); a missing target is a warning and the link stays as written.
 * - Local images and linked files are published beside the page (`images/x.jpg` of `2025/02/foo.md` at
 *   `<page>/images/x.jpg`), or, written from the site's root or outside the article's folder, once at their
 *   own path in the site. Images get `width`/`height` read from the file's header (once per file); a
 *   missing one is a warning naming its line.
 * - A page bundle (`slug/index.md`) publishes every other file of its folder beside its page.
 * - The lead image (`image` and its aliases) is found the same way (also in `images/`, where
 *   wordpress-export-to-markdown puts the file its `coverImage` names).
 *
 * Only paths the folder listing holds are ever published: no symbolic link, nothing outside the folder.
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import path from "node:path";
import { imageSize } from "image-size";
import { linkMarkerPattern, sizeAttributePattern } from "./body-syntax.ts";
import type { Article } from "./load.ts";
import { tagMarkerPattern, type TemplateTag } from "./template-tags.ts";
import type { ContentWarning } from "./warnings.ts";

/** A file of the articles folder the site publishes. */
export interface MediaFile {
	/** Its path in the articles folder, `/`-separated. */
	from: string;
	/** Its path in the site, without the path prefix. */
	to: string;
}

/** The picture an article leads with. */
export interface LeadImage {
	/** A site path (without the prefix) for a local file, or an https URL. */
	url: string;
	width?: number;
	height?: number;
}

export interface ResolvedBodies {
	articles: Article[];
	media: MediaFile[];
	warnings: ContentWarning[];
}

/** Width and height, by absolute path and file state; the header is read once per file and change. */
const sizeCache = new Map<string, { width: number; height: number } | null>();
const headerBytes = 128 * 1024;
const maxImageBytes = 32 * 1024 * 1024;

export interface ResolveOptions {
	/**
	 * Folders served at the site's root, where a path written from the root (`/img/x.png`) is also looked
	 * for, in order: the engine's static folder, then its theme's (`themes/x/static`).
	 * @default ["static"]
	 */
	staticDirs?: readonly string[];
}

export function resolveBodies(
	root: string,
	articles: readonly Article[],
	files: ReadonlySet<string>,
	show: (absolute: string) => string,
	options: ResolveOptions = {},
): ResolvedBodies {
	const staticDirs = options.staticDirs ?? ["static"];
	/** Where a path written from the site's root may be: the articles folder's root, then each static folder. */
	const fromRoot = (written: string) => [written, ...staticDirs.map((folder) => `${folder}/${written}`)];
	const warnings: ContentWarning[] = [];
	const media = new Map<string, string>();
	const index = new ArticleIndex(articles);
	const bundles = bundleFiles(articles, files);
	const resolved = articles.map((article) => {
		const { body, ...rest } = article;
		const { image } = article;
		const imageLine = article.lines.image;
		const bundle = bundles.get(article.file);
		if (!body && !image && !bundle) return article;
		const folder = path.posix.dirname(article.file);
		const pageFolder = article.url.slice(0, article.url.lastIndexOf("/") + 1);
		const where = show(path.join(root, article.file));
		const warn = (kind: ContentWarning["kind"], line: number | undefined, message: string) =>
			warnings.push({ kind, path: where, line, message });
		const publish = (from: string, to: string) => {
			if (!media.has(to)) media.set(to, from);
		};
		for (const [from, rel] of bundle ?? []) publish(from, `${pageFolder}${rel}`);

		/**
		 * A local file's site path: beside the page when it is in the article's folder, else at the path it
		 * was written with from the site's root, else at its own path in the articles folder.
		 */
		const place = (candidates: string[], rooted: boolean, written: string) => {
			const from = candidates.find((candidate) => files.has(candidate));
			if (from === undefined) return undefined;
			const inFolder = !rooted && (folder === "." || from.startsWith(`${folder}/`));
			const to = inFolder ? `${pageFolder}${path.posix.relative(folder, from)}` : rooted ? `/${written}` : `/${from}`;
			publish(from, to);
			return { from, to };
		};

		let html = rest.html;
		let summary = rest.summary;
		if (body) {
			const sizes: ({ width: number; height: number } | undefined)[] = [];
			const urls = body.links.map((link, n) => {
				if (link.path === undefined) {
					if (link.image)
						warn("missing-image", link.line, `body: image "${link.href}" points outside the articles folder, so it is not published`);
					return undefined;
				}
				if (link.content || /\.(md|mdx|markdown)$/i.test(link.path)) {
					const target = index.find(link.path, article.file, !link.content && !link.rooted);
					if (target) return relativeUrl(article.url, target.url) + link.hash;
					// A Markdown file that is no article (a bundle's resource) is linked as the file it is.
					if (link.content || !files.has(link.path)) {
						warn("missing-link-target", link.line, `body: link "${link.href}" names no article of the digest`);
						return undefined;
					}
				}
				const candidates = link.rooted ? fromRoot(link.path) : [link.path];
				const found = place(candidates, link.rooted === true, link.path);
				if (!found) {
					if (link.image) warn("missing-image", link.line, `body: image "${link.href}" is not there (looked for ${candidates.join(", ")})`);
					// A link written from the site's root is a page of this site: relative, it stays under the prefix.
					return link.rooted && !link.image ? relativeUrl(article.url, `/${link.path === "." ? "" : link.path}`) + link.hash : undefined;
				}
				if (link.image) sizes[n] = sizeOf(path.join(root, found.from));
				return link.inFolder === undefined ? relativeUrl(article.url, found.to) + link.hash : undefined;
			});
			html = html.replace(linkMarkerPattern, (_, n: string) => escapeAttribute(urls[Number(n)] ?? body.links[Number(n)]?.href ?? ""));
			html = html.replace(sizeAttributePattern, (_, n: string, given?: string) => {
				const size = sizes[Number(n)];
				if (given !== undefined)
					return size ? ` width="${given}" height="${Math.round((Number(given) * size.height) / size.width)}"` : ` width="${given}"`;
				return size ? ` width="${size.width}" height="${size.height}"` : "";
			});
			const tagUrls = body.tags.map((tag) => {
				if (tag.kind !== "ref") return undefined;
				const target = index.find(tag.target.replace(/#.*$/, ""), article.file, tag.engine === "ref" || tag.engine === "relref");
				if (target) return relativeUrl(article.url, target.url) + (/#.*$/.exec(tag.target)?.[0] ?? "");
				warn("missing-link-target", tag.line, `body: ${shortTag(tag)} names no article of the digest`);
				return undefined;
			});
			const tagText = (n: string, encode: (text: string) => string) => {
				const url = tagUrls[Number(n)];
				return url === undefined ? encode(body.tags[Number(n)]?.text ?? "") : encode(url);
			};
			html = html.replace(tagMarkerPattern, (_, n: string) => tagText(n, escapeAttribute));
			summary = summary.replace(tagMarkerPattern, (_, n: string) => tagText(n, (text) => text));
		}

		let leadImage: LeadImage | undefined;
		if (image !== undefined) {
			if (/^https:\/\//i.test(image)) leadImage = { url: image };
			else if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(image))
				warn("missing-image", imageLine, `image: "${image}" must be a file beside the article or an https URL`);
			else {
				const rooted = image.startsWith("/");
				const written = path.posix.normalize(image.replace(/^\/+/, ""));
				const own = path.posix.normalize(path.posix.join(folder, image));
				const candidates = rooted
					? fromRoot(written)
					: [own, path.posix.join(folder, "images", path.posix.basename(image))].filter((candidate) => !candidate.startsWith(".."));
				const found = place(candidates, rooted, written);
				if (found) leadImage = { url: found.to, ...sizeOf(path.join(root, found.from)) };
				else
					warn(
						"missing-image",
						imageLine,
						`image: "${image}" is not there (looked for ${candidates.join(", ") || "nothing outside the articles folder"})`,
					);
			}
		}
		return { ...rest, html, summary, ...(leadImage ? { leadImage } : {}) } as Article;
	});
	const list = [...media].map(([to, from]) => ({ from, to })).sort((a, b) => (a.to < b.to ? -1 : a.to > b.to ? 1 : 0));
	return { articles: resolved, media: list, warnings };
}

/** Articles by their path without extension (and without `/index`), and by each shorter ending of it. */
class ArticleIndex {
	readonly #exact = new Map<string, Article>();
	readonly #endings = new Map<string, Article>();
	readonly #articles: readonly Article[];
	#built = false;
	constructor(articles: readonly Article[]) {
		this.#articles = articles;
	}

	/**
	 * The article `target` names: relative to `fromFile`'s folder first (Hugo's ref, a Markdown link), then
	 * from the folder's root, then by its ending (`_posts/x.md` when the articles folder is `_posts`, a
	 * Jekyll post name, a Hugo path relative to `content/`).
	 */
	find(target: string, fromFile: string, relativeFirst: boolean): Article | undefined {
		this.#build();
		const wanted = keyOf(target.replace(/^\/+/, ""));
		if (relativeFirst && !target.startsWith("/")) {
			const relative = this.#exact.get(keyOf(path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), target))));
			if (relative) return relative;
		}
		const exact = this.#exact.get(wanted);
		if (exact) return exact;
		const parts = wanted.split("/");
		for (let i = 0; i < parts.length; i++) {
			const found = this.#endings.get(parts.slice(i).join("/"));
			if (found) return found;
		}
		return undefined;
	}

	#build(): void {
		if (this.#built) return;
		this.#built = true;
		for (const article of this.#articles) {
			const key = keyOf(article.file);
			if (!this.#exact.has(key)) this.#exact.set(key, article);
			const parts = key.split("/");
			for (let i = 0; i < parts.length; i++) {
				const ending = parts.slice(i).join("/");
				if (!this.#endings.has(ending)) this.#endings.set(ending, article);
			}
		}
	}
}

const keyOf = (file: string): string =>
	file
		.replace(/^\.\//, "")
		.replace(/\.(md|mdx|markdown)$/i, "")
		.replace(/(^|\/)_?index$/, "")
		.replace(/\/+$/, "");

/**
 * The files of each page bundle (`folder/index.md`, not the articles folder's own index): every file of
 * its folder and sub-folders, except those of a bundle further down; with their path in the bundle.
 */
function bundleFiles(articles: readonly Article[], files: ReadonlySet<string>): Map<string, [string, string][]> {
	const bundleOf = new Map<string, string>();
	for (const article of articles) {
		if (/(^|\/)index\.(md|mdx|markdown)$/i.test(article.file) && article.file.includes("/"))
			bundleOf.set(path.posix.dirname(article.file), article.file);
	}
	const byArticle = new Map<string, [string, string][]>();
	if (bundleOf.size === 0) return byArticle;
	for (const file of files) {
		for (let folder = path.posix.dirname(file); folder !== "."; folder = path.posix.dirname(folder)) {
			const owner = bundleOf.get(folder);
			if (owner === undefined) continue;
			const rel = file.slice(folder.length + 1);
			// The page itself is written there.
			if (rel !== "index.html") byArticle.set(owner, [...(byArticle.get(owner) ?? []), [file, rel]]);
			break;
		}
	}
	for (const list of byArticle.values()) list.sort((a, b) => (a[0] < b[0] ? -1 : 1));
	return byArticle;
}

/** The URL of site path `to` from the page at `from` (both without the prefix), percent-encoded. */
export function relativeUrl(from: string, to: string): string {
	const relative = path.posix.relative(from.slice(0, from.lastIndexOf("/") + 1) || "/", to);
	const encoded = relative
		.split("/")
		.map((part) => (part === ".." ? part : encodeURIComponent(part)))
		.join("/");
	if (!encoded) return "./";
	return to.endsWith("/") ? `${encoded}/` : encoded;
}

/** Width and height of an image file from its header, or undefined when it is not an image we can read. */
function sizeOf(file: string): { width: number; height: number } | undefined {
	let descriptor: number | undefined;
	try {
		descriptor = openSync(file, "r");
		const { size, mtimeMs } = fstatSync(descriptor);
		const key = `${file}\0${size}\0${mtimeMs}`;
		if (sizeCache.has(key)) return sizeCache.get(key) ?? undefined;
		let found: { width: number; height: number } | null = null;
		for (const length of [Math.min(size, headerBytes), size]) {
			if (length > maxImageBytes) break;
			const buffer = Buffer.alloc(length);
			readSync(descriptor, buffer, 0, length, 0);
			try {
				const { width, height, orientation } = imageSize(buffer);
				// EXIF orientations 5–8 are turned a quarter: browsers show them with width and height swapped.
				found = orientation && orientation >= 5 ? { width: height, height: width } : { width, height };
				break;
			} catch {
				if (length === size) break;
			}
		}
		sizeCache.set(key, found);
		return found ?? undefined;
	} catch {
		return undefined;
	} finally {
		if (descriptor !== undefined) closeSync(descriptor);
	}
}

function shortTag(tag: Extract<TemplateTag, { kind: "ref" }>): string {
	return tag.engine === "post_url" || tag.engine === "link" ? `{% ${tag.engine} ${tag.target} %}` : `{{< ${tag.engine} "${tag.target}" >}}`;
}

const attributeEntities: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeAttribute = (text: string): string => text.replace(/[&<>"']/g, (char) => attributeEntities[char] ?? char);
