/**
 * Page templates are `.11ty.tsx` modules whose `render` returns a Preact element; this renders it to
 * HTML. preact-render-to-string escapes every text and attribute, so a layout cannot emit unescaped data.
 */
import { renderToString } from "preact-render-to-string";
import type { VNode } from "preact";
import { renderedPageSink } from "./search.ts";

// biome-ignore lint/suspicious/noExplicitAny: Eleventy's config object is untyped.
export function layoutsPlugin(eleventyConfig: any): void {
	const sink = renderedPageSink(eleventyConfig);
	let rendered = 0;
	eleventyConfig.addExtension(["11ty.tsx"], {
		key: "11ty.js",
		compile() {
			return async function (this: { defaultRenderer(data: unknown): Promise<VNode | string> }, data: { page?: { url?: unknown } }) {
				const output = await this.defaultRenderer(data);
				// Non-HTML templates (feeds, robots.txt) return strings they built with their own serialisers.
				if (typeof output === "string") return output;
				const html = `<!doctype html>\n${renderToString(output)}`;
				// Eleventy 3 renders every page before it writes any: handed over now, the page is indexed by
				// Pagefind (its own process) while the rest render.
				if (typeof data.page?.url === "string") sink({ url: data.page.url, content: html });
				// Rendering runs on promises alone; a turn of the event loop now and then lets Pagefind's
				// answers in and the next pages out to it.
				if (++rendered % 16 === 0) await new Promise((resolve) => setImmediate(resolve));
				return html;
			};
		},
	});
	eleventyConfig.addTemplateFormats("11ty.tsx");
}
