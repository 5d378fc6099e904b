/**
 * The search page's markup. Pagefind's JS API fills it in from `src/browser/search-page.ts`; the
 * form works without JavaScript only in that it keeps `?q=` in the address, so a copied link still
 * searches once scripts run.
 */
import type { SiteModel } from "../../src/model/collections.ts";
import {
	indexVersionPlaceholder,
	recentIndexFolder,
	type SearchPageConfig,
	searchConfigId,
	searchFacets,
} from "../../src/search/contract.ts";
import { searchConfigJson } from "../../src/search/page-config.ts";
import { searchPageWords, t, usePageLanguage } from "../i18n.ts";
import { href } from "./links.ts";

/** `recentSearch`: the dev server's index of newly added articles is there to merge. */
export function SearchView({ model, recentSearch = false }: { model: SiteModel; recentSearch?: boolean }) {
	const lang = usePageLanguage();
	const config: SearchPageConfig = {
		siteRoot: href(model, "/"),
		siteRootFromPage: "../",
		bundle: href(model, "/pagefind/"),
		bundleFromPage: "../pagefind/",
		// Set after indexing (src/search/offline.ts).
		indexVersion: indexVersionPlaceholder,
		filters: "auto",
		indexParts: [],
		...(recentSearch ? { recentBundle: href(model, `/${recentIndexFolder}/`) } : {}),
		words: searchPageWords(lang),
	};
	return (
		<section class="search" data-search="">
			{/* Data, not a script (the page's policy runs none inline): everything the script takes from the build. */}
			<script type="application/json" id={searchConfigId} dangerouslySetInnerHTML={{ __html: searchConfigJson(config) }} />
			<h1>{t(lang, "searchHeading")}</h1>
			{/* Filled in by src/browser/offline-control.ts when a service worker runs; hidden otherwise. */}
			<div class="search-offline" role="group" aria-label={t(lang, "searchOffline")} data-offline="" hidden>
				<p class="search-offline-status" role="status" aria-live="polite" data-offline-status="" />
				<progress class="search-offline-progress" aria-label={t(lang, "downloadingSearch")} hidden />
				<button type="button" class="search-offline-save" data-offline-save="" hidden>
					{t(lang, "makeOffline")}
				</button>
				<button type="button" class="link-button" data-offline-remove="" hidden>
					{t(lang, "removeOffline")}
				</button>
			</div>
			<form class="search-form" role="search" action={href(model, "/search/")} method="get" data-search-form="">
				<div class="search-query">
					<label for="search-query">{t(lang, "wordsToFind")}</label>
					<input
						id="search-query"
						type="search"
						name="q"
						autocomplete="off"
						spellcheck={false}
						data-search-input=""
						aria-describedby="search-hint"
					/>
					<button type="submit">{t(lang, "search")}</button>
				</div>
				<p id="search-hint" class="search-hint">
					{t(lang, "searchHintBefore")} <kbd>/</kbd> {t(lang, "searchHintAfter")}
				</p>
				<div class="search-layout">
					{/* A disclosure so that on a phone the filters fold away above the results (the script folds them there). */}
					<details class="search-filters" data-search-filters="" open>
						<summary>{t(lang, "filters")}</summary>
						{searchFacets.map((facet) => (
							<fieldset key={facet.key} class="search-facet" data-facet={facet.key} hidden>
								<legend>{t(lang, facet.word)}</legend>
								<ul class="facet-options" role="list" />
								<button type="button" class="facet-more link-button" hidden>
									{t(lang, "showAll")}
								</button>
							</fieldset>
						))}
						<button type="button" class="search-clear link-button" data-search-clear="" hidden>
							{t(lang, "clearFilters")}
						</button>
					</details>
					<div class="search-results">
						<div class="search-toolbar">
							<p class="search-status" role="status" aria-live="polite" data-search-status="">
								{t(lang, "loadingSearch")}
							</p>
							<label class="search-sort">
								{t(lang, "sortBy")}{" "}
								<select name="sort" data-search-sort="">
									<option value="relevance">{t(lang, "relevance")}</option>
									<option value="newest">{t(lang, "newestFirst")}</option>
								</select>
							</label>
						</div>
						<ol class="search-result-list" role="list" data-search-results="" />
						<button type="button" class="search-more" data-search-more="" hidden>
							{t(lang, "showMoreResults")}
						</button>
					</div>
				</div>
			</form>
			<noscript>
				<p class="search-status">{t(lang, "needsJavaScript")}</p>
			</noscript>
		</section>
	);
}
