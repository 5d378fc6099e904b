/** Below an article: articles on the same topics (rarer shared topics first) and the previous/next article in time. */
import type { LinkedArticle } from "../../src/views.ts";
import { CompactArticleList } from "./ArticleList.tsx";
import { href, type LinkContext } from "./links.ts";

export function RelatedArticles({ links, related }: { links: LinkContext; related: readonly LinkedArticle[] }) {
	if (related.length === 0) return null;
	return (
		<section class="related-articles" aria-labelledby="related-heading">
			<h2 id="related-heading">Related articles</h2>
			<CompactArticleList links={links} articles={related} />
		</section>
	);
}

export function ArticleSequence({ links, older, newer }: { links: LinkContext; older?: LinkedArticle; newer?: LinkedArticle }) {
	if (!older && !newer) return null;
	return (
		<nav class="article-sequence" aria-label="Previous and next article">
			{older ? <SequenceItem links={links} article={older} rel="prev" /> : null}
			{newer ? <SequenceItem links={links} article={newer} rel="next" /> : null}
		</nav>
	);
}

/** The label and title as one link (the label part of its name), no list or date: it is on every article page. */
function SequenceItem({ links, article, rel }: { links: LinkContext; article: LinkedArticle; rel: "prev" | "next" }) {
	return (
		<a class={rel === "prev" ? "sequence-previous" : "sequence-next"} href={href(links, article.url)} rel={rel}>
			<span class="sequence-label">{rel === "prev" ? "Previous article" : "Next article"}</span>
			{article.title}
		</a>
	);
}
