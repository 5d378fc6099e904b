// The search page's filters: a checkbox list per facet (src/search/contract.ts, `searchFacets`) with the
// number of articles each value would give, the short lists' "show all", "clear filters", and when the
// filter files are loaded (after the first results, or when the reader opens the filters).
import type { SearchPageStrings } from "../search/contract.ts";
import type { FilterCounts, PagefindModule, PagefindSearch } from "./pagefind.ts";
import { fill, required, type StillCurrent } from "./search-markup.ts";
import { type Facet, facets, hasFilters, type SearchState, searchFor, searching } from "./search-state.ts";

/** Facets list this many values until the reader asks for all. */
const shortList = 8;

export interface Filters {
	/** Whether the filter files are loaded: a search made before then counted only what was loaded. */
	loaded(): boolean;
	/** Whether the counts are to be shown now (filters on request: once the reader opened them or chose one). */
	wanted(): boolean;
	/** Loads the filter files (once) and shows each facet's values with their counts for the current search. */
	showCounts(pagefind: PagefindModule, current: StillCurrent, response?: PagefindSearch): Promise<void>;
}

/**
 * `onRequest`: on a large digest (filter files over the build's `filtersOnRequestBytes`) the filters start
 * folded on every screen and are loaded when the reader opens them (or the address chooses one), so that
 * a first search does not fetch every topic's list of articles. `opened` runs when the reader opens the
 * filters before they are loaded; `changed` when the choice or what is shown changed.
 */
export function searchFilters(
	root: HTMLElement,
	{ state, words, onRequest }: { state: SearchState; words: SearchPageStrings; onRequest: boolean },
	{ opened, changed }: { opened: () => void; changed: () => void },
): Filters {
	const panel = required(root, "[data-search-filters]", HTMLDetailsElement);
	const clear = required(root, "[data-search-clear]", HTMLButtonElement);
	const input = required(root, "[data-search-input]", HTMLInputElement);
	const expanded = new Set<string>();
	/** Every facet value with its number of articles, before any search. */
	let totals: FilterCounts = {};
	/**
	 * Pagefind counts filter values in a search only once their files are loaded; loading them (~1.4 s at
	 * 10,000 articles, in the same worker as the searches) starts once the first results are shown.
	 * Settles once they are (`totals` then holds the counts).
	 */
	let filtersReady: Promise<void> | undefined;
	let filtersLoaded = false;
	const loadFilters = (pagefind: PagefindModule) =>
		(filtersReady ??= pagefind.filters().then((loaded) => {
			totals = loaded;
			filtersLoaded = true;
		}));

	// On a narrow screen the filters start folded (unless some are chosen), so results come first.
	const narrow = matchMedia("(max-width: 47.99rem)");
	if ((narrow.matches || onRequest) && !hasFilters(state)) panel.open = false;
	// Wide, the disclosure's summary is hidden (the filters must be open), except for filters on request.
	if (onRequest) panel.dataset.onRequest = "";
	narrow.addEventListener("change", () => {
		if (!narrow.matches && !onRequest) panel.open = true;
	});
	panel.addEventListener("toggle", () => {
		if (panel.open && !filtersLoaded) opened();
	});
	root.addEventListener("click", (event) => {
		const toggle = event.target instanceof Element ? event.target.closest(".facet-more") : null;
		if (!toggle) return;
		const facet = toggle.closest<HTMLElement>("[data-facet]")?.dataset.facet;
		if (!facet) return;
		if (expanded.has(facet)) expanded.delete(facet);
		else expanded.add(facet);
		changed();
		if (toggle instanceof HTMLElement) toggle.focus();
	});
	clear.addEventListener("click", () => {
		for (const facet of facets) state.filters[facet] = [];
		changed();
		input.focus();
	});

	function renderFacets(counts: FilterCounts): void {
		for (const facet of facets) {
			const fieldset = required(root, `[data-facet="${facet}"]`, HTMLFieldSetElement);
			const options = required(fieldset, ".facet-options", HTMLElement);
			const toggle = required(fieldset, ".facet-more", HTMLButtonElement);
			const chosen = state.filters[facet];
			const values = Object.entries(counts[facet] || {})
				.filter(([value, count]) => count > 0 || chosen.includes(value))
				.sort(facet === "year" ? (a, b) => (a[0] < b[0] ? 1 : -1) : (a, b) => b[1] - a[1] || a[0].localeCompare(b[0], "en"));
			const focused =
				document.activeElement instanceof HTMLInputElement && fieldset.contains(document.activeElement)
					? document.activeElement.value
					: null;
			const limit = expanded.has(facet) ? values.length : shortList;
			// Chosen values stay visible even beyond the short list.
			const visible = values.filter(([value], index) => index < limit || chosen.includes(value));
			options.replaceChildren(...visible.map(([value, count]) => facetOption(facet, value, count, chosen.includes(value))));
			// A digest in one language has nothing to choose between: its language filter stays hidden.
			const digestValues = Object.keys(totals[facet] || counts[facet] || {}).length;
			fieldset.hidden = values.length === 0 || (facet === "language" && digestValues < 2 && chosen.length === 0);
			toggle.hidden = values.length <= shortList;
			toggle.textContent = expanded.has(facet) ? words.showFewer : fill(words.showAll, { n: values.length });
			toggle.setAttribute("aria-expanded", String(expanded.has(facet)));
			if (focused !== null) {
				for (const box of options.querySelectorAll("input")) if (box.value === focused) box.focus();
			}
		}
	}

	return {
		loaded: () => filtersLoaded,
		wanted: () => !onRequest || panel.open || hasFilters(state),
		async showCounts(pagefind, current, response) {
			panel.setAttribute("aria-busy", "true");
			await loadFilters(pagefind);
			if (!current()) return;
			let counts: FilterCounts = totals;
			if (searching(state)) {
				const counted = response ?? (await searchFor(pagefind, state));
				// Counts within a facet ignore that facet's own choices (pick AP and Reuters still shows both).
				counts = { ...counted.filters };
				for (const facet of facets) {
					if (state.filters[facet].length === 0) continue;
					const others = await searchFor(pagefind, state, facet);
					counts[facet] = others.filters[facet] || {};
				}
			}
			if (!current()) return;
			renderFacets(counts);
			panel.removeAttribute("aria-busy");
		},
	};
}

function facetOption(facet: Facet, value: string, count: number, checked: boolean): HTMLLIElement {
	const item = document.createElement("li");
	const label = document.createElement("label");
	const box = document.createElement("input");
	box.type = "checkbox";
	box.name = facet;
	box.value = value;
	box.checked = checked;
	const name = document.createElement("span");
	name.className = "facet-value";
	name.textContent = value;
	const number = document.createElement("span");
	number.className = "count";
	number.textContent = count.toLocaleString("en-US");
	label.append(box, name, number);
	item.append(label);
	return item;
}
