/**
 * Builds the Pagefind index. A build indexes the article pages Eleventy has just written, not the HTML it
 * still holds in memory: measured on 10,000 articles (npm run bench), Pagefind parses a folder on every
 * core, while pages handed over one message at a time took 14–17 s on one core, and handing them over
 * during rendering slowed the rendering by as much as it saved. It reads the folder through the Pagefind
 * CLI rather than the Node API's `addDirectory` (the same indexer, the same bytes written): on the same
 * 10,000 written news pages the CLI took 37.7–41.3 s against 47.3–51.2 s under a load of 17–22
 * (docs/performance.md).
 *
 * The dev server's small index of new articles is built from pages in memory through the Node API
 * (`writeSearchIndex`): every `errors` array Pagefind returns fails it, and the service is closed once no
 * index of this process needs it.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as pagefind from "pagefind";
import { publishSearchIndex } from "./publish.ts";

export interface IndexedPage {
	/** The page's URL without the path prefix, e.g. `/articles/2025/02/slug/`. */
	url: string;
	/** The page's HTML; only the element marked `data-pagefind-body` is indexed. */
	content: string;
}

export interface SearchIndexOptions {
	/**
	 * The language the whole index is built for (Pagefind splits indexes by language otherwise).
	 * @default "en"
	 */
	language?: string;
	/**
	 * The index's folder inside the output folder: the site's index, or the dev server's small index of
	 * articles added since its last full one.
	 * @default "pagefind"
	 */
	folder?: string;
}

export const searchIndexDefaults = { language: "en", folder: "pagefind" } satisfies Required<SearchIndexOptions>;

/** The article pages, relative to the output folder: the only pages with a `data-pagefind-body` element. */
export const articlePagesGlob = "articles/*/*/*/index.html";

export class SearchIndexError extends Error {
	constructor(readonly errors: string[]) {
		super(`the search index could not be built: ${errors.join("; ")}`);
		this.name = "SearchIndexError";
	}
}

/**
 * The Pagefind CLI the pagefind package ships (its `bin`, which runs the same indexer binary as the Node
 * API), next to the package's entry point.
 */
const pagefindCli = fileURLToPath(new URL("./runner/bin.cjs", import.meta.resolve("pagefind")));

/**
 * Indexes the article pages written in `outputDir` into `<outputDir>/pagefind/` (or `folder`) with the
 * Pagefind CLI; returns how many pages were indexed. Its exit status, its error lines and its count of
 * indexed pages are checked: `expected` (the digest's article count) turns a page that is missing from
 * the output, or one too many, into an error instead of an index that silently lacks an article.
 */
export async function indexSite(outputDir: string, options: SearchIndexOptions & { expected?: number } = {}): Promise<number> {
	const { language, folder } = { ...searchIndexDefaults, ...options };
	let count = 0;
	await publishSearchIndex(path.join(outputDir, folder), async (staging) => {
		const args = ["--site", outputDir, "--glob", articlePagesGlob, "--force-language", language, "--output-path", staging];
		const { code, stdout, stderr } = await run(process.execPath, [pagefindCli, ...args]);
		const errors = `${stderr}\n${stdout}`.split("\n").filter((line) => /^\s*(error|failed)\b/i.test(line));
		if (code !== 0 || errors.length > 0)
			throw new SearchIndexError(errors.length > 0 ? errors : [`pagefind exited with ${code}: ${stderr.trim()}`]);
		const indexed = /Indexed (\d+) pages?/.exec(stdout);
		if (!indexed) throw new SearchIndexError([`pagefind did not say how many pages it indexed: ${stdout.trim().split("\n").at(-1)}`]);
		count = Number(indexed[1]);
		// Before the new index is swapped in: an index that lacks an article is not published.
		if (options.expected !== undefined && count !== options.expected) {
			throw new SearchIndexError([`${count} article pages found in the output, but the digest has ${options.expected}`]);
		}
	});
	return count;
}

function run(command: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
		let stdout = "";
		let stderr = "";
		child.stdout.on("data", (chunk) => {
			stdout += chunk;
		});
		child.stderr.on("data", (chunk) => {
			stderr += chunk;
		});
		child.on("error", reject);
		child.on("close", (code) => resolve({ code, stdout, stderr }));
	});
}

/**
 * Indexes `pages` held in memory into `<outputDir>/pagefind/` (or `folder`), in the order given; returns
 * how many. No pages give an index without a language, which readers of the index take as empty.
 */
export async function writeSearchIndex(outputDir: string, pages: IndexedPage[], options: SearchIndexOptions = {}): Promise<number> {
	return withIndex(outputDir, options, async (index) => {
		for (const page of pages) {
			const added = await index.addHTMLFile({ url: page.url, content: page.content });
			if (added.errors.length > 0) throw new SearchIndexError(added.errors.map((error) => `${page.url}: ${error}`));
		}
		return pages.length;
	});
}

/** Indexes open in this process: Pagefind's service is shared, and closing it ends every one of them. */
let open = 0;

async function withIndex(
	outputDir: string,
	options: SearchIndexOptions,
	fill: (index: pagefind.PagefindIndex) => Promise<number>,
): Promise<number> {
	const { language, folder } = { ...searchIndexDefaults, ...options };
	open++;
	let index: pagefind.PagefindIndex | undefined;
	try {
		const created = await pagefind.createIndex({ forceLanguage: language });
		if (created.errors.length > 0 || !created.index) throw new SearchIndexError(created.errors);
		index = created.index;
		const count = await fill(index);
		const { writeFiles } = index;
		await publishSearchIndex(path.join(outputDir, folder), async (staging) => {
			const written = await writeFiles({ outputPath: staging });
			if (written.errors.length > 0) throw new SearchIndexError(written.errors);
		});
		return count;
	} finally {
		// The service keeps an index until told otherwise; other indexes of this process may outlive this one.
		await index?.deleteIndex().catch(() => null);
		open--;
		if (open === 0) await pagefind.close();
	}
}
