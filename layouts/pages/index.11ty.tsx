import { sharedViews } from "../../src/model/views.ts";
import type { TemplateData } from "../../src/eleventy/data.ts";
import { HomeView } from "../components/HomeView.tsx";
import { Page } from "../components/Page.tsx";

export const data = { permalink: "/index.html", eleventyExcludeFromCollections: true };

export function render({ digest }: TemplateData) {
	return (
		<Page shell={sharedViews(digest).shell} title={digest.site.title} description={digest.site.description} path="/">
			<HomeView model={digest} />
		</Page>
	);
}
