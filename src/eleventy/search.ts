/**
 * After Eleventy writes the pages, everything search needs is written from the pages it rendered, still
 * in memory: the Pagefind index (article pages only, the search contract in DESIGN.md), its `file://`
 * form, and the service worker with the build's content hash.
 */
import path from "node:path";
import { type FileBundleReport, writeFileBundle } from "../search/file-bundle.ts";
import { type IndexedPage, writeSearchIndex } from "../search/indexer.ts";
import { type OfflineReport, writeOfflineFiles } from "../search/offline.ts";
import { StreamingSearchIndex } from "../search/streaming-index.ts";
import { type BuildOptions, buildOptionsFor } from "./options.ts";

export const articleUrlPattern = /^\/articles\/\d{4}\/\d{2}\/[^/]+\/$/;

export interface RenderedResult {
	url: string | false;
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
 * `outputDir`, from every page of the build (`results`: what Eleventy rendered, all of it, not only the
 * pages that changed). The one entry point for anything that rebuilds the site, the dev server included.
 */
export async function writeSiteSearch(
	outputDir: string,
	results: RenderedResult[],
	options: Pick<BuildOptions, "pathPrefix" | "fileSearch" | "fileSearchMaxBytes"> & {
		language?: string;
		/** An index already fed the article pages as they were rendered: it is finished instead of built here. */
		index?: StreamingSearchIndex;
	},
): Promise<SiteSearchReport> {
	const rendered = results.filter((result): result is RenderedResult & { url: string } => typeof result.url === "string");
	const indexed = options.index
		? await options.index.finish(outputDir)
		: await writeSearchIndex(
				outputDir,
				rendered
					.filter((result) => articleUrlPattern.test(result.url))
					.map((result) => ({ url: result.url, content: result.content }))
					// Eleventy finishes pages in no fixed order; a sorted input keeps the index byte-for-byte stable.
					.sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0)),
				options.language ? { language: options.language } : {},
			);
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

const sinks = new WeakMap<object, (page: IndexedPage) => void>();

/**
 * Where the layouts plugin hands each page as soon as it is rendered, for the search index of the build
 * `eleventyConfig` configures (a no-op without the search plugin).
 */
// biome-ignore lint/suspicious/noExplicitAny: Eleventy's config object is untyped.
export const renderedPageSink = (eleventyConfig: any) => (page: IndexedPage) => sinks.get(eleventyConfig)?.(page);

// biome-ignore lint/suspicious/noExplicitAny: Eleventy's config object is untyped.
export function searchPlugin(eleventyConfig: any): void {
	const options = buildOptionsFor(eleventyConfig);
	// Article pages go to Pagefind as they are rendered (layouts.ts), in the digest's order (see streaming-index.ts).
	let streaming: StreamingSearchIndex | undefined;
	eleventyConfig.on("eleventy.before", async () => {
		// A build that failed half-way never reached eleventy.after.
		await streaming?.abandon();
		const digest = options.digest;
		streaming = digest
			? new StreamingSearchIndex(
					digest.articles.map((article) => article.url),
					{ language: digest.site.language },
				)
			: undefined;
	});
	sinks.set(eleventyConfig, (page) => {
		if (streaming && articleUrlPattern.test(page.url)) streaming.offer(page);
	});
	eleventyConfig.on("eleventy.after", async ({ directories, results }: { directories: { output: string }; results: RenderedResult[] }) => {
		const index = streaming;
		streaming = undefined;
		await writeSiteSearch(path.resolve(directories.output), results, { ...options, language: options.digest?.site.language, index });
	});
}
