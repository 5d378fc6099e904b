/**
 * Files GitHub Pages reads from the output: `.nojekyll`, so Pages serves the folder as it is (Jekyll would
 * drop files and folders whose names start with `_` or `.`), and `CNAME` when the digest has a custom domain.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { type CustomDomain, findCustomDomain } from "../commands/github-pages.ts";
import { sessionOf } from "./options.ts";

// biome-ignore lint/suspicious/noExplicitAny: Eleventy's config object is untyped.
export function githubPagesPlugin(eleventyConfig: any): void {
	const session = sessionOf(eleventyConfig);
	let custom: CustomDomain | undefined;
	// A bad CNAME stops the build before anything is written, not while other steps are still writing.
	eleventyConfig.on("eleventy.before", async () => {
		custom = await findCustomDomain(session().articlesDir);
	});
	eleventyConfig.on("eleventy.after", async ({ directories }: { directories: { output: string } }) => {
		const output = path.resolve(directories.output);
		await writeFile(path.join(output, ".nojekyll"), "");
		if (custom) await writeFile(path.join(output, "CNAME"), `${custom.domain}\n`);
	});
}
