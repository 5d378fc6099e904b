/** One page per article, rendered from the loaded articles through one paginated template (a single
 * template costs far less per page in Eleventy than one Markdown template per article). */
import type { TemplateData } from "../../src/eleventy/data.ts";
import { pageKindData, viewOf } from "../../src/model/page-kinds.ts";
import { ArticleHead } from "../components/ArticleMeta.tsx";
import { ArticleView } from "../components/ArticleView.tsx";
import { Page } from "../components/Page.tsx";

export const data = pageKindData("articles");

export function render(data: TemplateData & { item: unknown }) {
	const view = viewOf("articles", data);
	// The description meta is the article head's, where it is also the search summary.
	return (
		<Page
			shell={view.shell}
			title={view.article.title}
			path={view.article.url}
			lang={view.article.lang}
			head={<ArticleHead view={view} />}
			marksNew={false}
		>
			<ArticleView view={view} />
		</Page>
	);
}
