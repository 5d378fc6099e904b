/** Below an article: articles on the same topics (rarer shared topics first) and the previous/next article in time. */
import type { ArticleNeighbours, SiteModel } from "../../src/collections.ts";
import type { Article } from "../../src/content/load.ts";
import { ArticleList } from "./ArticleList.tsx";
import { t, usePageLanguage } from "../i18n.ts";
import { href } from "./links.ts";

export function RelatedArticles({ model, neighbours }: { model: SiteModel; neighbours: ArticleNeighbours }) {
	const lang = usePageLanguage();
	if (neighbours.related.length === 0) return null;
	return (
		<section class="related-articles" aria-labelledby="related-heading">
			<h2 id="related-heading">{t(lang, "relatedArticles")}</h2>
			<ArticleList model={model} articles={neighbours.related} level={3} compact />
		</section>
	);
}

export function ArticleSequence({ model, neighbours }: { model: SiteModel; neighbours: ArticleNeighbours }) {
	const lang = usePageLanguage();
	const { older, newer } = neighbours;
	if (!older && !newer) return null;
	return (
		<nav class="article-sequence" aria-label={t(lang, "previousAndNext")}>
			{older ? <SequenceItem model={model} article={older} rel="prev" /> : null}
			{newer ? <SequenceItem model={model} article={newer} rel="next" /> : null}
		</nav>
	);
}

/** The label and title as one link (the label part of its name), no list or date: it is on every article page. */
function SequenceItem({ model, article, rel }: { model: SiteModel; article: Article; rel: "prev" | "next" }) {
	const lang = usePageLanguage();
	return (
		<a class={rel === "prev" ? "sequence-previous" : "sequence-next"} href={href(model, article.url)} rel={rel}>
			<span class="sequence-label">{t(lang, rel === "prev" ? "previousArticle" : "nextArticle")}</span>
			{article.title}
		</a>
	);
}
