/**
 * What an article page tells other sites about itself in `<head>`: OpenGraph tags for link previews and
 * schema.org `NewsArticle` JSON-LD for search engines. Nothing the page already says is said twice (it is
 * on every one of up to 100,000 article pages): the summary is the page's `description` meta, which
 * link previews fall back to; the language is `<html lang>`, the topics are the JSON-LD `keywords`, the
 * site is `og:site_name`, the page's URL is its canonical link and `og:url` (not the JSON-LD's `url`, which
 * consumers take from the page), and a modification date is given only when the article says one.
 */
import { leadImageUrl, publicUrl } from "../../src/eleventy/feeds.ts";
import type { ArticlePageView } from "../../src/model/views.ts";
import { teaser } from "./format.ts";
import { href } from "./links.ts";

/**
 * JSON for a `<script type="application/ld+json">` element: every `<` becomes `\u003c` (still the same
 * JSON), so no string in the data can close the script element or open a comment.
 */
export function jsonForScript(value: unknown): string {
	return JSON.stringify(value).replace(/</g, "\\u003c");
}

export function newsArticleData({ shell, article, topics, people, places }: ArticlePageView): Record<string, unknown> {
	const about = people
		.map((entry) => ({ "@type": "Person", name: entry.title }))
		.concat(places.map((entry) => ({ "@type": "Place", name: entry.title })));
	return {
		"@context": "https://schema.org",
		"@type": "NewsArticle",
		headline: article.title,
		inLanguage: article.lang,
		datePublished: article.date,
		dateModified: article.updated,
		image: leadImageUrl(shell, article),
		author: article.authors.length > 0 ? article.authors.map((name) => ({ "@type": "Person", name })) : undefined,
		publisher: article.source ? { "@type": "Organization", name: article.source.name, url: article.source.url } : undefined,
		isBasedOn: article.source?.url,
		keywords: topics.map((topic) => topic.title),
		about: about.length > 0 ? about : undefined,
		wordCount: article.words,
	};
}

/**
 * The article's description, which is also its summary in the search index (Pagefind reads meta from the
 * whole page): the summary is written once, not again in a hidden element of the indexed part.
 */
export function SummaryMeta({ article }: { article: { summary: string } }) {
	const summary = teaser(article.summary);
	return summary ? <meta name="description" content={summary} data-pagefind-meta="summary[content]" /> : null;
}

export function ArticleHead({ view }: { view: ArticlePageView }) {
	const { shell, article } = view;
	return (
		<>
			<SummaryMeta article={article} />
			<meta property="og:type" content="article" />
			<meta property="og:title" content={article.title} />
			{/* OpenGraph wants an absolute URL: without the site's (`--site-url`) there is none to give. */}
			{shell.siteUrl ? <meta property="og:url" content={publicUrl(shell, article.url)} /> : null}
			{article.leadImage ? <meta property="og:image" content={leadImageUrl(shell, article)} /> : null}
			<meta property="og:site_name" content={shell.title} />
			{/* OpenGraph wants `en_GB`; a bare language such as `en` is better left out than given in the wrong form. */}
			{/^[a-z]{2,3}[-_][A-Z]{2}$/.test(article.lang) ? <meta property="og:locale" content={article.lang.replace("-", "_")} /> : null}
			{article.translations.map((translation) => (
				<link key={`hreflang-${translation.lang}`} rel="alternate" hreflang={translation.lang} href={href(shell, translation.url)} />
			))}
			{article.translations.length > 0 ? <link rel="alternate" hreflang={article.lang} href={href(shell, article.url)} /> : null}
			<meta property="article:published_time" content={article.date} />
			{article.updated ? <meta property="article:modified_time" content={article.updated} /> : null}
			{article.authors.map((name) => (
				<meta key={`author-${name}`} property="article:author" content={name} />
			))}
			{/* The one raw insertion besides the article body: JSON-LD is data, escaped by jsonForScript. */}
			<script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonForScript(newsArticleData(view)) }} />
		</>
	);
}
