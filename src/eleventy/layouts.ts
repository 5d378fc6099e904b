/**
 * Page templates are `.11ty.tsx` modules whose `render` returns a Preact element; this renders it to
 * HTML. preact-render-to-string escapes every text and attribute, so a layout cannot emit unescaped data.
 *
 * Eleventy finds the templates in the input folder; their modules come from layouts/page-templates.ts,
 * imported with this code, not imported again by Eleventy at run time (a build compiled ahead runs
 * without a TypeScript loader, see scripts/compiled.mjs).
 */
import path from "node:path";
import { renderToString } from "preact-render-to-string";
import type { VNode } from "preact";
import { type PageTemplate, pageTemplates } from "../../layouts/page-templates.ts";

/** The module of the page template at `inputPath`. */
export function pageTemplateOf(inputPath: string): PageTemplate {
	const template = pageTemplates[path.basename(inputPath)];
	if (!template) throw new Error(`${inputPath}: a page template that layouts/page-templates.ts does not list`);
	return template;
}

/**
 * A page's bytes as Eleventy writes them. Eleventy renders every page of a run before it writes any, so
 * each page's HTML outlives a few of V8's young-generation collections, which copied it from space to
 * space and then into the old generation. A Buffer keeps the bytes outside V8's heap: 10,000 news items
 * promote 535 MB instead of 695 MB, and Node's peak is ~50 MB lower (docs/performance.md). Eleventy writes
 * a Buffer as it is; its bytes are the string's in UTF-8, as the file's would be.
 */
const pageBytes = (text: string): Buffer => Buffer.from(text, "utf8");

// biome-ignore lint/suspicious/noExplicitAny: Eleventy's config object is untyped.
export function layoutsPlugin(eleventyConfig: any): void {
	eleventyConfig.addExtension(["11ty.tsx"], {
		key: "11ty.js",
		// Nothing of the file is read or imported as its content: `compile` renders from the module.
		read: false,
		useJavaScriptImport: false,
		// Each template's `data` export, as Eleventy reads an 11ty.js template's.
		getData: true,
		getInstanceFromInputPath: async (inputPath: string) => pageTemplateOf(inputPath),
		compile(_content: string, inputPath: string) {
			const { render } = pageTemplateOf(inputPath);
			return async (data: unknown) => {
				const output = (await render(data as never)) as VNode | string;
				// Non-HTML templates (feeds, robots.txt) return strings they built with their own serialisers.
				if (typeof output === "string") return pageBytes(output);
				return pageBytes(`<!doctype html>\n${renderToString(output)}`);
			};
		},
	});
	eleventyConfig.addTemplateFormats("11ty.tsx");
}
