/**
 * The reference point: the same articles built by Hugo and indexed by the Pagefind CLI, the way a Hugo
 * site adds search, with either of two themes:
 * - `minimal` (bench/hugo-minimal): the anchor the targets compare with, written as a Hugo user writes a
 *   minimal theme: article pages with the same Pagefind filters, sort and meta as ours, the topics listed
 *   from `.Params.topics` with `urlize` (not `.GetTerms`, which Hugo 0.111 makes slow on large taxonomies),
 *   paginated topic pages with feeds, and a search page with Pagefind's Default UI;
 * - `full` (bench/hugo): article pages with summaries, paginated topic pages with feeds, a topics index by
 *   count, the home page and its feed, a sitemap; it lists topics with `.GetTerms`, so the report keeps
 *   that call's cost visible beside the anchor.
 */
import { spawnSync } from "node:child_process";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { readEngineConfig } from "../content/engine-config.ts";
import { type CommandRun, type FolderSize, folderSize, runMeasured } from "./measure.ts";

const projectDir = fileURLToPath(new URL("../../", import.meta.url));
export type HugoTheme = "full" | "minimal";
export const hugoThemes: readonly HugoTheme[] = ["minimal", "full"];
export const hugoSiteDirs: Record<HugoTheme, string> = {
	full: path.join(projectDir, "bench", "hugo"),
	minimal: path.join(projectDir, "bench", "hugo-minimal"),
};
const pagefindBin = path.join(projectDir, "node_modules", ".bin", "pagefind");

export interface HugoMeasurement {
	theme: HugoTheme;
	version: string;
	hugo: CommandRun;
	pagefind: CommandRun;
	output: FolderSize;
	/** Pages Pagefind indexed, as it reported them. */
	indexed: number;
}

/** Hugo's version line, or undefined when it is not installed (`apt-get install -y hugo`). */
export function hugoVersion(): string | undefined {
	const run = spawnSync("hugo", ["version"], { encoding: "utf8" });
	return run.status === 0 ? run.stdout.trim() : undefined;
}

/**
 * Where Hugo should read the posts of `articlesDir`, and where in its content to mount them: a folder of
 * articles is the site's articles section; the root of a Hugo site (a real archive given with `--corpus`)
 * is its content folder, mounted as the content, so that its posts' `ref`s name their paths there; a Zola
 * or Docusaurus site's content or blog folder and a Jekyll site's `_posts/` are the articles section, as
 * our loader reads them (src/content/engine-config.ts). Mounting the whole root would hand Hugo the
 * site's configuration, archetypes and themes as content.
 */
export async function postsMount(articlesDir: string): Promise<{ source: string; target: string }> {
	const config = await readEngineConfig(articlesDir);
	if (!config) return { source: path.resolve(articlesDir), target: "content/articles" };
	const source = path.resolve(articlesDir, config.engine === "jekyll" ? "_posts" : config.contentDir);
	return { source, target: config.engine === "hugo" ? "content" : "content/articles" };
}

/**
 * The shortcodes Hugo 0.111 has built in that render without the network: a real site's use of them needs
 * no template of its own. Those that fetch an embed while building (`tweet`, `instagram`, `vimeo_simple`…)
 * get a minimal template like any theme shortcode, so that the anchor times Hugo, not a remote server (and builds
 * offline, as here).
 */
const builtInShortcodes = new Set(["figure", "gist", "highlight", "param", "ref", "relref", "vimeo", "youtube"]);

/**
 * A template for every other shortcode the posts use (`{{< name >}}`, `{{% name %}}`), written into
 * `folder`: the posts of a real site call its theme's shortcodes (`notice`, `alert`, …), which a minimal
 * theme has not got and without which Hugo refuses to build. A minimal theme's own answer: the shortcode's
 * inner content when it is ever closed (`{{< /name >}}`), nothing otherwise (Hugo wants a template that
 * reads `.Inner` closed every time). Returns the names.
 */
export async function writeShortcodeTemplates(postsDir: string, folder: string): Promise<string[]> {
	const used = new Map<string, boolean>();
	const entries = await readdir(postsDir, { recursive: true, withFileTypes: true });
	for (const entry of entries) {
		if (!entry.isFile() || !/\.(md|markdown|html)$/i.test(entry.name)) continue;
		const text = await readFile(path.join(entry.parentPath, entry.name), "utf8");
		for (const [, closing, name] of text.matchAll(/\{\{[<%]\s*(\/?)\s*([\w.-]+)/g)) {
			if (!name || builtInShortcodes.has(name)) continue;
			used.set(name, (used.get(name) ?? false) || closing === "/");
		}
	}
	await mkdir(folder, { recursive: true });
	for (const [name, closed] of used) await writeFile(path.join(folder, `${name}.html`), closed ? "{{ .Inner }}" : "");
	return [...used.keys()].sort();
}

/** Builds `articlesDir` with Hugo and `theme` into `workDir/public`, then runs the Pagefind CLI over it. */
export async function measureHugo(articlesDir: string, workDir: string, theme: HugoTheme = "full"): Promise<HugoMeasurement> {
	const hugoSiteDir = hugoSiteDirs[theme];
	const version = hugoVersion();
	if (!version) throw new Error("hugo is not installed (apt-get install -y hugo)");
	await mkdir(workDir, { recursive: true });
	// The corpus is mounted where postsMount says; nothing is copied.
	const posts = await postsMount(articlesDir);
	const shortcodes = path.join(workDir, "shortcodes");
	await writeShortcodeTemplates(posts.source, shortcodes);
	const mounts = path.join(workDir, "mounts.toml");
	await writeFile(
		mounts,
		[
			// Hugo 0.111 has no flag for it; it would otherwise write resources/ into bench/hugo.
			`resourceDir = ${JSON.stringify(path.join(workDir, "resources"))}`,
			// A `ref` to a page this configuration leaves out (a draft, a future post) is the site's own
			// business: reported, not fatal.
			'refLinksErrorLevel = "WARNING"',
			"[[module.mounts]]",
			`source = ${JSON.stringify(posts.source)}`,
			`target = ${JSON.stringify(posts.target)}`,
			"[[module.mounts]]",
			`source = ${JSON.stringify(path.join(hugoSiteDir, "layouts"))}`,
			'target = "layouts"',
			"[[module.mounts]]",
			`source = ${JSON.stringify(shortcodes)}`,
			'target = "layouts/shortcodes"',
			"",
		].join("\n"),
	);
	const output = path.join(workDir, "public");
	const hugo = await runMeasured("hugo", [
		"--quiet",
		"--source",
		hugoSiteDir,
		"--config",
		`${path.join(hugoSiteDir, "hugo.toml")},${mounts}`,
		"--destination",
		output,
		"--cacheDir",
		path.join(workDir, "cache"),
		"--noBuildLock",
	]);
	const pagefind = await runMeasured(pagefindBin, ["--site", output]);
	const indexed = Number(/Indexed (\d+) pages?/.exec(pagefind.stdout)?.[1] ?? 0);
	return { theme, version, hugo, pagefind, output: await folderSize(output), indexed };
}
