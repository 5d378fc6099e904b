/**
 * A list of articles with date, source, summary (not on timeline pages) and topics (on the home page only):
 * home, topic, people, places and timeline pages use it. A story (one event from several outlets, src/model/stories.ts) is listed once, at its first article
 * in the list, with its sources linked. Each item's `<time datetime>` is what src/browser/new-since.ts
 * compares with the reader's previous visit.
 */
import { baseLanguage } from "../../src/content/language.ts";
import type { LinkedArticle, ListedArticle, Named, StoryView, TopicListedArticle } from "../../src/model/views.ts";
import { countOf, t, usePageLanguage } from "../i18n.ts";
import { languageName, readableDate, teaser } from "./format.ts";
import { href, type LinkContext, topicUrl } from "./links.ts";

export interface ArticleListProps {
	links: LinkContext;
	articles: readonly (ListedArticle | TopicListedArticle)[];
	/** Heading level of each item's title (the page's own `<h1>` sits above). */
	level?: 2 | 3;
	/**
	 * Each item's summary. Off on timeline pages: a month lists every article of the month, an archive
	 * read by its headlines (the topic pages have the summaries).
	 * @default true
	 */
	summary?: boolean;
	/**
	 * Each item's topic links, for the items that carry them (the home page's). Off on topic and timeline
	 * pages, lists of hundreds of items where the links would be a third of the page (the topic page has its
	 * related topics instead).
	 * @default true
	 */
	topics?: boolean;
	/**
	 * Stories already listed on this page (by id), for a page made of several lists (a timeline month's
	 * days): a story shows once per page. Each list has its own by default.
	 */
	shownStories?: Set<string>;
}

/**
 * A compact list (below an article): title, date and source, no summary, story or topics, and no
 * new-since mark; it is on every article page, so its markup is kept to what it shows (the stylesheet
 * finds the date and source as the item's `span`).
 */
export function CompactArticleList({ links, articles }: { links: LinkContext; articles: readonly LinkedArticle[] }) {
	const pageLanguage = usePageLanguage();
	return (
		<ol class="related-list" role="list">
			{articles.map((article) => (
				<li key={article.url}>
					<a href={href(links, article.url)} lang={otherLanguage(pageLanguage, article)}>
						{article.title}
					</a>{" "}
					<span>
						{readableDate(article.date, pageLanguage)}
						{article.source ? ` · ${article.source}` : null}
						<LanguageMark article={article} />
					</span>
				</li>
			))}
		</ol>
	);
}

export function ArticleList({ links, articles, level = 2, summary = true, topics = true, shownStories = new Set() }: ArticleListProps) {
	const Heading = level === 2 ? "h2" : "h3";
	const pageLanguage = usePageLanguage();
	const items: { article: ListedArticle | TopicListedArticle; story?: StoryView }[] = [];
	for (const article of articles) {
		const story = article.story;
		if (story) {
			if (shownStories.has(story.id)) continue;
			shownStories.add(story.id);
		}
		items.push({ article, story });
	}
	return (
		<ol class="article-list" role="list">
			{items.map(({ article, story }) => (
				// The item, its title and its summary carry no class: the stylesheet and new-since find them by
				// place (`.article-list > li`, its heading, its paragraph without a class), ~60
				// bytes less for each of the hundreds of thousands of items a large digest lists.
				<li key={article.url}>
					<Heading>
						<a href={href(links, article.url)} lang={otherLanguage(pageLanguage, article)}>
							{article.title}
						</a>
					</Heading>
					<p class="meta">
						<time datetime={article.date}>{readableDate(article.date, pageLanguage)}</time>
						{article.source ? ` · ${article.source}` : null}
						<LanguageMark article={article} />
					</p>
					{summary ? <p lang={otherLanguage(pageLanguage, article)}>{teaser(article.summary)}</p> : null}
					{story ? <StorySources links={links} story={story} /> : null}
					{topics && "topics" in article ? <TopicLinks links={links} topics={article.topics} /> : null}
				</li>
			))}
		</ol>
	);
}

/** The article's language when it is not the page's (`en-GB` is the language of an `en` page), for `lang` attributes and the list's mark. */
const otherLanguage = (pageLanguage: string, article: LinkedArticle): string | undefined =>
	baseLanguage(article.lang) === baseLanguage(pageLanguage) ? undefined : article.lang;

/** ` · Русский`: a list marks an article written in another language than the page, by the language's own name. */
function LanguageMark({ article }: { article: LinkedArticle }) {
	const lang = otherLanguage(usePageLanguage(), article);
	if (!lang) return null;
	return (
		<>
			{" · "}
			<span class="article-lang" lang={lang}>
				{languageName(lang)}
			</span>
		</>
	);
}

/** "3 sources: AP, Reuters, DW", each outlet linking to its own article, newest first. */
function StorySources({ links, story }: { links: LinkContext; story: StoryView }) {
	return (
		<p class="story-sources">
			<span class="story-count">{countOf(usePageLanguage(), "source", story.members.length)}</span>
			{": "}
			{story.members.map((member, index) => (
				<span key={member.url}>
					{index > 0 ? ", " : ""}
					<a href={href(links, member.url)} title={member.title}>
						{member.source ?? member.title}
					</a>
				</span>
			))}
		</p>
	);
}

/**
 * `filter`: the article page's own list, whose links are the search's `topic` filter and not its text
 * (Pagefind still reads filters inside an ignored element).
 */
export function TopicLinks({ links, topics, filter = false }: { links: LinkContext; topics: readonly Named[]; filter?: boolean }) {
	const lang = usePageLanguage();
	if (topics.length === 0) return null;
	return (
		<ul class="topic-links" aria-label={t(lang, "topics")} data-pagefind-ignore={filter ? "" : undefined}>
			{topics.map((topic) => (
				<li key={topic.slug}>
					<a href={href(links, topicUrl(topic.slug))} data-pagefind-filter={filter ? "topic" : undefined}>
						{topic.title}
					</a>
				</li>
			))}
		</ul>
	);
}
