/** One small page per old URL of an article (see RedirectPage); never in the sitemap, the feeds or search. */
import type { Redirect } from "../../src/collections.ts";
import { outputFileOf } from "../../src/content/urls.ts";
import type { TemplateData } from "../../src/eleventy/data.ts";
import { onePagePer } from "../../src/eleventy/paginate.ts";
import { RedirectPage } from "../components/RedirectPage.tsx";

type Data = TemplateData & { redirect: Redirect };

export const data = onePagePer("digest.redirects", "redirect", (redirect: Redirect) => `/${outputFileOf(redirect.from)}`);

export function render({ digest, redirect }: Data) {
	return <RedirectPage model={digest} redirect={redirect} />;
}
