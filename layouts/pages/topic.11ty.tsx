/** Every page of every topic (`/topics/<slug>/`, `/topics/<slug>/page/N/`), over slices precomputed in the site model. */
import { type TopicPage, topicFeedUrl } from "../../src/collections.ts";
import type { TemplateData } from "../../src/eleventy/data.ts";
import { onePagePer } from "../../src/eleventy/paginate.ts";
import { href } from "../components/links.ts";
import { Page } from "../components/Page.tsx";
import { TopicView } from "../components/TopicView.tsx";

type Data = TemplateData & { topicPage: TopicPage };

export const data = onePagePer("pages.topicPages", "topicPage", (topicPage: TopicPage) => `${topicPage.url}index.html`);

export function render({ digest, topicPage }: Data) {
	const topic = digest.topicsBySlug[topicPage.slug];
	const title =
		topicPage.pageNumber > 1 ? `${topic?.title ?? topicPage.slug}, page ${topicPage.pageNumber}` : (topic?.title ?? topicPage.slug);
	const feed = (
		<link
			rel="alternate"
			type="application/atom+xml"
			title={`${topic?.title ?? topicPage.slug} (Atom)`}
			href={href(digest, topicFeedUrl(topicPage.slug))}
		/>
	);
	return (
		<Page model={digest} title={title} description={topic?.description} path={topicPage.url} head={feed}>
			<TopicView model={digest} page={topicPage} />
		</Page>
	);
}
