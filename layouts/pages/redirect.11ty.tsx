/** One small page per old URL of an article (see RedirectPage); never in the sitemap, the feeds or search. */
import type { TemplateData } from "../../src/eleventy/data.ts";
import { pageKindData, viewOf } from "../../src/model/page-kinds.ts";
import { RedirectPage } from "../components/RedirectPage.tsx";

export const data = pageKindData("redirects");

export function render(data: TemplateData & { item: unknown }) {
	return <RedirectPage view={viewOf("redirects", data)} />;
}
