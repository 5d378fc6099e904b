// The search page, on Pagefind's JS API under our own markup (layouts/components/SearchView.tsx).
//
// Why not Pagefind's Component UI or Default UI: the JS API is the only way to get all of what the
// page needs at once. The Component UI ignores a date sort (Pagefind issue #1278) and the Default UI has
// no sort at all; neither writes filters back to the address; both are ES modules, which browsers refuse
// to run from file://; and both render their own markup and styles, where ours is the site's own
// (checkbox facets with counts, a live result count, keyboard order, dark mode) and ~10 kB instead of
// ~180 kB. The JS API is Pagefind's stable public interface, so nothing here depends on its internals.
import { searchFacets, searchIndexChangedMessage } from "../search/contract.ts";
import { asOneIndex } from "../search/combine.ts";
import { resultExcerpt, searchTerms } from "../search/word-forms.ts";
import { startOfflineControl } from "./offline-control.ts";
import { readSearchConfig } from "./search-config.ts";
import type { FilterCounts, PagefindModule, PagefindResult, PagefindResultData, PagefindSearch } from "./pagefind.ts";

const facets = searchFacets.map((facet) => facet.key);
/** Words in an excerpt, Pagefind's and ours (src/search/word-forms.ts) alike. */
const excerptWords = 28;
type Facet = (typeof searchFacets)[number]["key"];
type Filters = Record<Facet, string[]>;
interface SearchState {
	q: string;
	filters: Filters;
	sort: "relevance" | "newest";
}

/** `{n}` and `{q}` of a phrase filled in (as text: the status is set with textContent). */
const fill = (phrase: string, values: { n?: number | string; q?: string }): string =>
	phrase.replace(/\{(n|q)\}/g, (_, key: "n" | "q") => String(values[key] ?? ""));

/** The element the page's markup must have; a missing one is a broken build, not a reader's problem. */
function required<T extends Element>(parent: ParentNode, selector: string, type: new () => T): T {
	const element = parent.querySelector(selector);
	if (!(element instanceof type)) throw new Error(`the search page has no ${selector}`);
	return element;
}

const searchRoot = document.querySelector("[data-search]");
if (searchRoot instanceof HTMLElement) start(searchRoot);

