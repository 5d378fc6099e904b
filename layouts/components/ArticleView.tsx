/** An article's page content: title, meta, topics, people and places, and the body. */
import type { SiteModel } from "../../src/collections.ts";
import type { Article } from "../../src/content/load.ts";
import { TopicLinks } from "./ArticleList.tsx";
import { Breadcrumbs, timelineTrail } from "./Breadcrumbs.tsx";
import { plural, readableDate, teaser } from "./format.ts";
import { ArticleSequence, RelatedArticles } from "./RelatedArticles.tsx";

export interface ArticleViewProps {
	model: SiteModel;
	article: Article;
}

export function ArticleView({ model, article }: ArticleViewProps) {
	const neighbours = model.neighbours[article.url] ?? { related: [] };
	return (
		<>
			<Breadcrumbs model={model} trail={timelineTrail(article, article.title)} />
			<article class="article" data-pagefind-body="">
				<header class="article-header">
					<h1 data-pagefind-meta="title">{article.title}</h1>
					{/* Date, source and topics are filters and meta; left out of the text so excerpts start in the article. */}
					<p class="meta" data-pagefind-ignore="">
						<time
							datetime={article.date}
							data-pagefind-sort={`date:${article.day}`}
							data-pagefind-meta={`date:${article.day}`}
							data-pagefind-filter={`year:${article.year}`}
						>
							{readableDate(article.date)}
						</time>
						{article.source ? (
							<>
								{" · "}
								<span class="source" data-pagefind-filter="source" data-pagefind-meta="source">
									{article.source.url ? <a href={article.source.url}>{article.source.name}</a> : article.source.name}
								</span>
							</>
						) : null}
						{article.authors.length > 0 ? <span class="authors"> · By {article.authors.join(", ")}</span> : null}
						<span class="reading-time"> · {plural(article.readingMinutes, "min", "min")} read</span>
					</p>
					{article.updated ? (
						<p class="meta updated">
							Updated <time datetime={article.updated}>{readableDate(article.updated)}</time>
						</p>
					) : null}
					<div data-pagefind-ignore="">
						<TopicLinks model={model} slugs={article.topics} filter />
					</div>
					<p class="visually-hidden" data-pagefind-meta="summary" data-pagefind-ignore="">
						{teaser(article.summary)}
					</p>
				</header>
				<div class="article-body" dangerouslySetInnerHTML={{ __html: article.html }} />
				{article.people.length + article.places.length > 0 ? (
					<footer class="article-facets" data-pagefind-ignore="">
						<FacetList label="People" filter="people" names={article.people} />
						<FacetList label="Places" filter="places" names={article.places} />
					</footer>
				) : null}
			</article>
			{/* Outside the article element, so search indexes only the article itself. */}
			<RelatedArticles model={model} neighbours={neighbours} />
			<ArticleSequence model={model} neighbours={neighbours} />
		</>
	);
}

function FacetList({ label, filter, names }: { label: string; filter: string; names: string[] }) {
	if (names.length === 0) return null;
	return (
		<div class="facet">
			<h2 class="facet-label">{label}</h2>
			<ul>
				{names.map((name) => (
					<li key={name} data-pagefind-filter={filter}>
						{name}
					</li>
				))}
			</ul>
		</div>
	);
}
