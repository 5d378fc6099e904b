/** An article's page content: title, meta, topics, people and places, and the body. */
import { type FacetKind, facetTitle, type SiteModel } from "../../src/collections.ts";
import type { Article } from "../../src/content/load.ts";
import { TopicLinks } from "./ArticleList.tsx";
import { Breadcrumbs, timelineTrail } from "./Breadcrumbs.tsx";
import { t } from "../i18n.ts";
import { languageName, readableDate } from "./format.ts";
import { facetUrl, href, imageHref } from "./links.ts";
import { ArticleSequence, RelatedArticles } from "./RelatedArticles.tsx";
import { indexedForms, stemEnd } from "../../src/search/word-forms.ts";

export interface ArticleViewProps {
	model: SiteModel;
	article: Article;
}

export function ArticleView({ model, article }: ArticleViewProps) {
	const lang = article.lang;
	const neighbours = model.neighbours[article.url] ?? { related: [] };
	return (
		<>
			<Breadcrumbs model={model} trail={timelineTrail(article, article.title, lang)} />
			<article
				class="article"
				lang={article.lang}
				data-pagefind-body=""
				data-pagefind-filter={`language:${languageName(article.lang)}`}
				data-pagefind-meta={`lang:${article.lang}`}
			>
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
							{readableDate(article.date, article.lang)}
						</time>
						{article.source ? (
							<>
								{" · "}
								<span class="source" data-pagefind-filter="source" data-pagefind-meta="source">
									{article.source.url ? <a href={article.source.url}>{article.source.name}</a> : article.source.name}
								</span>
							</>
						) : null}
						{article.authors.length > 0 ? (
							<span class="authors">
								{" · "}
								{t(lang, "by")} {article.authors.join(", ")}
							</span>
						) : null}
						<span class="reading-time"> · {t(lang, "minutesRead", { n: article.readingMinutes.toLocaleString(lang) })}</span>
					</p>
					{article.updated ? (
						<p class="meta updated">
							{t(lang, "updated")} <time datetime={article.updated}>{readableDate(article.updated, article.lang)}</time>
						</p>
					) : null}
					<TopicLinks model={model} slugs={article.topics} filter />
					{article.people.length + article.places.length > 0 ? (
						<span hidden data-pagefind-meta="facets" data-pagefind-ignore="">
							{facetMeta(model, article)}
						</span>
					) : null}
				</header>
				{article.leadImage ? (
					<figure class="lead-image">
						{/* Decorative beside the headline that follows it; not lazy, as it is the first thing seen. */}
						<img src={imageHref(model, article.leadImage.url)} alt="" width={article.leadImage.width} height={article.leadImage.height} />
					</figure>
				) : null}
				<AlsoIn model={model} article={article} />
				<AlsoCoveredBy model={model} article={article} />
				<div class="article-body" dangerouslySetInnerHTML={{ __html: article.html }} />
				<WordForms model={model} article={article} />
				{article.people.length + article.places.length > 0 ? (
					<footer class="article-facets" data-pagefind-ignore="">
						<FacetList model={model} label={t(lang, "people")} kind="people" slugs={article.people} />
						<FacetList model={model} label={t(lang, "places")} kind="places" slugs={article.places} />
					</footer>
				) : null}
			</article>
			{/* Outside the article element, so search indexes only the article itself. */}
			<RelatedArticles model={model} neighbours={neighbours} />
			<ArticleSequence model={model} neighbours={neighbours} />
		</>
	);
}

/**
 * The people or places of the article, each linking to its page; the name is also the search filter, and
 * the search page reads the links from the `facets` meta (name and path per entry) to link them in results.
 */
function FacetList({ model, label, kind, slugs }: { model: SiteModel; label: string; kind: "people" | "places"; slugs: string[] }) {
	if (slugs.length === 0) return null;
	return (
		<div class="facet">
			<h2 class="facet-label">{label}</h2>
			<ul>
				{slugs.map((slug) => (
					<li key={slug}>
						<a href={href(model, facetUrl(kind, slug))} data-pagefind-filter={kind}>
							{facetTitle(model, kind, slug)}
						</a>
					</li>
				))}
			</ul>
		</div>
	);
}

