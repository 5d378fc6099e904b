/** Fixture digests written into temporary folders, built with the real config, read back as DOM. */
import { rmSync } from "node:fs";
import { cp, mkdir, mkdtemp, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseHTML } from "linkedom";
import { type BuildResult, buildSite, type SiteBuildOptions } from "../../src/commands/build.ts";
import type { Article } from "../../src/content/load.ts";
import { ContentError, formatProblem } from "../../src/content/problems.ts";
import * as assert from "uvu/assert";
import type { SearchPageConfig } from "../../src/search/contract.ts";
import { searchConfigIn } from "../../src/search/page-config.ts";

export interface ArticleSpec {
	title?: string;
	date?: string;
	topics?: string[] | string;
	body?: string;
	/** Any other front-matter lines, written as they are. */
	extra?: string;
}

/** Front matter plus body, as an editor would write it. */
export function articleText({
	title = "An article",
	date = "2025-02-18",
	topics = ["ukraine-war"],
	body = "A first paragraph.\n\nA second one.",
	extra = "",
}: ArticleSpec): string {
	const topicLine = Array.isArray(topics) ? `[${topics.map((t) => JSON.stringify(t)).join(", ")}]` : JSON.stringify(topics);
	return `---\ntitle: ${JSON.stringify(title)}\ndate: ${date}\ntopics: ${topicLine}\n${extra}${extra && !extra.endsWith("\n") ? "\n" : ""}---\n${body}\n`;
}

/** The folders `tempDir` made in this process: removed when it exits. */
const madeFolders: string[] = [];

/**
 * A new folder under the system's temporary folder (or `under`), removed when the test process exits: a
 * full test run makes thousands (built sites, articles folders, dev servers' output), which otherwise stay
 * behind.
 */
export async function tempDir(prefix = "digest-", under = tmpdir()): Promise<string> {
	if (madeFolders.length === 0)
		process.once("exit", () => {
			for (const folder of madeFolders) {
				try {
					rmSync(folder, { recursive: true, force: true, maxRetries: 3 });
				} catch {
					// A server of a failed test may still be writing there; the system's cleaning takes the rest.
				}
			}
		});
	const folder = await mkdtemp(path.join(under, prefix));
	madeFolders.push(folder);
	return folder;
}

/** Writes `files` (relative path -> text) into a new temporary articles folder. */
export async function writeArticles(files: Record<string, string>): Promise<string> {
	const dir = await tempDir("articles-");
	for (const [file, text] of Object.entries(files)) {
		await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
		await writeFile(path.join(dir, file), text);
	}
	return dir;
}

/** Builds `files` with the real config into a temporary output folder. */
export async function buildFixture(files: Record<string, string>, options: SiteBuildOptions = {}) {
	const articlesDir = await writeArticles(files);
	const outputDir = options.outputDir ?? path.join(await tempDir("site-"), "_site");
	const result = await buildSite({ ...options, articlesDir, outputDir });
	return { ...result, articlesDir, outputDir };
}

/** The built page at `sitePath` (e.g. `/articles/2025/02/x/`), parsed. */
export async function readPage(outputDir: string, sitePath: string): Promise<Document> {
	const file = path.join(outputDir, sitePath.endsWith("/") ? `${sitePath}index.html` : sitePath);
	const { document } = parseHTML(await readFile(file, "utf8"));
	return document as unknown as Document;
}

/** The configuration the build wrote into a site's search page (src/search/page-config.ts); throws when it has none. */
export async function readSearchPageConfig(outputDir: string): Promise<SearchPageConfig> {
	const config = searchConfigIn(await readFile(path.join(outputDir, "search", "index.html"), "utf8"));
	if (!config) throw new Error(`${outputDir}/search/index.html has no search page configuration`);
	return config;
}

export const texts = (root: ParentNode, selector: string): string[] =>
	[...root.querySelectorAll(selector)].map((element) => (element.textContent ?? "").trim());

