/** Below an article: articles on the same topics (rarer shared topics first) and the previous/next article in time. */
import type { ArticleNeighbours, SiteModel } from "../../src/collections.ts";
import type { Article } from "../../src/content/load.ts";
import { ArticleList } from "./ArticleList.tsx";
import { href } from "./links.ts";

export function RelatedArticles({ model, neighbours }: { model: SiteModel; neighbours: ArticleNeighbours }) {
	if (neighbours.related.length === 0) return null;
	return (
		<section class="related-articles" aria-labelledby="related-heading">
			<h2 id="related-heading">Related articles</h2>
			<ArticleList model={model} articles={neighbours.related} level={3} compact />
		</section>
	);
}

export function ArticleSequence({ model, neighbours }: { model: SiteModel; neighbours: ArticleNeighbours }) {
	const { older, newer } = neighbours;
	if (!older && !newer) return null;
	return (
		<nav class="article-sequence" aria-label="Previous and next article">
			{older ? <SequenceItem model={model} article={older} rel="prev" /> : null}
			{newer ? <SequenceItem model={model} article={newer} rel="next" /> : null}
		</nav>
	);
}

/** The label and title as one link (the label part of its name), no list or date: it is on every article page. */
function SequenceItem({ model, article, rel }: { model: SiteModel; article: Article; rel: "prev" | "next" }) {
	return (
		<a class={rel === "prev" ? "sequence-previous" : "sequence-next"} href={href(model, article.url)} rel={rel}>
			<span class="sequence-label">{rel === "prev" ? "Previous article" : "Next article"}</span>
			{article.title}
		</a>
	);
}
