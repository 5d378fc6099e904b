/**
 * Files GitHub Pages reads from the output: `.nojekyll`, so Pages serves the folder as it is (Jekyll would
 * drop files and folders whose names start with `_` or `.`), and `CNAME` when the digest has a custom domain.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { findCustomDomain } from "../github-pages.ts";
import { buildOptionsFor } from "./options.ts";

// biome-ignore lint/suspicious/noExplicitAny: Eleventy's config object is untyped.
export function githubPagesPlugin(eleventyConfig: any): void {
	const options = buildOptionsFor(eleventyConfig);
	eleventyConfig.on("eleventy.after", async ({ directories }: { directories: { output: string } }) => {
		const output = path.resolve(directories.output);
		await writeFile(path.join(output, ".nojekyll"), "");
		const custom = await findCustomDomain(options.articlesDir);
		if (custom) await writeFile(path.join(output, "CNAME"), `${custom.domain}\n`);
	});
}
