/** The home page: the latest articles and the topics with their counts. */
import type { SiteModel } from "../../src/collections.ts";
import { ArticleList } from "./ArticleList.tsx";
import { href, topicUrl } from "./links.ts";

export function HomeView({ model }: { model: SiteModel }) {
	const latest = model.articles.slice(0, model.site.homeSize);
	return (
		<>
			<div class="intro">
				<h1>{model.site.title}</h1>
				{model.site.description ? <p class="lede">{model.site.description}</p> : null}
			</div>
			<div class="home-grid">
				<section aria-labelledby="latest-heading">
					<h2 id="latest-heading">Latest articles</h2>
					<ArticleList model={model} articles={latest} level={3} />
				</section>
				<aside aria-labelledby="topics-heading">
					<h2 id="topics-heading">Topics</h2>
					<ul class="topic-counts">
						{model.topics.slice(0, 30).map((topic) => (
							<li key={topic.slug}>
								<a href={href(model, topicUrl(topic.slug))}>{topic.title}</a> <span class="count">{topic.count}</span>
							</li>
						))}
					</ul>
					<p>
						<a href={href(model, "/topics/")}>All {model.topics.length} topics</a>
					</p>
				</aside>
			</div>
		</>
	);
}
