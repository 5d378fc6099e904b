/**
 * After Eleventy writes the pages, the article pages it rendered are indexed for search straight from
 * memory. Only article pages are indexed (the search contract in DESIGN.md).
 */
import path from "node:path";
import { writeSearchIndex } from "../search/indexer.ts";

export const articleUrlPattern = /^\/articles\/\d{4}\/\d{2}\/[^/]+\/$/;

interface EleventyResult {
	url: string | false;
	content: string;
}

// biome-ignore lint/suspicious/noExplicitAny: Eleventy's config object is untyped.
export function searchPlugin(eleventyConfig: any): void {
	eleventyConfig.on("eleventy.after", async ({ directories, results }: { directories: { output: string }; results: EleventyResult[] }) => {
		const pages = results
			.filter((result): result is EleventyResult & { url: string } => typeof result.url === "string" && articleUrlPattern.test(result.url))
			.map((result) => ({ url: result.url, content: result.content }))
			// Eleventy finishes pages in no fixed order; a sorted input keeps the index byte-for-byte stable.
			.sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
		await writeSearchIndex(path.resolve(directories.output), pages);
	});
}
