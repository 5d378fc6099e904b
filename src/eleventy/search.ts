/**
 * After Eleventy writes the pages, everything search needs is written: the Pagefind index (article
 * pages only, the search contract in DESIGN.md, read back from the output folder), its `file://` form,
 * and the service worker with the build's content hash (from the rendered pages, still in memory).
 */
import path from "node:path";
import { type FileBundleReport, writeFileBundle } from "../search/file-bundle.ts";
import { indexSite } from "../search/indexer.ts";
import { type OfflineReport, writeOfflineFiles } from "../search/offline.ts";
import { type BuildOptions, buildOptionsFor } from "./options.ts";

export const articleUrlPattern = /^\/articles\/\d{4}\/\d{2}\/[^/]+\/$/;

/** One page of Eleventy's build results. */
export interface RenderedResult {
	url: string | false;
	outputPath?: string | false;
	content: string;
}

export interface SiteSearchReport {
	/** Article pages in the index. */
	indexed: number;
	fileBundle: FileBundleReport | undefined;
	offline: OfflineReport;
}

/**
 * Writes the search index, the `file://` bundle, `sw.js` and the search page's index version into
 * `outputDir`, once Eleventy has written every page there (`results`: what Eleventy rendered, all of it,
 * not only the pages that changed). The one entry point for anything that rebuilds the site, the dev
 * server included.
 */
export async function writeSiteSearch(
	outputDir: string,
	results: RenderedResult[],
	options: Pick<BuildOptions, "pathPrefix" | "fileSearch" | "fileSearchMaxBytes"> & {
		language?: string;
		/** The digest's article count: the index must hold exactly that many pages. */
		expected?: number;
	},
): Promise<SiteSearchReport> {
	const rendered = results.filter((result): result is RenderedResult & { url: string } => typeof result.url === "string");
	const indexed = await indexSite(outputDir, {
		...(options.language ? { language: options.language } : {}),
		...(options.expected === undefined ? {} : { expected: options.expected }),
	});
	const fileBundle = options.fileSearch
		? await writeFileBundle(path.join(outputDir, "pagefind"), { maxIndexBytes: options.fileSearchMaxBytes })
		: undefined;
	if (fileBundle && !fileBundle.written) {
		console.warn(
			`warning: the search index is ${megabytes(fileBundle.indexBytes)}, over the ${megabytes(options.fileSearchMaxBytes)} limit for searching from disk (file://); a downloaded copy searches when served with \`npm run serve\`.`,
		);
	}
	const offline = await writeOfflineFiles(outputDir, { pathPrefix: options.pathPrefix, pages: rendered });
	return { indexed, fileBundle, offline };
}

const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

// biome-ignore lint/suspicious/noExplicitAny: Eleventy's config object is untyped.
export function searchPlugin(eleventyConfig: any): void {
	const options = buildOptionsFor(eleventyConfig);
	eleventyConfig.on("eleventy.after", async ({ directories, results }: { directories: { output: string }; results: RenderedResult[] }) => {
		const outputDir = path.resolve(directories.output);
		// The index reads the article pages from the output folder: whatever else tidies it goes first.
		await options.beforeSearchIndex?.(outputDir, results);
		await writeSiteSearch(outputDir, results, {
			...options,
			language: options.digest?.site.language,
			expected: options.digest?.articles.length,
		});
	});
}
