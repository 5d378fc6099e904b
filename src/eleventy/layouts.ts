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
 * `html` made one flat string in V8 (reading it as a number does so, in place). preact-render-to-string
 * builds a page by concatenation, a tree of hundreds of pieces, and Eleventy holds every page of a run
 * until it writes them all: each young-generation collection copied those trees to keep them. Flat, a page
 * is one string to copy and its pieces die young: 10,000 news items' scavenges 1.9 -> 1.35-1.5 s, the build
 * 0.4 s sooner (docs/performance.md). The string is the same either way.
 */
function flat(html: string): string {
	Number(html);
	return html;
}

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
				if (typeof output === "string") return flat(output);
				return flat(`<!doctype html>\n${renderToString(output)}`);
			};
		},
	});
	eleventyConfig.addTemplateFormats("11ty.tsx");
}
