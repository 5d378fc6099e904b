/**
 * Eleventy's configuration: one plugin per concern, each in `src/eleventy/`. The build session (articles
 * folder, path prefix, site URL, drafts…) comes from the script that started Eleventy; see `options.ts`.
 */
import { assetsPlugin } from "./src/eleventy/assets.ts";
import { contentPlugin } from "./src/eleventy/content.ts";
import { githubPagesPlugin } from "./src/eleventy/github-pages.ts";
import { layoutsPlugin } from "./src/eleventy/layouts.ts";
import { markdownPlugin } from "./src/eleventy/markdown.ts";
import { mediaPlugin } from "./src/eleventy/media.ts";
import { sessionOf } from "./src/eleventy/options.ts";
import { searchPlugin } from "./src/eleventy/search.ts";
import { pagesDir } from "./src/paths.ts";

// biome-ignore lint/suspicious/noExplicitAny: Eleventy's config object is untyped.
export default function (eleventyConfig: any) {
	eleventyConfig.addPlugin(markdownPlugin);
	eleventyConfig.addPlugin(layoutsPlugin);
	eleventyConfig.addPlugin(contentPlugin);
	eleventyConfig.addPlugin(assetsPlugin);
	eleventyConfig.addPlugin(mediaPlugin);
	eleventyConfig.addPlugin(searchPlugin);
	eleventyConfig.addPlugin(githubPagesPlugin);
	eleventyConfig.setQuietMode(true);
	// The output folder is left to the caller (Eleventy's default is `_site`): builds write to a staging folder.
	eleventyConfig.setInputDirectory(pagesDir);
	return {
		pathPrefix: sessionOf(eleventyConfig)().pathPrefix,
		// Markdown is Markdown only: no Liquid or Nunjucks pass over what an editor wrote.
		markdownTemplateEngine: false,
		htmlTemplateEngine: false,
	};
}
