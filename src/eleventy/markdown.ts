/** Eleventy renders Markdown with the project's one markdown-it configuration. */
import { createMarkdown } from "../content/markdown.ts";
import { sessionOf } from "./options.ts";

// biome-ignore lint/suspicious/noExplicitAny: Eleventy's config object is untyped.
export function markdownPlugin(eleventyConfig: any): void {
	eleventyConfig.setLibrary("md", createMarkdown({ allowHtml: sessionOf(eleventyConfig)().allowHtml }));
}
