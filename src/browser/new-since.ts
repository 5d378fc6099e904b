// New since your last visit: marks the articles published after the reader's previous visit
// on list pages (article items, by their `<time datetime>`), and counts them per row on the topics, people and places indexes
// (rows with `data-dates`). Everything it needs is in the page; its only state is one localStorage entry
// per site (keyed by the path prefix): no cookie, no request, so it works offline and from disk alike.
//
// The state is { seen, since, at }: `seen` the newest article time of the newest build the reader has
// loaded, `since` the newest article time they had seen before this visit, `at` the last page view. A
// visit is page views less than 30 minutes apart; a new visit moves `since` up to `seen`. A first visit
// records the state and marks nothing. An article page marks nothing and carries no newest time (so that
// a newer article leaves it as it is): it only counts as a page view of the visit.
/** The marks' words by the page's language (`<html lang>`, its primary subtag), English for others. */
const markWords: Record<string, { new: string; count: string }> = {
	en: { new: "New", count: "{n} new" },
	ru: { new: "Новое", count: "новых: {n}" },
	uk: { new: "Нове", count: "нових: {n}" },
};

interface VisitState {
	/** The newest article time of the newest build the reader has loaded. */
	seen: string;
	/** The newest article time they had seen before this visit. */
	since: string;
	/** The last page view, in milliseconds. */
	at: number;
}

/**
 * Runs once, from the page's one script (site-search.ts imports this file): `script` is that element,
 * with the newest article's time (`data-newest`) and the site's path prefix (`data-scope`), which keys
 * the state per site.
 */
export function markNewSinceLastVisit(script: HTMLScriptElement | null): void {
	// Pages that mark nothing (an article's) carry no newest time: they only continue the visit.
	const given = script?.dataset.newest;
	const newest = given && !Number.isNaN(Date.parse(given)) ? given : undefined;
	const key = `topic-digest:last-visit:${script?.dataset.scope || "/"}`;
	const visitGap = 30 * 60 * 1000;

	let storage: Storage;
	try {
		storage = window.localStorage;
		storage.getItem(key);
	} catch {
		return; // storage refused (private mode, policy): nothing can be compared, so nothing is marked
	}
	const now = Date.now();
	const state = readState(storage.getItem(key));
	// This page view continues the visit, or starts a new one, which moves `since` up to `seen`.
	const viewed = state && { ...state, since: now - state.at > visitGap ? state.seen : state.since, at: now };
	if (newest === undefined) {
		// Nothing the reader has seen moves (a first visit starts on a list page).
		if (viewed) save(viewed);
		return;
	}
	const next: VisitState = viewed
		? { ...viewed, seen: Date.parse(newest) > Date.parse(viewed.seen) ? newest : viewed.seen }
		: { seen: newest, since: newest, at: now };
	save(next);
	const since = Date.parse(next.since);
	const isNew = (date: string | undefined): boolean => date !== undefined && Date.parse(date) > since;

	const words = markWords[document.documentElement.lang.split("-")[0]?.toLowerCase() ?? ""] ?? markWords.en;
	const mark = () => {
		for (const item of document.querySelectorAll<HTMLLIElement>(".article-list > li")) {
			const date = item.querySelector(".meta time")?.getAttribute("datetime") ?? undefined;
			if (!isNew(date) || item.classList.contains("is-new")) continue;
			item.classList.add("is-new");
			const badge = document.createElement("span");
			badge.className = "new-mark";
			badge.textContent = words?.new ?? "New";
			const meta = item.querySelector(".meta") || item;
			meta.prepend(badge, document.createTextNode(" "));
		}
		for (const row of document.querySelectorAll<HTMLElement>("[data-dates]")) {
			// Seconds since 1970 in base 36 (layouts/components/TopicsIndexView.tsx, compactTime).
			const dates = row.dataset.dates ? row.dataset.dates.split(" ") : [];
			const count = dates.filter((time) => parseInt(time, 36) * 1000 > since).length;
			const slot = row.querySelector("[data-new-count]");
			if (!slot || count === 0) continue;
			// A row carries only an entry's newest few times: all of them new means "at least".
			const shown = `${count}${count === dates.length && dates.length >= 20 ? "+" : ""}`;
			slot.textContent = (words?.count ?? "{n} new").replace("{n}", shown);
			slot.classList.add("new-mark");
		}
	};
	if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mark);
	else mark();

	function save(next: VisitState): void {
		try {
			storage.setItem(key, JSON.stringify(next));
		} catch {
			// full or read-only: marks still follow the state read above
		}
	}

	function readState(text: string | null): VisitState | undefined {
		try {
			const value = JSON.parse(text ?? "");
			if (value && typeof value.seen === "string" && typeof value.since === "string" && typeof value.at === "number") return value;
		} catch {
			// absent or unreadable: a first visit
		}
		return undefined;
	}
}
