/**
 * An article's indexed part (its page's `data-pagefind-body` element, with the filters and meta in it, and
 * the description meta that is its summary)
 * rendered from the loaded digest before the rebuild has made the site model or written the page, so that
 * the dev server can put a new article into the recent index at once. The indexed part reads, besides the
 * article, only the titles of its topics, people and places and the path prefix; those come from the new
 * digest. What it leaves out of the index (related articles, the story's other coverage) is left empty.
 * Once the page is written, the recent index is rewritten from the page itself.
 */
import { renderToString } from "preact-render-to-string";
import { SummaryMeta } from "../../layouts/components/ArticleMeta.tsx";
import { ArticleView } from "../../layouts/components/ArticleView.tsx";
import { PageLanguage } from "../../layouts/i18n.ts";
import type { FacetKind, SiteModel, TopicSummary } from "../model/collections.ts";
import type { Article, Digest } from "../content/load.ts";
import type { Topic } from "../content/topics.ts";
import { articlePageView } from "../model/views.ts";

/** Renders articles of `digest` as their pages will index, given the model of the last rebuild. */
export function searchRecords(model: SiteModel, digest: Digest): (article: Article) => string {
	const titles = { topics: summaries(digest.topics), people: summaries(digest.people), places: summaries(digest.places) };
	const facet = (kind: FacetKind) => ({ ...model.facets[kind], bySlug: titles[kind] });
	const ahead: SiteModel = {
		...model,
		facets: { topics: facet("topics"), people: facet("people"), places: facet("places") },
		neighbours: {},
		stories: {},
	};
	return (article) =>
		`<!doctype html>\n${renderToString(
			<html lang={article.lang}>
				<head>
					<SummaryMeta article={article} />
				</head>
				<body>
					<PageLanguage.Provider value={article.lang}>
						<ArticleView view={articlePageView(ahead, article)} />
					</PageLanguage.Provider>
				</body>
			</html>,
		)}`;
}

/** Only the title is read; counts and dates are the model's business. */
const summaries = (entries: ReadonlyMap<string, Topic>): Record<string, TopicSummary> =>
	Object.fromEntries([...entries].map(([slug, topic]) => [slug, { ...topic, count: 0, first: "", last: "" }]));
