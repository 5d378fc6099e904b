/**
 * Eleventy finds the page templates in layouts/pages/ and takes their modules from
 * layouts/page-templates.ts (src/eleventy/layouts.ts): the two lists must be the same, and a template the
 * list lacks stops the build with its name. Nothing else is a template: no Markdown, HTML, Liquid or
 * Nunjucks file goes through a template language.
 */
import { readdir } from "node:fs/promises";
import Eleventy from "@11ty/eleventy";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { pageTemplates } from "../../layouts/page-templates.ts";
import { pageTemplateOf } from "../../src/eleventy/layouts.ts";
import { pagesDir } from "../../src/paths.ts";
import { createSession, useSession } from "../../src/eleventy/options.ts";
import siteConfig from "../../eleventy.config.ts";
import { tempDir } from "../support/fixtures.ts";

test("every page template in layouts/pages/ is listed, and nothing else", async () => {
	const files = (await readdir(pagesDir)).filter((name) => name.endsWith(".11ty.tsx")).sort();
	assert.equal(Object.keys(pageTemplates).sort(), files);
	for (const file of files) assert.type(pageTemplateOf(path.join(pagesDir, file)).render, "function", file);
});

test("a template the list lacks is named in the error", () => {
	assert.throws(
		() => pageTemplateOf(path.join(pagesDir, "new-page.11ty.tsx")),
		/new-page\.11ty\.tsx: a page template that layouts\/page-templates\.ts does not list/,
	);
});

test("Eleventy, configured as a build configures it, takes .11ty.tsx page templates and no other format", async () => {
	const eleventy = new Eleventy(pagesDir, await tempDir("formats-"), {
		configPath: "",
		quietMode: true,
		// biome-ignore lint/suspicious/noExplicitAny: Eleventy's config object is untyped.
		config: (eleventyConfig: any) => {
			useSession(eleventyConfig, createSession({}));
			siteConfig(eleventyConfig);
		},
	});
	await eleventy.init();
	// biome-ignore lint/suspicious/noExplicitAny: Eleventy's resolved configuration is untyped.
	assert.equal((eleventy as any).eleventyConfig.getConfig().templateFormats, ["11ty.tsx"]);
});

test.run();
