/**
 * `/404.html`: GitHub Pages serves it for any missing URL at any depth, so every link on it is an
 * absolute path under the prefix (never relative).
 */
import { sharedViews } from "../../src/model/views.ts";
import type { TemplateData } from "../../src/eleventy/data.ts";
import { href } from "../components/links.ts";
import { t } from "../i18n.ts";
import { Page } from "../components/Page.tsx";

export const data = { permalink: "/404.html", eleventyExcludeFromCollections: true };

export function render({ digest }: TemplateData) {
	const shell = sharedViews(digest).shell;
	const lang = shell.language;
	return (
		<Page shell={shell} title={t(lang, "pageNotFound")} path="/404.html">
			<h1>{t(lang, "pageNotFound")}</h1>
			<p class="lede">{t(lang, "pageNotFoundLede")}</p>
			<ul class="not-found-links">
				<li>
					<a href={href(digest, "/")}>{t(lang, "latestArticles")}</a>
				</li>
				<li>
					<a href={href(digest, "/topics/")}>{t(lang, "allTopicsLink")}</a>
				</li>
				<li>
					<a href={href(digest, "/timeline/")}>{t(lang, "theTimeline")}</a>
				</li>
				<li>
					<a href={href(digest, "/search/")}>{t(lang, "searchTheDigest")}</a>
				</li>
			</ul>
		</Page>
	);
}