function start(root: HTMLElement): void {
	const pageSize = 20;
	/** Facets list this many values until the reader asks for all. */
	const shortList = 8;
	const fromDisk = location.protocol === "file:";
	const config = readSearchConfig(document);
	const words = config.words;
	const plurals = new Intl.PluralRules(document.documentElement.lang || "en");
	const language = document.documentElement.lang || "en";
	const siteRoot = fromDisk ? new URL(config.siteRootFromPage, location.href).href : config.siteRoot;
	const bundle = new URL(fromDisk ? config.bundleFromPage : config.bundle, location.href).href;

	const form = required(root, "[data-search-form]", HTMLFormElement);
	const input = required(root, "[data-search-input]", HTMLInputElement);
	const status = required(root, "[data-search-status]", HTMLElement);
	const list = required(root, "[data-search-results]", HTMLElement);
	const more = required(root, "[data-search-more]", HTMLButtonElement);
	const sortSelect = required(root, "[data-search-sort]", HTMLSelectElement);
	const clear = required(root, "[data-search-clear]", HTMLButtonElement);
	const header = document.getElementById("site-search");
	const headerBox = header instanceof HTMLInputElement ? header : null;

	/** What is being searched; mirrored in the address (`?q=…&topic=…&sort=newest`). */
	const state = readState(new URLSearchParams(location.search));
	const expanded = new Set<string>();
	let results: PagefindResult[] = [];
	let shown = 0;
	let generation = 0;
	let pagefind: PagefindModule | undefined;
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

	/**
	 * On a large digest (filter files over the build's `filtersOnRequestBytes`) the filters start folded
	 * on every screen and are loaded when the reader opens them (or the address chooses one), so that a
	 * first search does not fetch every topic's list of articles.
	 */
	const filtersOnRequest = config.filters === "on-request";
	const filtersPanel = required(root, "[data-search-filters]", HTMLDetailsElement);
	const chosenInAddress = facets.some((facet) => state.filters[facet].length > 0);
	// On a narrow screen the filters start folded (unless some are chosen), so results come first.
	const narrow = matchMedia("(max-width: 47.99rem)");
	if ((narrow.matches || filtersOnRequest) && !chosenInAddress) filtersPanel.open = false;
	// Wide, the disclosure's summary is hidden (the filters must be open), except for filters on request.
	if (filtersOnRequest) filtersPanel.dataset.onRequest = "";
	narrow.addEventListener("change", () => {
		if (!narrow.matches && !filtersOnRequest) filtersPanel.open = true;
	});
	const filtersWanted = () => !filtersOnRequest || filtersPanel.open || hasFilters();
	filtersPanel.addEventListener("toggle", () => {
		if (filtersPanel.open && !filtersLoaded && pagefind) showFacetCounts(pagefind, generation).catch(fail);
	});

	input.value = state.q;
	sortSelect.value = state.sort;
	if (headerBox) headerBox.value = state.q;

	function readState(params: URLSearchParams): SearchState {
		const filters = Object.fromEntries(facets.map((facet) => [facet, []])) as unknown as Filters;
		for (const facet of facets) filters[facet] = params.getAll(facet).filter(Boolean);
		return { q: (params.get("q") || "").trim(), filters, sort: params.get("sort") === "newest" ? "newest" : "relevance" };
	}

	function writeState() {
		const params = new URLSearchParams();
		if (state.q) params.set("q", state.q);
		for (const facet of facets) for (const value of state.filters[facet]) params.append(facet, value);
		if (state.sort !== "relevance") params.set("sort", state.sort);
		const query = params.toString();
		const url = `${location.pathname}${query ? `?${query}` : ""}${location.hash}`;
		if (url !== `${location.pathname}${location.search}${location.hash}`) history.replaceState(null, "", url);
	}

	const activeFilters = (except?: Facet) => {
		const filters: Record<string, { any: string[] }> = {};
		for (const facet of facets) if (facet !== except && state.filters[facet].length > 0) filters[facet] = { any: state.filters[facet] };
		return filters;
	};
	const hasFilters = () => facets.some((facet) => state.filters[facet].length > 0);
	// With no words, a filter lists its articles; relevance means nothing there, so newest comes first.
	const sortOrder = () => (state.sort === "newest" || !state.q ? ({ date: "desc" } as const) : undefined);

	async function loadPagefind(): Promise<PagefindModule> {
		const fileSearch = window.topicDigestFileSearch;
		if (fromDisk && !fileSearch) throw new Error("the offline search shim did not load");
		// Under the dev server: listening before any index is read, so no change to the indexes is missed.
		if (config.recentBundle && !fromDisk) await reloadWhenIndexChanges();
		// A split index (src/search/combine.ts): each part is a bundle of its own, with its own pagefind.js.
		const parts = fromDisk ? [] : config.indexParts;
		const modules = await Promise.all(
			[bundle, ...parts.map((part) => new URL(part, bundle).href)].map(async (base): Promise<PagefindModule> => {
				const module: PagefindModule = fileSearch && fromDisk ? await fileSearch.load(base) : await import(`${base}pagefind.js`);
				// One call: options() before the first search replaces, not merges, what an earlier call set.
				await module.options({
					basePath: base,
					baseUrl: siteRoot,
					excerptLength: excerptWords,
					// From disk: no worker (none can start from file://). Served: the build's content hash, so that
					// Pagefind's metadata URL stays the same until the next build and the browser and the service
					// worker can cache it (without it Pagefind adds a timestamp to every load).
					...(fromDisk ? { noWorker: true } : { metaCacheTag: config.indexVersion }),
				});
				return module;
			}),
		);
		const pagefind = asOneIndex(modules);
		// The dev server's index of articles added since its last full index, when it holds any.
		if (config.recentBundle && !fromDisk) await mergeRecent(pagefind, new URL(config.recentBundle, location.href).href);
		return pagefind;
	}

	/**
	 * The dev server puts new articles into the recent index as soon as it has read them (before the
	 * rebuild and its reload), rebuilds the full index in the background, then empties the recent one. A
	 * page that read the full index before that swap and the recent one after it would miss the newest
	 * articles. The dev server says when either index changed, on the socket its live reload uses, and the
	 * page reloads (the search is in the address). Resolves once listening (or after 2 s without a socket:
	 * the page still searches).
	 */
	function reloadWhenIndexChanges(): Promise<void> {
		return new Promise((resolve) => {
			const listening = setTimeout(resolve, 2000);
			const ready = () => {
				clearTimeout(listening);
				resolve();
			};
			const socket = new WebSocket(location.origin.replace(/^http/, "ws"));
			socket.addEventListener("open", ready);
			socket.addEventListener("error", ready);
			socket.addEventListener("message", (event) => {
				const message = parseMessage(event.data);
				if (message?.type === "eleventy.msg" && message.message === searchIndexChangedMessage) location.reload();
			});
		});
	}

	async function mergeRecent(pagefind: PagefindModule, recent: string): Promise<void> {
		const entry: { languages?: object } = await fetch(`${recent}pagefind-entry.json`, { cache: "no-store" })
			.then((response) => (response.ok ? response.json() : {}))
			.catch(() => ({}));
		if (Object.keys(entry.languages || {}).length === 0) return;
		// Without it the digest is still searched, just not the newest articles until the full index has them.
		await pagefind
			.mergeIndex(recent, { baseUrl: siteRoot })
			.catch((error: unknown) => console.warn("New articles are not searchable yet:", error));
	}

	async function run(pagefind: PagefindModule): Promise<void> {
		const current = ++generation;
		writeState();
		root.setAttribute("aria-busy", "true");
		const searching = state.q !== "" || hasFilters();
		// The results first: they do not need the filter files, only the facet counts do.
		const countable = filtersLoaded;
		const response = searching
			? await pagefind.search(state.q ? searchTerms(state.q) : null, { filters: activeFilters(), sort: sortOrder() })
			: undefined;
		if (current !== generation) return;
		results = response ? response.results : [];
		shown = 0;
		list.replaceChildren();
		more.hidden = true;
		if (searching) {
			await showMore(current, false);
			if (current !== generation) return;
			renderStatus(searching);
		}
		// A search made before the filter files were loaded counted only what was loaded: not reused.
		if (filtersWanted()) await showFacetCounts(pagefind, current, countable ? response : undefined);
		if (current !== generation) return;
		renderStatus(searching);
		root.removeAttribute("aria-busy");
		// How many searches have been shown: lets tests (and anything else) wait for a specific one.
		root.dataset.searchesShown = String(current);
	}

	/** Loads the filter files (once) and shows each facet's values with their counts for the current search. */
	async function showFacetCounts(pagefind: PagefindModule, current: number, response?: PagefindSearch): Promise<void> {
		filtersPanel.setAttribute("aria-busy", "true");
		await loadFilters(pagefind);
		if (current !== generation) return;
		let counts: FilterCounts = totals;
		if (state.q !== "" || hasFilters()) {
			const counted =
				response ?? (await pagefind.search(state.q ? searchTerms(state.q) : null, { filters: activeFilters(), sort: sortOrder() }));
			// Counts within a facet ignore that facet's own choices (pick AP and Reuters still shows both).
			counts = { ...counted.filters };
			for (const facet of facets) {
				if (state.filters[facet].length === 0) continue;
				const others = await pagefind.search(state.q ? searchTerms(state.q) : null, { filters: activeFilters(facet) });
				counts[facet] = others.filters[facet] || {};
			}
		}
		if (current !== generation) return;
		renderFacets(counts);
		filtersPanel.removeAttribute("aria-busy");
	}

	async function showMore(current: number, moveFocus: boolean): Promise<void> {
		const batch = results.slice(shown, shown + pageSize);
		shown += batch.length;
		more.hidden = shown >= results.length;
		// Every excerpt is asked for at once and each result shown, in order, as soon as it and those before
		// it have arrived: the first is on screen after one fragment, not after the slowest of the batch.
		// Offline, a result whose fragment was never stored cannot be shown; the others still are.
		const items = batch.map((result) => result.data().then(renderResult, () => unavailableResult()));
		for (const [index, pending] of items.entries()) {
			const item = await pending;
			if (current !== generation) return;
			list.append(item);
			if (index === 0 && moveFocus) item.querySelector("a")?.focus();
		}
	}

	function renderStatus(searching: boolean): void {
		const count = results.length;
		const forQuery = state.q ? fill(words.forQuery, { q: state.q }) : "";
		const narrowed = hasFilters() ? words.withFilters : "";
		if (!searching) status.textContent = words.typeToSearch;
		else if (count === 0)
			status.textContent = `${state.q ? fill(words.noMatchQuery, { q: state.q }) : words.noMatch}${narrowed}${hasFilters() ? words.adviceFilters : words.advice}`;
		else {
			const phrase = words.articles[plurals.select(count)] ?? words.articles.other ?? "{n}";
			status.textContent = `${fill(phrase, { n: count.toLocaleString(language) })}${forQuery}${narrowed}`;
		}
		status.classList.toggle("search-empty", searching && count === 0);
		clear.hidden = !hasFilters();
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
		return fromDisk ? new URL(`${path}index.html`, siteRoot).href : `${siteRoot}${path}`;
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

	let typing: ReturnType<typeof setTimeout> | undefined;
	input.addEventListener("input", () => {
		clearTimeout(typing);
		typing = setTimeout(() => {
			state.q = input.value.trim();
			if (headerBox) headerBox.value = state.q;
			search();
		}, 120);
	});
	form.addEventListener("submit", (event) => {
		event.preventDefault();
		clearTimeout(typing);
		state.q = input.value.trim();
		search();
	});
	form.addEventListener("change", (event) => {
		const target = event.target;
		if (target === sortSelect) state.sort = sortSelect.value === "newest" ? "newest" : "relevance";
		else if (target instanceof HTMLInputElement && target.type === "checkbox" && isFacet(target.name)) {
			const chosen = state.filters[target.name];
			state.filters[target.name] = target.checked ? [...chosen, target.value] : chosen.filter((value) => value !== target.value);
		} else return;
		search();
	});
	root.addEventListener("click", (event) => {
		const toggle = event.target instanceof Element ? event.target.closest(".facet-more") : null;
		if (!toggle) return;
		const facet = toggle.closest<HTMLElement>("[data-facet]")?.dataset.facet;
		if (!facet) return;
		if (expanded.has(facet)) expanded.delete(facet);
		else expanded.add(facet);
		search();
		if (toggle instanceof HTMLElement) toggle.focus();
	});
	clear.addEventListener("click", () => {
		for (const facet of facets) state.filters[facet] = [];
		search();
		input.focus();
	});
	more.addEventListener("click", () => showMore(generation, true));
	window.addEventListener("popstate", () => {
		Object.assign(state, readState(new URLSearchParams(location.search)));
		input.value = state.q;
		sortSelect.value = state.sort;
		search();
	});

	function search(): void {
		if (!pagefind) return;
		run(pagefind).catch(fail);
	}

	function isFacet(name: string): name is Facet {
		return (facets as readonly string[]).includes(name);
	}

	function fail(error: unknown): void {
		root.removeAttribute("aria-busy");
		const message = error instanceof Error ? error.message : String(error);
		// Pagefind's words for an index without a page: the digest has no article search can list yet.
		status.textContent = /No language indexes found/.test(message) ? words.nothingYet : fill(words.couldNotLoad, { q: message });
		status.classList.add("search-empty");
		console.error(error);
	}

	loadPagefind()
		.then((loaded) => {
			pagefind = loaded;
			// Offered once search works: "first use" of the page, for an index small enough to save unasked.
			const offline = root.querySelector("[data-offline]");
			if (offline instanceof HTMLElement && !fromDisk) startOfflineControl(offline, { bundle });
			root.dataset.searchReady = "true";
			search();
		})
		.catch(fail);
}

function parseMessage(data: unknown): { type?: unknown; message?: unknown } | undefined {
	try {
		const parsed: unknown = JSON.parse(String(data));
		return typeof parsed === "object" && parsed !== null ? parsed : undefined;
	} catch {
		return undefined;
	}
}
