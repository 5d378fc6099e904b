/**
 * Eleventy finds the page templates in layouts/pages/ and takes their modules from
 * layouts/page-templates.ts (src/eleventy/layouts.ts): the two lists must be the same, and a template the
 * list lacks stops the build with its name.
 */
import { readdir } from "node:fs/promises";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { pageTemplates } from "../../layouts/page-templates.ts";
import { pageTemplateOf } from "../../src/eleventy/layouts.ts";
import { pagesDir } from "../../src/paths.ts";

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

test.run();