/** An article list's items and their titles, which carry no class (layouts/components/ArticleList.tsx). */
export const listedItem = ".article-list > li";
export const listedTitle = `${listedItem} > :is(h2, h3)`;

/**
 * Every file of an output folder outside its search index folders (`pagefind`, `pagefind-recent` and the
 * `*.next` folders an index is written in before it is published), as `/`-separated relative paths. The
 * dev server rewrites those in the background: a walk that entered them could find a folder that is gone
 * by the time it is read.
 */
export async function filesOutsideSearch(outputDir: string): Promise<string[]> {
	const files: string[] = [];
	const walk = async (relative: string): Promise<void> => {
		for (const entry of await readdir(path.join(outputDir, relative), { withFileTypes: true })) {
			const child = relative ? `${relative}/${entry.name}` : entry.name;
			if (entry.isDirectory()) {
				if (!(relative === "" && entry.name.startsWith("pagefind"))) await walk(child);
			} else if (entry.isFile()) files.push(child);
		}
	};
	await walk("");
	return files.sort();
}

/** Every file under `dir` with its bytes and modification time: equal snapshots mean nothing was touched. */
export async function snapshot(dir: string): Promise<Record<string, string>> {
	const result: Record<string, string> = {};
	for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile()) continue;
		const file = path.join(entry.parentPath, entry.name);
		const { mtimeMs } = await stat(file);
		result[path.relative(dir, file)] = `${mtimeMs} ${(await readFile(file)).toString("base64")}`;
	}
	return result;
}

/** A fixture site as built: where, with what prefix and site URL, and the build's own report. */
export interface BuiltFixture {
	outputDir: string;
	result: BuildResult;
	pathPrefix: string;
	siteUrl: string;
}

const fixtureBuilds = new Map<string, Promise<BuiltFixture>>();

/**
 * The fixture folder `folder` built once per process, prefix and site URL, from a copy of it (the build
 * writes nothing there, but a cache could). A build that refuses the folder fails every test that asks for
 * it, with its first few problems.
 */
export function builtFixture(folder: string, pathPrefix: string, siteUrl: string): Promise<BuiltFixture> {
	const key = `${folder} ${pathPrefix} ${siteUrl}`;
	let promise = fixtureBuilds.get(key);
	if (!promise) {
		promise = (async () => {
			const articlesDir = path.join(await tempDir(`fixture-${path.basename(folder)}-`), "site");
			await cp(folder, articlesDir, { recursive: true });
			const outputDir = path.join(await tempDir("site-"), "_site");
			try {
				const result = await buildSite({ articlesDir, outputDir, pathPrefix, siteUrl, cacheDir: false });
				return { outputDir, result, pathPrefix, siteUrl };
			} catch (error) {
				if (!(error instanceof ContentError)) throw error;
				const shown = error.problems
					.slice(0, 6)
					.map((problem) => formatProblem({ ...problem, path: path.relative(articlesDir, problem.path) }));
				throw new Error(`${path.basename(folder)} does not build: ${error.problems.length} problems, e.g.\n  ${shown.join("\n  ")}`);
			}
		})();
		fixtureBuilds.set(key, promise);
	}
	return promise;
}

/** The one article of `articles` titled `title` (the test fails when there is none or more than one). */
export function byTitle(articles: readonly Article[], title: string): Article {
	const found = articles.filter((article) => article.title === title);
	assert.is(found.length, 1, `one article titled "${title}"`);
	return found[0] as Article;
}

/**
 * Whether a dev server's change has settled, from its log lines since `from`: the rebuild's own line
 * (`… articles: rebuilt …`), then the whole search index rebuilt after it. An index line before the
 * rebuild's is the previous change's background index, not this one's.
 */
export function devChangeSettled(lines: readonly string[], from: number): boolean {
	const rebuilt = lines.findIndex((line, at) => at >= from && / articles: rebuilt /.test(line));
	return rebuilt >= 0 && lines.slice(rebuilt + 1).some((line) => / search index rebuilt /.test(line));
}
