/**
 * Several Pagefind indexes searched as one (a digest split by period, src/search/indexer.ts), for the
 * search page and the terminal alike: each index is its own copy of Pagefind (its own `pagefind.js`),
 * searched at once, and the answers are joined here. Not Pagefind's `mergeIndex`: when a search is sorted
 * it scores each result by its position in its own index, so merged indexes would interleave by position,
 * not by date. Here a date order keeps each index's own order and lays the indexes end to end (they hold
 * consecutive periods, newest first); relevance sorts all results by score, as `mergeIndex` does; filter
 * counts are added up.
 */

/** Facet name -> value -> number of pages. */
export type FilterCounts = Record<string, Record<string, number>>;

/** What of a Pagefind module and its answers is combined; the rest passes through untouched. */
export interface CombinableResult {
	score?: number;
}
export interface CombinableSearch<R extends CombinableResult> {
	results: R[];
	filters: FilterCounts;
	totalFilters?: FilterCounts;
	unfilteredResultCount?: number;
}
export interface CombinableModule<R extends CombinableResult, S extends CombinableSearch<R>> {
	search(term: string | null, options?: { sort?: Record<string, "asc" | "desc"> } & Record<string, unknown>): Promise<S>;
	filters(): Promise<FilterCounts>;
	mergeIndex(path: string, options?: { baseUrl?: string }): Promise<void>;
}

/**
 * One module over `modules` (newest index first). `mergeIndex` (the dev server's index of new articles)
 * goes to the first, the newest.
 */
export function combineIndexes<R extends CombinableResult, S extends CombinableSearch<R>, M extends CombinableModule<R, S>>(
	modules: readonly M[],
): Pick<M, "search" | "filters" | "mergeIndex"> {
	const [newest] = modules;
	if (!newest) throw new Error("combineIndexes needs at least one index");
	return {
		async search(term, options) {
			const answers = await Promise.all(modules.map((module) => module.search(term, options)));
			const direction = options?.sort ? Object.values(options.sort)[0] : undefined;
			const results =
				direction === "desc"
					? answers.flatMap((answer) => answer.results)
					: direction === "asc"
						? [...answers].reverse().flatMap((answer) => answer.results)
						: answers.flatMap((answer) => answer.results).sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
			const first = answers[0] as S;
			return {
				...first,
				results,
				filters: addCounts(answers.map((answer) => answer.filters)),
				...(first.totalFilters ? { totalFilters: addCounts(answers.map((answer) => answer.totalFilters ?? {})) } : {}),
				...(first.unfilteredResultCount === undefined
					? {}
					: { unfilteredResultCount: answers.reduce((sum, answer) => sum + (answer.unfilteredResultCount ?? 0), 0) }),
			} as S;
		},
		async filters() {
			return addCounts(await Promise.all(modules.map((module) => module.filters())));
		},
		mergeIndex: (path, options) => newest.mergeIndex(path, options),
	} as Pick<M, "search" | "filters" | "mergeIndex">;
}

/** Adds up the counts of each facet's values; a value one index lacks counts what the others have. */
export function addCounts(counts: readonly FilterCounts[]): FilterCounts {
	const sum: FilterCounts = {};
	for (const facets of counts)
		for (const [facet, values] of Object.entries(facets)) {
			const target = (sum[facet] ??= {});
			for (const [value, count] of Object.entries(values)) target[value] = (target[value] ?? 0) + count;
		}
	return sum;
}

/** `modules` as one module: the module itself when there is one index, else it with search combined. */
export function asOneIndex<R extends CombinableResult, S extends CombinableSearch<R>, M extends CombinableModule<R, S>>(
	modules: readonly M[],
): M {
	const [first] = modules;
	if (!first) throw new Error("asOneIndex needs at least one index");
	return modules.length === 1 ? first : { ...first, ...combineIndexes<R, S, M>(modules) };
}
