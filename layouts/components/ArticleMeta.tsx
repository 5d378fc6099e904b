/**
 * What an article page tells other sites about itself in `<head>`: OpenGraph tags for link previews and
 * schema.org `NewsArticle` JSON-LD for search engines.
 */
import { facetTitle, type SiteModel } from "../../src/collections.ts";
import type { Article } from "../../src/content/load.ts";
import { leadImageUrl, publicUrl } from "../../src/eleventy/feeds.ts";

/**
 * JSON for a `<script type="application/ld+json">` element: every `<` becomes `\u003c` (still the same
 * JSON), so no string in the data can close the script element or open a comment.
 */
export function jsonForScript(value: unknown): string {
	return JSON.stringify(value).replace(/</g, "\\u003c");
}

export function newsArticleData(model: SiteModel, article: Article): Record<string, unknown> {
	const url = publicUrl(model, article.url);
	return {
		"@context": "https://schema.org",
		"@type": "NewsArticle",
		headline: article.title,
		description: article.summary || undefined,
		datePublished: article.date,
		dateModified: article.updated ?? article.date,
		url,
		mainEntityOfPage: url,
		image: leadImageUrl(model, article),
		author: article.authors.length > 0 ? article.authors.map((name) => ({ "@type": "Person", name })) : undefined,
		publisher: article.source ? { "@type": "Organization", name: article.source.name, url: article.source.url } : undefined,
		isBasedOn: article.source?.url,
		keywords: article.topics.map((slug) => model.topicsBySlug[slug]?.title ?? slug),
		about: article.people
			.map((slug) => ({ "@type": "Person", name: facetTitle(model, "people", slug) }))
			.concat(article.places.map((slug) => ({ "@type": "Place", name: facetTitle(model, "places", slug) }))),
		wordCount: article.words,
		inLanguage: model.site.language,
		isPartOf: { "@type": "WebSite", name: model.site.title, url: publicUrl(model, "/") },
	};
}

export function ArticleHead({ model, article }: { model: SiteModel; article: Article }) {
	return (
		<>
			<meta property="og:type" content="article" />
			<meta property="og:title" content={article.title} />
			{article.summary ? <meta property="og:description" content={article.summary} /> : null}
			<meta property="og:url" content={publicUrl(model, article.url)} />
			{article.leadImage ? <meta property="og:image" content={leadImageUrl(model, article)} /> : null}
			<meta property="og:site_name" content={model.site.title} />
			{/* OpenGraph wants `en_GB`; a bare language such as `en` is better left out than given in the wrong form. */}
			{/^[a-z]{2,3}[-_][A-Z]{2}$/.test(model.site.language) ? (
				<meta property="og:locale" content={model.site.language.replace("-", "_")} />
			) : null}
			<meta property="article:published_time" content={article.date} />
			{article.updated ? <meta property="article:modified_time" content={article.updated} /> : null}
			{article.authors.map((name) => (
				<meta key={`author-${name}`} property="article:author" content={name} />
			))}
			{article.topics.map((slug) => (
				<meta key={`tag-${slug}`} property="article:tag" content={model.topicsBySlug[slug]?.title ?? slug} />
			))}
			{/* The one raw insertion besides the article body: JSON-LD is data, escaped by jsonForScript. */}
			<script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonForScript(newsArticleData(model, article)) }} />
		</>
	);
}
