// The search page, on Pagefind's JS API under our own markup (layouts/components/SearchView.tsx).
//
// Why not Pagefind's Component UI or Default UI: the JS API is the only way to get all of what the
// page needs at once. The Component UI ignores a date sort (Pagefind issue #1278) and the Default UI has
// no sort at all; neither writes filters back to the address; both are ES modules, which browsers refuse
// to run from file://; and both render their own markup and styles, where ours is the site's own
// (checkbox facets with counts, a live result count, keyboard order, dark mode) and ~10 kB instead of
// ~180 kB. The JS API is Pagefind's stable public interface, so nothing here depends on its internals.
//
// This module only puts the page together: what the build said (search-config.ts), what is searched
// and its address (search-state.ts), Pagefind (search-loading.ts), the results (search-results.ts) and
// the filters (search-filters.ts).
import { startOfflineControl } from "./offline-control.ts";
import type { PagefindModule } from "./pagefind.ts";
import { readSearchConfig } from "./search-config.ts";
import { searchFilters } from "./search-filters.ts";
import { loadPagefind, siteLocation } from "./search-loading.ts";
import { fill, required, type StillCurrent } from "./search-markup.ts";
import { searchResults } from "./search-results.ts";
import { bindControls, readState, searchFor, searching, writeState } from "./search-state.ts";

const searchRoot = document.querySelector("[data-search]");
if (searchRoot instanceof HTMLElement) start(searchRoot);

function start(root: HTMLElement): void {
	const config = readSearchConfig(document);
	const site = siteLocation(config);
	const words = config.words;
	const state = readState(new URLSearchParams(location.search));
	let pagefind: PagefindModule | undefined;
	/** Counts searches: a slower, older one stops drawing once a newer one started. */
	let generation = 0;
	const stillCurrent =
		(current: number): StillCurrent =>
		() =>
			current === generation;

	const results = searchResults(root, { state, words, site });
	const filters = searchFilters(
		root,
		{ state, words, onRequest: config.filters === "on-request" },
		{ opened: () => pagefind && filters.showCounts(pagefind, stillCurrent(generation)).catch(fail), changed: search },
	);
	const header = document.getElementById("site-search");
	bindControls(
		state,
		{
			form: required(root, "[data-search-form]", HTMLFormElement),
			input: required(root, "[data-search-input]", HTMLInputElement),
			sortSelect: required(root, "[data-search-sort]", HTMLSelectElement),
			headerBox: header instanceof HTMLInputElement ? header : null,
		},
		search,
	);
	required(root, "[data-search-more]", HTMLButtonElement).addEventListener("click", () => results.showMore(stillCurrent(generation), true));

	async function run(pagefind: PagefindModule): Promise<void> {
		const current = stillCurrent(++generation);
		writeState(state);
		root.setAttribute("aria-busy", "true");
		const anything = searching(state);
		// The results first: they do not need the filter files, only the facet counts do.
		const countable = filters.loaded();
		const response = anything ? await searchFor(pagefind, state) : undefined;
		if (!current()) return;
		await results.show(response ? response.results : [], current);
		if (!current()) return;
		if (anything) results.showStatus(anything);
		// A search made before the filter files were loaded counted only what was loaded: not reused.
		if (filters.wanted()) await filters.showCounts(pagefind, current, countable ? response : undefined);
		if (!current()) return;
		results.showStatus(anything);
		root.removeAttribute("aria-busy");
		// How many searches have been shown: lets tests (and anything else) wait for a specific one.
		root.dataset.searchesShown = String(generation);
	}

	function search(): void {
		if (pagefind) run(pagefind).catch(fail);
	}

	function fail(error: unknown): void {
		root.removeAttribute("aria-busy");
		const message = error instanceof Error ? error.message : String(error);
		// Pagefind's words for an index without a page: the digest has no article search can list yet.
		results.showFailure(/No language indexes found/.test(message) ? words.nothingYet : fill(words.couldNotLoad, { q: message }));
		console.error(error);
	}

	loadPagefind(config, site)
		.then((loaded) => {
			pagefind = loaded;
			root.dataset.searchReady = "true";
			const firstSearch = run(loaded).catch(fail);
			// Offered once search works: "first use" of the page, for an index small enough to save unasked,
			// which is saved once the first search is on screen.
			const offline = root.querySelector("[data-offline]");
			if (offline instanceof HTMLElement && !site.fromDisk)
				startOfflineControl(offline, { bundle: site.bundle, words, firstUse: firstSearch });
		})
		.catch(fail);
}