/** The article's translations, each named in its own language: "Also in: Українська, English". */
function AlsoIn({ model, article }: { model: SiteModel; article: Article }) {
	if (article.translations.length === 0) return null;
	return (
		<nav class="also-in" aria-label={t(article.lang, "translations")} data-pagefind-ignore="">
			<p>
				{t(article.lang, "alsoIn")}{" "}
				{article.translations.map((translation, index) => (
					<span key={translation.lang}>
						{index === 0 ? "" : ", "}
						<a href={href(model, translation.url)} hreflang={translation.lang} lang={translation.lang}>
							{languageName(translation.lang)}
						</a>
					</span>
				))}
			</p>
		</nav>
	);
}

/**
 * What search finds the article by besides its text (src/search/word-forms.ts): the stems of its Cyrillic
 * words, and every spelling of its people and places (Kyiv, Kiev, Київ, Киев) with theirs, weighted less
 * than the article's own words (an article saying Києві ranks above one that only names Kyiv). Hidden
 * from readers and screen readers; search never shows it (it starts with the stem ending alone).
 */
function WordForms({ model, article }: { model: SiteModel; article: Article }) {
	const names = (["people", "places"] as FacetKind[]).flatMap((kind) =>
		article[kind].flatMap((slug) => {
			// Only names spelled several ways: a name with one spelling is found by it already, or not named.
			const entry = model.facets[kind].bySlug[slug];
			return entry?.aliases?.length ? [entry.title, ...entry.aliases] : [];
		}),
	);
	const forms = indexedForms(`${article.title}\n${textOf(article.html)}`, article.lang);
	// Names are searched in every language, so their spellings get every kind of stem.
	const ownForms = new Set((forms || stemEnd).split(" "));
	const nameForms = indexedForms(names.join("\n"))
		.split(" ")
		.slice(1)
		.filter((form) => !ownForms.has(form));
	const latinNames = [...new Set(names.filter((name) => !/\p{Script=Cyrillic}/u.test(name)))];
	if (!forms && nameForms.length === 0 && latinNames.length === 0) return null;
	return (
		<div hidden class="word-forms">
			<p>{[...ownForms].join(" ")}</p>
			{nameForms.length + latinNames.length > 0 ? <p data-pagefind-weight="0.5">{[...nameForms, ...latinNames].join(" ")}</p> : null}
		</div>
	);
}

/** The text of rendered HTML, for stemming (entities decoded only as far as stems need). */
const textOf = (html: string): string =>
	html
		.replace(/<[^>]*>/g, " ")
		.replace(/&nbsp;/g, " ")
		.replace(/&[a-z]+;|&#\d+;/g, " ");

/** The other outlets' articles on the same event: "Also covered by AP, Reuters". */
function AlsoCoveredBy({ model, article }: { model: SiteModel; article: Article }) {
	const others = (model.stories[article.url]?.articles ?? []).filter((other) => other.url !== article.url);
	if (others.length === 0) return null;
	return (
		<aside class="also-covered" aria-label={t(article.lang, "otherCoverage")} data-pagefind-ignore="">
			<p>
				{t(article.lang, "alsoCoveredBy")}{" "}
				{others.map((other, index) => (
					<span key={other.url}>
						{index === 0 ? "" : index === others.length - 1 ? ` ${t(article.lang, "and")} ` : ", "}
						<a href={href(model, other.url)} title={other.title}>
							{other.source?.name ?? other.title}
						</a>
					</span>
				))}
			</p>
		</aside>
	);
}

/** Names and paths of the article's people and places, for search results (a Pagefind meta value is text). */
export const facetMeta = (model: SiteModel, article: Article): string =>
	JSON.stringify(
		Object.fromEntries(
			(["people", "places"] as FacetKind[]).map((kind) => [
				kind,
				article[kind].map((slug) => [facetTitle(model, kind, slug), facetUrl(kind, slug)]),
			]),
		),
	);
