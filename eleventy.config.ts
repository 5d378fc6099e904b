/**
 * Eleventy's configuration: one plugin per concern, each in `src/eleventy/`. The build session (articles
 * folder, path prefix, site URL, drafts…) comes from the script that started Eleventy; see `options.ts`.
 * That script applies this configuration in its own `config` callback (src/commands/build.ts,
 * src/eleventy/dev-host.ts) rather than have Eleventy import this file, so that a build compiled ahead
 * runs without a TypeScript loader (scripts/compiled.mjs).
 */
import { assetsPlugin } from "./src/eleventy/assets.ts";
import { contentPlugin } from "./src/eleventy/content.ts";
import { githubPagesPlugin } from "./src/eleventy/github-pages.ts";
import { layoutsPlugin } from "./src/eleventy/layouts.ts";
import { markdownPlugin } from "./src/eleventy/markdown.ts";
import { mediaPlugin } from "./src/eleventy/media.ts";
import { searchPlugin } from "./src/eleventy/search.ts";
import { pagesDir } from "./src/paths.ts";

// biome-ignore lint/suspicious/noExplicitAny: Eleventy's config object is untyped.
export default function (eleventyConfig: any) {
	eleventyConfig.addPlugin(markdownPlugin);
	eleventyConfig.addPlugin(layoutsPlugin);
	eleventyConfig.addPlugin(contentPlugin);
	eleventyConfig.addPlugin(assetsPlugin);
	eleventyConfig.addPlugin(mediaPlugin);
	eleventyConfig.addPlugin(githubPagesPlugin);
	// Last, and the plugins' handlers one after another: once the search step starts, everything but what it
	// writes is in place, and a build lists it while the index is being written (src/commands/build.ts).
	eleventyConfig.addPlugin(searchPlugin);
	eleventyConfig.setEventEmitterMode("sequential");
	eleventyConfig.setQuietMode(true);
	// The output folder is left to the caller (Eleventy's default is `_site`): builds write to a staging folder.
	// Page templates only (`.11ty.tsx`, added by the layouts plugin): no Markdown, HTML, Liquid or Nunjucks
	// file is ever a template, so an editor's Markdown never goes through a template language (articles
	// are read by src/content/, not by Eleventy). The path prefix is given to Eleventy with the session.
	eleventyConfig.setTemplateFormats([]);
	eleventyConfig.setInputDirectory(pagesDir);
}
