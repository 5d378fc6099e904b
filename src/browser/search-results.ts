// The search page's results: the list (in batches, each result shown as soon as its excerpt arrives),
// the live status line with the count, and each result's title, date, source, excerpt and links.
import type { SearchPageStrings } from "../search/contract.ts";
import { resultExcerpt } from "../search/word-forms.ts";
import type { PagefindResult, PagefindResultData } from "./pagefind.ts";
import { excerptWords, type SiteLocation } from "./search-loading.ts";
import { fill, required, type StillCurrent } from "./search-markup.ts";
import { hasFilters, type SearchState } from "./search-state.ts";

const pageSize = 20;

export interface Results {
	/** Replaces the list with a new search's results (none: nothing searched) and shows the first batch. */
	show(results: PagefindResult[], current: StillCurrent): Promise<void>;
	/** Shows the next batch; `moveFocus` puts the focus on its first result (the reader asked for more). */
	showMore(current: StillCurrent, moveFocus: boolean): Promise<void>;
	/** Says how many articles were found, for what; `searching`: there were words or filters. */
	showStatus(searching: boolean): void;
	/** Says what went wrong loading or searching. */
	showFailure(message: string): void;
}

export function searchResults(
	root: HTMLElement,
	{ state, words, site }: { state: SearchState; words: SearchPageStrings; site: SiteLocation },
): Results {
	const status = required(root, "[data-search-status]", HTMLElement);
	const list = required(root, "[data-search-results]", HTMLElement);
	const more = required(root, "[data-search-more]", HTMLButtonElement);
	const clear = required(root, "[data-search-clear]", HTMLButtonElement);
	const language = document.documentElement.lang || "en";
	const plurals = new Intl.PluralRules(language);
	let results: PagefindResult[] = [];
	let shown = 0;

	async function showMore(current: StillCurrent, moveFocus: boolean): Promise<void> {
		const batch = results.slice(shown, shown + pageSize);
		shown += batch.length;
		more.hidden = shown >= results.length;
		// Every excerpt is asked for at once and each result shown, in order, as soon as it and those before
		// it have arrived: the first is on screen after one fragment, not after the slowest of the batch.
		// Offline, a result whose fragment was never stored cannot be shown; the others still are.
		const items = batch.map((result) => result.data().then(renderResult, () => unavailableResult()));
		for (const [index, pending] of items.entries()) {
			const item = await pending;
			if (!current()) return;
			list.append(item);
			if (index === 0 && moveFocus) item.querySelector("a")?.focus();
		}
	}

	function renderResult(data: PagefindResultData): HTMLLIElement {
		const item = document.createElement("li");
		item.className = "search-result";
		const heading = document.createElement("h2");
		heading.className = "search-result-title";
		const link = document.createElement("a");
		link.href = resultHref(data.raw_url || data.url);
		link.textContent = data.meta.title || data.raw_url || data.url;
		heading.append(link);
		// A result in another language than the page says so, for screen readers' pronunciation.
		if (data.meta.lang && data.meta.lang !== document.documentElement.lang) item.lang = data.meta.lang;

		const meta = document.createElement("p");
		meta.className = "meta";
		if (data.meta.date) {
			const time = document.createElement("time");
			time.dateTime = data.meta.date;
			time.textContent = readableDay(data.meta.date);
			meta.append(time);
		}
		if (data.meta.source) meta.append(document.createTextNode(`${data.meta.date ? " · " : ""}${data.meta.source}`));

		const excerpt = document.createElement("p");
		excerpt.className = "search-excerpt";
		excerpt.append(...highlighted(state.q ? resultExcerpt(data, state.q, excerptWords) : data.meta.summary || data.excerpt));

		item.append(heading, meta, excerpt);
		const topics = data.filters.topic || [];
		if (topics.length > 0) {
			const chips = document.createElement("ul");
			chips.className = "topic-links search-result-topics";
			chips.setAttribute("aria-label", "Topics");
			for (const topic of topics) {
				const chip = document.createElement("li");
				chip.textContent = topic;
				chips.append(chip);
			}
			item.append(chips);
		}
		item.append(...facetLinks(data.meta.facets));
		return item;
	}

	/** People and places of a result, linked to their pages: the `facets` meta is {people: [[name, path]], places: …}. */
	function facetLinks(json: string | undefined): HTMLUListElement[] {
		let facets: Record<string, unknown>;
		try {
			facets = JSON.parse(json || "{}");
		} catch {
			return [];
		}
		const lists: HTMLUListElement[] = [];
		const kinds: [kind: string, label: string][] = [
			["people", "People"],
			["places", "Places"],
		];
		for (const [kind, label] of kinds) {
			const found = facets[kind];
			const entries: unknown[] = Array.isArray(found) ? found : [];
			if (entries.length === 0) continue;
			const list = document.createElement("ul");
			list.className = "topic-links search-result-facets";
			list.setAttribute("aria-label", label);
			for (const entry of entries) {
				const [name, path] = Array.isArray(entry) ? entry : [];
				if (typeof name !== "string" || typeof path !== "string" || !path.startsWith(`/${kind}/`)) continue;
				const listItem = document.createElement("li");
				const link = document.createElement("a");
				link.href = resultHref(path);
				link.textContent = name;
				listItem.append(link);
				list.append(listItem);
			}
			lists.push(list);
		}
		return lists;
	}

	function unavailableResult(): HTMLLIElement {
		const item = document.createElement("li");
		item.className = "search-result search-result-unavailable";
		item.textContent = "This result was not saved for reading offline; it will show when you are back online.";
		return item;
	}

	/** Result URLs are site paths (`/articles/…/`): under the prefix when served, inside the folder from disk. */
	function resultHref(url: string): string {
		const path = url.replace(/^\/+/, "");
		return site.fromDisk ? new URL(`${path}index.html`, site.siteRoot).href : `${site.siteRoot}${path}`;
	}

	function readableDay(day: string): string {
		const [year, month, date] = day.split("-").map(Number);
		if (!year || !month || !date) return day;
		return new Intl.DateTimeFormat(language.toLowerCase().startsWith("en") ? "en-GB" : language, {
			timeZone: "UTC",
			day: "numeric",
			month: "long",
			year: "numeric",
		}).format(Date.UTC(year, month - 1, date));
	}

	return {
		async show(found, current) {
			results = found;
			shown = 0;
			list.replaceChildren();
			more.hidden = true;
			await showMore(current, false);
		},
		showMore,
		showStatus(searching) {
			const count = results.length;
			const filtered = hasFilters(state);
			const forQuery = state.q ? fill(words.forQuery, { q: state.q }) : "";
			const narrowed = filtered ? words.withFilters : "";
			if (!searching) status.textContent = words.typeToSearch;
			else if (count === 0)
				status.textContent = `${state.q ? fill(words.noMatchQuery, { q: state.q }) : words.noMatch}${narrowed}${filtered ? words.adviceFilters : words.advice}`;
			else {
				const phrase = words.articles[plurals.select(count)] ?? words.articles.other ?? "{n}";
				status.textContent = `${fill(phrase, { n: count.toLocaleString(language) })}${forQuery}${narrowed}`;
			}
			status.classList.toggle("search-empty", searching && count === 0);
			clear.hidden = !filtered;
		},
		showFailure(message) {
			status.textContent = message;
			status.classList.add("search-empty");
		},
	};
}

/**
 * Pagefind's excerpt is escaped text with <mark> around the matches. It is rebuilt here as text nodes
 * and <mark> elements only, so no markup from the index can reach the page.
 */
function highlighted(excerpt: string): Node[] {
	const parsed = new DOMParser().parseFromString(`<p>${excerpt || ""}</p>`, "text/html").body.firstChild;
	const nodes: Node[] = [];
	for (const node of parsed ? parsed.childNodes : []) {
		if (node.nodeName === "MARK") {
			const mark = document.createElement("mark");
			mark.textContent = node.textContent;
			nodes.push(mark);
		} else nodes.push(document.createTextNode(node.textContent || ""));
	}
	return nodes;
}
