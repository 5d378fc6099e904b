/**
 * Which files of an articles folder are articles. Editors pass a whole site as it is: a Jekyll site root
 * has pages (`index.md`, `about.md`) beside its `_posts/`; a Hugo or Zola site has `themes/`, archetypes
 * and a README beside its `content/`, and `_index.md` files that describe sections. Each engine's own
 * rule decides, so nothing has to be moved or deleted first.
 */
import { stat } from "node:fs/promises";
import path from "node:path";

export interface SiteLayout {
	/** `plain`: this tool's own folder (every Markdown file is an article). */
	engine: "jekyll" | "hugo-or-zola" | "plain";
	/** Whether the Markdown file (relative, `/` separators) is an article rather than a page or section. */
	isArticle: (file: string) => boolean;
	/** Whether a Markdown file that is not an article is one of the site's pages (Jekyll's `about.md`), worth a warning. */
	isPage: (file: string) => boolean;
	/** Whether the file is a draft by where it lives (Jekyll's `_drafts/`). */
	isDraft: (file: string) => boolean;
}

/** The configuration files whose presence beside `content/` marks a Hugo or Zola site. */
const hugoOrZolaConfigs = ["hugo.toml", "hugo.yaml", "hugo.json", "config.toml", "config.yaml", "config.json", "zola.toml"];
const jekyllConfigs = ["_config.yml", "_config.yaml", "_config.toml"];

/** Hugo's and Zola's section pages (`_index.md`) are lists, never articles, in any layout. */
const isSectionPage = (file: string) => /(^|\/)_index\.(md|mdx|markdown)$/i.test(file);

export async function siteLayout(root: string): Promise<SiteLayout> {
	const exists = async (name: string, kind: "file" | "folder") => {
		const found = await stat(path.join(root, name)).catch(() => undefined);
		return kind === "file" ? Boolean(found?.isFile()) : Boolean(found?.isDirectory());
	};
	const anyExists = async (names: readonly string[]) => (await Promise.all(names.map((name) => exists(name, "file")))).some(Boolean);
	if ((await exists("_posts", "folder")) || ((await anyExists(jekyllConfigs)) && (await exists("_drafts", "folder")))) {
		// Jekyll: posts live in `_posts/` (also `category/_posts/`), drafts in `_drafts/`; the rest are pages.
		const inFolder = (file: string, folder: string) => file.split("/").slice(0, -1).includes(folder);
		return {
			engine: "jekyll",
			isArticle: (file) => !isSectionPage(file) && (inFolder(file, "_posts") || inFolder(file, "_drafts")),
			// Jekyll reads every Markdown file outside `_`-folders as a page; those in `_includes/` and the like are parts.
			isPage: (file) => !file.split("/").some((part) => part.startsWith("_")),
			isDraft: (file) => inFolder(file, "_drafts"),
		};
	}
	if ((await exists("content", "folder")) && (await anyExists(hugoOrZolaConfigs))) {
		return {
			engine: "hugo-or-zola",
			isArticle: (file) => file.startsWith("content/") && !isSectionPage(file),
			isPage: () => false,
			isDraft: () => false,
		};
	}
	return { engine: "plain", isArticle: (file) => !isSectionPage(file), isPage: () => false, isDraft: () => false };
}
