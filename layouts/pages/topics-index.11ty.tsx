/** `/topics/` (by name) and `/topics/by-size/`: two static orderings of every topic. */
import type { PaginatedData } from "../../src/eleventy/data.ts";
import { onePagePer } from "../../src/eleventy/paginate.ts";
import { Page } from "../components/Page.tsx";
import { type TopicOrder, TopicsIndexView, topicIndexPages } from "../components/TopicsIndexView.tsx";

type Data = PaginatedData<unknown> & { ordering: { order: TopicOrder; path: string } };

export const data = {
	...onePagePer("orderings", "ordering", (ordering: { path: string }) => `${ordering.path}index.html`),
	orderings: topicIndexPages,
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
