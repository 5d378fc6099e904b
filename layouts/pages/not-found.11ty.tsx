/**
 * `/404.html`: GitHub Pages serves it for any missing URL at any depth, so every link on it is an
 * absolute path under the prefix (never relative).
 */
import { sharedViews } from "../../src/model/views.ts";
import type { TemplateData } from "../../src/eleventy/data.ts";
import { href } from "../components/links.ts";
import { Page } from "../components/Page.tsx";

export const data = { permalink: "/404.html", eleventyExcludeFromCollections: true };

export function render({ digest }: TemplateData) {
	return (
		<Page shell={sharedViews(digest).shell} title="Page not found" path="/404.html">
			<h1>Page not found</h1>
			<p class="lede">There is no page at this address. It may have moved, or the link may be mistyped.</p>
			<ul class="not-found-links">
				<li>
					<a href={href(digest, "/")}>Latest articles</a>
				</li>
				<li>
					<a href={href(digest, "/topics/")}>All topics</a>
				</li>
				<li>
					<a href={href(digest, "/timeline/")}>The timeline</a>
				</li>
				<li>
					<a href={href(digest, "/search/")}>Search the digest</a>
				</li>
			</ul>
		</Page>
	);
}
