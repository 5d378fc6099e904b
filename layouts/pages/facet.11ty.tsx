/**
 * Every page of every topic, person and place (`/topics/<slug>/`, `/people/<slug>/`, `/places/<slug>/page/N/`),
 * over slices precomputed in the site model.
 */
import { facetFeedUrl } from "../../src/model/collections.ts";
import type { TemplateData } from "../../src/eleventy/data.ts";
import { pageKindData, viewOf } from "../../src/model/page-kinds.ts";
import { href } from "../components/links.ts";
import { Page } from "../components/Page.tsx";
import { FacetView } from "../components/TopicView.tsx";
import { t } from "../i18n.ts";

export const data = pageKindData("facetPages");

export function render(data: TemplateData & { item: unknown }) {
	const view = viewOf("facetPages", data);
	const { entry, pageNumber } = view;
	const title = pageNumber > 1 ? t(view.shell.language, "titleOnPage", { title: entry.title, n: pageNumber }) : entry.title;
	const feed = (
		<link
			rel="alternate"
			type="application/atom+xml"
			title={`${entry.title} (Atom)`}
			href={href(view.shell, facetFeedUrl(view.kind, entry.slug))}
		/>
	);
	return (
		<Page shell={view.shell} title={title} description={entry.description} path={view.url} head={feed}>
			<FacetView view={view} />
		</Page>
	);
}
