/** Below an article: articles on the same topics (rarer shared topics first) and the previous/next article in time. */
import type { LinkedArticle } from "../../src/model/views.ts";
import { t, usePageLanguage } from "../i18n.ts";
import { CompactArticleList } from "./ArticleList.tsx";
import { href, type LinkContext } from "./links.ts";

export function RelatedArticles({ links, related }: { links: LinkContext; related: readonly LinkedArticle[] }) {
	const lang = usePageLanguage();
	if (related.length === 0) return null;
	return (
		<section class="related-articles" aria-labelledby="related-heading">
			<h2 id="related-heading">{t(lang, "relatedArticles")}</h2>
			<CompactArticleList links={links} articles={related} />
		</section>
	);
}

export function ArticleSequence({ links, older, newer }: { links: LinkContext; older?: LinkedArticle; newer?: LinkedArticle }) {
	const lang = usePageLanguage();
	if (!older && !newer) return null;
	return (
		<nav class="article-sequence" aria-label={t(lang, "previousAndNext")}>
			{older ? <SequenceItem links={links} article={older} rel="prev" /> : null}
			{newer ? <SequenceItem links={links} article={newer} rel="next" /> : null}
		</nav>
	);
}

/**
 * The label and title as one link (the label part of its name), no list, date or class: it is on every
 * article page, and the stylesheet tells the two apart by `rel` and finds the label as the link's `span`.
 */
function SequenceItem({ links, article, rel }: { links: LinkContext; article: LinkedArticle; rel: "prev" | "next" }) {
	const lang = usePageLanguage();
	return (
		<a href={href(links, article.url)} rel={rel}>
			<span>{t(lang, rel === "prev" ? "previousArticle" : "nextArticle")}</span>
			{article.title}
		</a>
	);
}
