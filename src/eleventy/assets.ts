/** Stylesheets, scripts and icons are copied as they are to `/assets/`. */
import { assetsDir } from "../paths.ts";
// biome-ignore lint/suspicious/noExplicitAny: Eleventy's config object is untyped.
export function assetsPlugin(eleventyConfig: any): void {
	eleventyConfig.addPassthroughCopy({ [assetsDir]: "assets" });
}
