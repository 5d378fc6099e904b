/** An article's page content: title, meta, topics, people and places, and the body. */
import type { ArticlePageView, LinkedArticle, Named } from "../../src/views.ts";
import { TopicLinks } from "./ArticleList.tsx";
import { Breadcrumbs, timelineTrail } from "./Breadcrumbs.tsx";
import { plural, readableDate } from "./format.ts";
import { facetUrl, href, imageHref, type LinkContext } from "./links.ts";
import { ArticleSequence, RelatedArticles } from "./RelatedArticles.tsx";

export function ArticleView({ view }: { view: ArticlePageView }) {
	const { shell: links, article } = view;
	return (
		<>
			<Breadcrumbs links={links} trail={timelineTrail(article, article.title)} />
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
					<TopicLinks links={links} topics={view.topics} filter />
					{view.people.length + view.places.length > 0 ? (
						<span hidden data-pagefind-meta="facets" data-pagefind-ignore="">
							{facetMeta(view)}
						</span>
					) : null}
				</header>
				{article.leadImage ? (
					<figure class="lead-image">
						{/* Decorative beside the headline that follows it; not lazy, as it is the first thing seen. */}
						<img src={imageHref(links, article.leadImage.url)} alt="" width={article.leadImage.width} height={article.leadImage.height} />
					</figure>
				) : null}
				<AlsoCoveredBy links={links} others={view.alsoCovered} />
				<div class="article-body" dangerouslySetInnerHTML={{ __html: article.html }} />
				{view.people.length + view.places.length > 0 ? (
					<footer class="article-facets" data-pagefind-ignore="">
						<FacetList links={links} label="People" kind="people" entries={view.people} />
						<FacetList links={links} label="Places" kind="places" entries={view.places} />
					</footer>
				) : null}
			</article>
			{/* Outside the article element, so search indexes only the article itself. */}
			<RelatedArticles links={links} related={view.related} />
			<ArticleSequence links={links} older={view.older} newer={view.newer} />
		</>
	);
}

/**
 * The people or places of the article, each linking to its page; the name is also the search filter, and
 * the search page reads the links from the `facets` meta (name and path per entry) to link them in results.
 */
function FacetList({
	links,
	label,
	kind,
	entries,
}: {
	links: LinkContext;
	label: string;
	kind: "people" | "places";
	entries: readonly Named[];
}) {
	if (entries.length === 0) return null;
	return (
		<div class="facet">
			<h2 class="facet-label">{label}</h2>
			<ul>
				{entries.map((entry) => (
					<li key={entry.slug}>
						<a href={href(links, facetUrl(kind, entry.slug))} data-pagefind-filter={kind}>
							{entry.title}
						</a>
					</li>
				))}
			</ul>
		</div>
	);
}

/** The other outlets' articles on the same event: "Also covered by AP, Reuters". */
function AlsoCoveredBy({ links, others }: { links: LinkContext; others: readonly LinkedArticle[] }) {
	if (others.length === 0) return null;
	return (
		<aside class="also-covered" aria-label="Other coverage of this story" data-pagefind-ignore="">
			<p>
				Also covered by{" "}
				{others.map((other, index) => (
					<span key={other.url}>
						{index === 0 ? "" : index === others.length - 1 ? " and " : ", "}
						<a href={href(links, other.url)} title={other.title}>
							{other.source ?? other.title}
						</a>
					</span>
				))}
			</p>
		</aside>
	);
}

/** Names and paths of the article's people and places, for search results (a Pagefind meta value is text). */
export const facetMeta = (view: Pick<ArticlePageView, "people" | "places">): string =>
	JSON.stringify(
		Object.fromEntries(
			(["people", "places"] as const).map((kind) => [kind, view[kind].map((entry) => [entry.title, facetUrl(kind, entry.slug)])]),
		),
	);
