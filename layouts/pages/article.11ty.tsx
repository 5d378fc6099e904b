/** One page per article, rendered from the loaded articles through one paginated template (a single
 * template costs far less per page in Eleventy than one Markdown template per article). */
import type { Article } from "../../src/content/load.ts";
import type { TemplateData } from "../../src/eleventy/data.ts";
import { onePagePer } from "../../src/eleventy/paginate.ts";
import { ArticleHead } from "../components/ArticleMeta.tsx";
import { ArticleView } from "../components/ArticleView.tsx";
import { Page } from "../components/Page.tsx";

type Data = TemplateData & { article: Article };

export const data = onePagePer("pages.articles", "article", (article: Article) => `${article.url}index.html`);

export function render({ digest, article }: Data) {
	// The description meta is the article head's, where it is also the search summary.
	return (
		<Page
			model={digest}
			title={article.title}
			path={article.url}
			lang={article.lang}
			head={<ArticleHead model={digest} article={article} />}
		>
			<ArticleView model={digest} article={article} />
		</Page>
	);
}
