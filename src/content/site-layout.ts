/**
 * Which files of an articles folder are articles. Editors pass a whole site as it is: a Jekyll site root
 * has pages (`index.md`, `about.md`) beside its `_posts/`; a Hugo or Zola site has `themes/`, archetypes
 * and a README beside its `content/`, and `_index.md` files that describe sections; a Docusaurus site has
 * `docs/` beside its `blog/`. Each engine's own rule decides, so nothing has to be moved or deleted first.
 */
import { stat } from "node:fs/promises";
import path from "node:path";
import type { EngineConfig } from "./engine-config.ts";

/**
 * What a Markdown file is to the site: an article (a post), one of the site's pages (Jekyll's
 * `about.md`, Hugo's root pages, Docusaurus's docs), a section's list page (`_index.md`), or none of
 * these (a theme's or an include's file, which the engine does not publish as a page at all).
 */
export type FileRole = "article" | "page" | "section" | "none";

export interface SiteLayout {
	/** `plain`: this tool's own folder (every Markdown file is an article). */
	engine: "jekyll" | "hugo" | "zola" | "docusaurus" | "plain";
	/** What the Markdown file (relative, `/` separators) is. */
	role: (file: string) => FileRole;
	/** Whether the file is a draft by where it lives (Jekyll's `_drafts/`). */
	isDraft: (file: string) => boolean;
	/** Whether page bundles (`folder/index.md`) make the other Markdown files of their folder resources, as in Hugo. */
	bundles: boolean;
	/** Folders (relative to the root) served at the site's root besides the root itself: `static/`, a theme's `static/`. */
	staticDirs: string[];
	/** The engine's configuration, when one was read. */
	config?: EngineConfig;
}

/** The configuration files whose presence beside `content/` marks a Hugo or Zola site. */
const hugoOrZolaConfigs = ["hugo.toml", "hugo.yaml", "hugo.json", "config.toml", "config.yaml", "config.json", "zola.toml"];

/** Hugo's and Zola's section pages (`_index.md`, translated `_index.es.md`) are lists, never articles, in any layout. */
const isSectionPage = (file: string) => /(^|\/)_index(\.[a-z]{2,3}([-_][a-z0-9]{2,8})*)?\.(md|markdown|mdx)$/i.test(file);
const inFolder = (file: string, folder: string) => file.split("/").slice(0, -1).includes(folder);
/** `file` below `folder` ("" is the root), and its path from there. */
const under = (file: string, folder: string): string | undefined =>
	folder === "" ? file : file.startsWith(`${folder}/`) ? file.slice(folder.length + 1) : undefined;

export async function siteLayout(root: string, config?: EngineConfig): Promise<SiteLayout> {
	const exists = async (name: string, kind: "file" | "folder") => {
		const found = await stat(path.join(root, name)).catch(() => undefined);
		return kind === "file" ? Boolean(found?.isFile()) : Boolean(found?.isDirectory());
	};
	const anyExists = async (names: readonly string[]) => (await Promise.all(names.map((name) => exists(name, "file")))).some(Boolean);
	const common = { ...(config ? { config } : {}), staticDirs: config?.staticDirs ?? ["static"] };
	if ((await exists("_posts", "folder")) || config?.engine === "jekyll") {
		// Jekyll: posts live in `_posts/` (also `category/_posts/`), drafts in `_drafts/`; the rest are pages.
		return {
			engine: "jekyll",
			role: (file) => {
				if (inFolder(file, "_posts") || inFolder(file, "_drafts")) return isSectionPage(file) ? "section" : "article";
				// Jekyll reads every Markdown file outside `_`-folders as a page; those in `_includes/` and the like are parts.
				return file.split("/").some((part) => part.startsWith("_")) ? "none" : "page";
			},
			isDraft: (file) => inFolder(file, "_drafts"),
			bundles: false,
			...common,
			staticDirs: config?.staticDirs ?? [],
		};
	}
	if (config?.engine === "docusaurus") {
		// Docusaurus: the blog plugin's folder holds the posts; `_`-files are partials; docs and pages are the site's pages.
		const blog = config.contentDir;
		return {
			engine: "docusaurus",
			role: (file) => {
				if (file.split("/").some((part) => part.startsWith("_"))) return "none";
				if (under(file, blog) !== undefined) return "article";
				return /^(docs|versioned_docs|src\/pages)\//.test(file) ? "page" : "none";
			},
			isDraft: () => false,
			bundles: true,
			...common,
		};
	}
	const contentDir = config?.contentDir ?? "content";
	if (
		config?.engine === "hugo" ||
		config?.engine === "zola" ||
		((await exists("content", "folder")) && (await anyExists(hugoOrZolaConfigs)))
	) {
		const engine = config?.engine ?? "hugo";
		const mainSections = config?.mainSections;
		return {
			engine,
			role: (file) => {
				const inContent = under(file, contentDir);
				if (inContent === undefined) return "none";
				if (isSectionPage(file)) return "section";
				const section = inContent.includes("/") ? inContent.slice(0, inContent.indexOf("/")) : undefined;
				// Hugo lists the pages of its main sections as posts; a page at the content root (about.md) is in none.
				if (engine === "hugo" && section === undefined) return "page";
				if (mainSections && section !== undefined && !mainSections.includes(section)) return "page";
				return "article";
			},
			isDraft: () => false,
			bundles: true,
			...common,
		};
	}
	return {
		engine: "plain",
		role: (file) => (isSectionPage(file) ? "section" : "article"),
		isDraft: () => false,
		bundles: true,
		...common,
	};
}
