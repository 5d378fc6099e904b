/** An article's page content: title, meta, topics, people and places, and the body. */
import { indexedForms, stemEnd } from "../../src/search/word-forms.ts";
import type { ArticlePageView, LinkedArticle, Named, ShownArticle } from "../../src/model/views.ts";
import { t } from "../i18n.ts";
import { TopicLinks } from "./ArticleList.tsx";
import { Breadcrumbs, timelineTrail } from "./Breadcrumbs.tsx";
import { languageName, readableDate } from "./format.ts";
import { facetUrl, href, imageHref, type LinkContext } from "./links.ts";
import { ArticleSequence, RelatedArticles } from "./RelatedArticles.tsx";

export function ArticleView({ view }: { view: ArticlePageView }) {
	const { shell: links, article } = view;
	const lang = article.lang;
	return (
		<>
			<Breadcrumbs links={links} trail={timelineTrail(article, article.title, lang)} />
			{/* The article, its header and its reading time carry no class (the stylesheet finds them as `main >
			    article` and `article > header`): ~70 bytes less on each of up to 100,000 pages. */}
			<article
				lang={lang}
				data-pagefind-body=""
				data-pagefind-filter={`language:${languageName(lang)}`}
				data-pagefind-meta={`lang:${lang}`}
			>
				<header>
					<h1 data-pagefind-meta="title">{article.title}</h1>
					{/* Date, source and topics are filters and meta; left out of the text so excerpts start in the article. */}
					<p class="meta" data-pagefind-ignore="">
						<time
							datetime={article.date}
							data-pagefind-sort={`date:${article.day}`}
							data-pagefind-meta={`date:${article.day}`}
							data-pagefind-filter={`year:${article.year}`}
						>
							{readableDate(article.date, lang)}
						</time>
						{article.source ? (
							<>
								{" · "}
								<span data-pagefind-filter="source" data-pagefind-meta="source">
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
						{` · ${t(lang, "minutesRead", { n: article.readingMinutes.toLocaleString(lang) })}`}
					</p>
					{article.updated ? (
						<p class="meta updated">
							{t(lang, "updated")} <time datetime={article.updated}>{readableDate(article.updated, lang)}</time>
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
				<AlsoIn links={links} article={article} />
				<AlsoCoveredBy links={links} lang={lang} others={view.alsoCovered} />
				<div class="article-body" dangerouslySetInnerHTML={{ __html: article.html }} />
				<WordForms article={article} names={view.nameSpellings} />
				{view.people.length + view.places.length > 0 ? (
					<footer class="article-facets" data-pagefind-ignore="">
						<FacetList links={links} label={t(lang, "people")} kind="people" entries={view.people} />
						<FacetList links={links} label={t(lang, "places")} kind="places" entries={view.places} />
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

/** The article's translations, each named in its own language: "Also in: Українська, English". */
function AlsoIn({ links, article }: { links: LinkContext; article: ShownArticle }) {
	if (article.translations.length === 0) return null;
	return (
		<nav class="also-in" aria-label={t(article.lang, "translations")} data-pagefind-ignore="">
			<p>
				{t(article.lang, "alsoIn")}{" "}
				{article.translations.map((translation, index) => (
					<span key={translation.lang}>
						{index === 0 ? "" : ", "}
						<a href={href(links, translation.url)} hreflang={translation.lang} lang={translation.lang}>
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
function WordForms({ article, names }: { article: ShownArticle; names: readonly string[] }) {
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
function AlsoCoveredBy({ links, lang, others }: { links: LinkContext; lang: string; others: readonly LinkedArticle[] }) {
	if (others.length === 0) return null;
	return (
		<aside class="also-covered" aria-label={t(lang, "otherCoverage")} data-pagefind-ignore="">
			<p>
				{t(lang, "alsoCoveredBy")}{" "}
				{others.map((other, index) => (
					<span key={other.url}>
						{index === 0 ? "" : index === others.length - 1 ? ` ${t(lang, "and")} ` : ", "}
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
