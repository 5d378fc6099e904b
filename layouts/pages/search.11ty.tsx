/** `/search/`: full-text search over every article, with facets; reads and writes `?q=` and filters. */
import { sharedViews } from "../../src/model/views.ts";
import type { TemplateData } from "../../src/eleventy/data.ts";
import { Page } from "../components/Page.tsx";
import { SearchView } from "../components/SearchView.tsx";
import { t } from "../i18n.ts";

export const data = { permalink: "/search/index.html", eleventyExcludeFromCollections: true };

// Relative script URLs: the search page must also run opened from disk (file://). Classic deferred scripts,
// not modules, because browsers refuse module scripts from file://; the file-mode shim runs first.
const scripts = (
	<>
		<script defer src="../assets/search-file-mode.js" />
		<script defer src="../assets/search-page.js" />
	</>
);

export function render({ digest, recentSearch }: TemplateData) {
	const shell = sharedViews(digest).shell;
	return (
		<Page
			shell={shell}
			title={t(shell.language, "search")}
			description={t(shell.language, "searchDescription", { site: digest.site.title })}
			path="/search/"
			portable
			head={scripts}
		>
			<SearchView model={digest} recentSearch={recentSearch} />
		</Page>
	);
}
