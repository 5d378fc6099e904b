/** Every page of every person and place (`/people/<slug>/`, `/places/<slug>/page/N/`), as topic pages are made. */
import { facetFeedUrl, facetTitle } from "../../src/collections.ts";
import type { TemplateData } from "../../src/eleventy/data.ts";
import { onePagePer } from "../../src/eleventy/paginate.ts";
import type { FacetPage } from "../../src/incremental.ts";
import { href } from "../components/links.ts";
import { Page } from "../components/Page.tsx";
import { FacetView } from "../components/TopicView.tsx";

type Data = TemplateData & { facetPage: FacetPage };

export const data = onePagePer("pages.facetPages", "facetPage", (facetPage: FacetPage) => `${facetPage.page.url}index.html`);

export function render({ digest, facetPage }: Data) {
	const { kind, page } = facetPage;
	const name = facetTitle(digest, kind, page.slug);
	const title = page.pageNumber > 1 ? `${name}, page ${page.pageNumber}` : name;
	const feed = (
		<link rel="alternate" type="application/atom+xml" title={`${name} (Atom)`} href={href(digest, facetFeedUrl(kind, page.slug))} />
	);
	return (
		<Page model={digest} title={title} description={digest.facets[kind].bySlug[page.slug]?.description} path={page.url} head={feed}>
			<FacetView model={digest} kind={kind} page={page} />
		</Page>
	);
}
