/** `/topics/` (by name) and `/topics/by-size/`: two static orderings of every topic. */
import type { PaginatedData } from "../../src/eleventy/data.ts";
import { Page } from "../components/Page.tsx";
import { type TopicOrder, TopicsIndexView, topicIndexPages } from "../components/TopicsIndexView.tsx";

type Data = PaginatedData<unknown> & { ordering: { order: TopicOrder; path: string } };

export const data = {
	pagination: { data: "orderings", size: 1, alias: "ordering", addAllPagesToCollections: false },
	orderings: topicIndexPages,
	permalink: (data: Data) => `${data.ordering.path}index.html`,
	eleventyExcludeFromCollections: true,
};

export function render({ digest, ordering }: Data) {
	return (
		<Page
			model={digest}
			title={ordering.order === "name" ? "Topics" : "Topics by size"}
			description={`Every topic in ${digest.site.title}.`}
			path={ordering.path}
		>
			<TopicsIndexView model={digest} order={ordering.order} />
		</Page>
	);
}
