// What is being searched (words, filters, sort) and its two mirrors: the address (`?q=…&topic=…&sort=newest`)
// and the form's controls.
import { searchFacets } from "../search/contract.ts";
import { searchTerms } from "../search/word-forms.ts";
import type { PagefindModule, PagefindSearch } from "./pagefind.ts";

export type Facet = (typeof searchFacets)[number]["key"];
/** Pagefind's filter names, in the order the page shows them. */
export const facets: readonly Facet[] = searchFacets.map((facet) => facet.key);
export type Filters = Record<Facet, string[]>;

export interface SearchState {
	q: string;
	filters: Filters;
	sort: "relevance" | "newest";
}

export const isFacet = (name: string): name is Facet => (facets as readonly string[]).includes(name);

export function readState(params: URLSearchParams): SearchState {
	const filters = Object.fromEntries(facets.map((facet) => [facet, params.getAll(facet).filter(Boolean)])) as Filters;
	return { q: (params.get("q") || "").trim(), filters, sort: params.get("sort") === "newest" ? "newest" : "relevance" };
}

/** The address made to say what is searched, in place (no history entry per keystroke). */
export function writeState(state: SearchState): void {
	const params = new URLSearchParams();
	if (state.q) params.set("q", state.q);
	for (const facet of facets) for (const value of state.filters[facet]) params.append(facet, value);
	if (state.sort !== "relevance") params.set("sort", state.sort);
	const query = params.toString();
	const url = `${location.pathname}${query ? `?${query}` : ""}${location.hash}`;
	if (url !== `${location.pathname}${location.search}${location.hash}`) history.replaceState(null, "", url);
}

export const hasFilters = (state: SearchState): boolean => facets.some((facet) => state.filters[facet].length > 0);

/** Whether there is anything to search for: words or a chosen filter. */
export const searching = (state: SearchState): boolean => state.q !== "" || hasFilters(state);

function activeFilters(state: SearchState, except?: Facet): Record<string, { any: string[] }> {
	const filters: Record<string, { any: string[] }> = {};
	for (const facet of facets) if (facet !== except && state.filters[facet].length > 0) filters[facet] = { any: state.filters[facet] };
	return filters;
}

/**
 * Pagefind's search for the state: the words stemmed as the index is (src/search/word-forms.ts). With
 * no words, a filter lists its articles; relevance means nothing there, so newest comes first.
 * `except` leaves out one facet's choices (and the order, which counts do not need).
 */
export function searchFor(pagefind: PagefindModule, state: SearchState, except?: Facet): Promise<PagefindSearch> {
	const words = state.q ? searchTerms(state.q) : null;
	if (except) return pagefind.search(words, { filters: activeFilters(state, except) });
	const sort = state.sort === "newest" || !state.q ? ({ date: "desc" } as const) : undefined;
	return pagefind.search(words, { filters: activeFilters(state), sort });
}

interface Controls {
	form: HTMLFormElement;
	input: HTMLInputElement;
	sortSelect: HTMLSelectElement;
	/** The header's search box, kept showing the same words. */
	headerBox: HTMLInputElement | null;
}

/**
 * Shows the state in the controls and keeps it following them (typing, after a short pause; submitting;
 * the sort; a facet's checkbox) and the address (back and forward); `changed` runs after each change.
 */
export function bindControls(state: SearchState, { form, input, sortSelect, headerBox }: Controls, changed: () => void): void {
	input.value = state.q;
	sortSelect.value = state.sort;
	if (headerBox) headerBox.value = state.q;

	let typing: ReturnType<typeof setTimeout> | undefined;
	input.addEventListener("input", () => {
		clearTimeout(typing);
		typing = setTimeout(() => {
			state.q = input.value.trim();
			if (headerBox) headerBox.value = state.q;
			changed();
		}, 120);
	});
	form.addEventListener("submit", (event) => {
		event.preventDefault();
		clearTimeout(typing);
		state.q = input.value.trim();
		changed();
	});
	form.addEventListener("change", (event) => {
		const target = event.target;
		if (target === sortSelect) state.sort = sortSelect.value === "newest" ? "newest" : "relevance";
		else if (target instanceof HTMLInputElement && target.type === "checkbox" && isFacet(target.name)) {
			const chosen = state.filters[target.name];
			state.filters[target.name] = target.checked ? [...chosen, target.value] : chosen.filter((value) => value !== target.value);
		} else return;
		changed();
	});
	window.addEventListener("popstate", () => {
		Object.assign(state, readState(new URLSearchParams(location.search)));
		input.value = state.q;
		sortSelect.value = state.sort;
		changed();
	});
}
