/** Below an article: articles on the same topics (rarer shared topics first) and the previous/next article in time. */
import type { ArticleNeighbours, SiteModel } from "../../src/collections.ts";
import type { Article } from "../../src/content/load.ts";
import { ArticleList } from "./ArticleList.tsx";
import { readableDate } from "./format.ts";
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
			<ul>
				{older ? <SequenceItem model={model} article={older} rel="prev" /> : null}
				{newer ? <SequenceItem model={model} article={newer} rel="next" /> : null}
			</ul>
		</nav>
	);
}

function SequenceItem({ model, article, rel }: { model: SiteModel; article: Article; rel: "prev" | "next" }) {
	return (
		<li class={rel === "prev" ? "sequence-previous" : "sequence-next"}>
			<span class="sequence-label">{rel === "prev" ? "Previous article" : "Next article"}</span>
			<a href={href(model, article.url)} rel={rel}>
				{article.title}
			</a>{" "}
			<time class="meta" datetime={article.date}>
				{readableDate(article.date)}
			</time>
		</li>
	);
}
