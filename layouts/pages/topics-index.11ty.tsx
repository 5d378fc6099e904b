/** `/topics/`, `/people/`, `/places/` (by name) and their `by-size/`: two static orderings of each kind. */
import { sharedViews } from "../../src/model/views.ts";
import type { PaginatedData } from "../../src/eleventy/data.ts";
import { onePagePer } from "../../src/eleventy/paginate.ts";
import { Page } from "../components/Page.tsx";
import { t } from "../i18n.ts";
import { entryNoun, type IndexPage, TopicsIndexView, topicIndexPages } from "../components/TopicsIndexView.tsx";

type Data = PaginatedData<unknown> & { ordering: IndexPage };

export const data = {
	...onePagePer("orderings", "ordering", (ordering: { path: string }) => `${ordering.path}index.html`),
	orderings: topicIndexPages,
};

export function render({ digest, ordering }: Data) {
	const shell = sharedViews(digest).shell;
	const what = t(shell.language, ordering.kind);
	return (
		<Page
			shell={shell}
			title={ordering.order === "name" ? what : t(shell.language, "kindBySize", { what })}
			description={t(shell.language, "indexDescription", { noun: entryNoun[ordering.kind], what, site: digest.site.title })}
			path={ordering.path}
		>
			<TopicsIndexView model={digest} order={ordering.order} kind={ordering.kind} />
		</Page>
	);
}
