/**
 * Page templates are `.11ty.tsx` modules whose `render` returns a Preact element; this renders it to
 * HTML. preact-render-to-string escapes every text and attribute, so a layout cannot emit unescaped data.
 */
import { renderToString } from "preact-render-to-string";
import type { VNode } from "preact";

// biome-ignore lint/suspicious/noExplicitAny: Eleventy's config object is untyped.
export function layoutsPlugin(eleventyConfig: any): void {
	eleventyConfig.addExtension(["11ty.tsx"], {
		key: "11ty.js",
		compile() {
			return async function (this: { defaultRenderer(data: unknown): Promise<VNode | string> }, data: unknown) {
				const output = await this.defaultRenderer(data);
				// Non-HTML templates (feeds, robots.txt) return strings they built with their own serialisers.
				if (typeof output === "string") return output;
				return `<!doctype html>\n${renderToString(output)}`;
			};
		},
	});
	eleventyConfig.addTemplateFormats("11ty.tsx");
}
