// Small helpers the search page's modules share: finding the page's elements, filling in its phrases.

/** The element the page's markup must have; a missing one is a broken build, not a reader's problem. */
export function required<T extends Element>(parent: ParentNode, selector: string, type: new () => T): T {
	const element = parent.querySelector(selector);
	if (!(element instanceof type)) throw new Error(`the search page has no ${selector}`);
	return element;
}

/** `{n}` and `{q}` of a phrase filled in (as text: the page sets it with textContent). */
export const fill = (phrase: string, values: { n?: number | string; q?: string }): string =>
	phrase.replace(/\{(n|q)\}/g, (_, key: "n" | "q") => String(values[key] ?? ""));

/** A search's generation: whether it is still the newest one, so a slower, older one stops drawing. */
export type StillCurrent = () => boolean;
