/** Below an article: articles on the same topics (rarer shared topics first) and the previous/next article in time. */
import type { ArticleNeighbours, SiteModel } from "../../src/collections.ts";
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
				{older ? (
					<li class="sequence-previous">
						<span class="sequence-label">Previous article</span>
						<a href={href(model, older.url)} rel="prev">
							{older.title}
						</a>{" "}
						<time class="meta" datetime={older.date}>
							{readableDate(older.date)}
						</time>
					</li>
				) : null}
				{newer ? (
					<li class="sequence-next">
						<span class="sequence-label">Next article</span>
						<a href={href(model, newer.url)} rel="next">
							{newer.title}
						</a>{" "}
						<time class="meta" datetime={newer.date}>
							{readableDate(newer.date)}
						</time>
					</li>
				) : null}
			</ul>
		</nav>
	);
}
