/**
 * The Eleventy data of a template that writes one page per item of an array in the site model (articles,
 * topic pages, timeline periods): the single pattern that keeps page rendering linear, since each page
 * receives only its own item.
 */
export function onePagePer<Alias extends string, Item>(source: string, alias: Alias, outputPath: (item: Item) => string) {
	return {
		pagination: { data: source, size: 1, alias, addAllPagesToCollections: false },
		permalink: (data: Record<Alias, Item>) => outputPath(data[alias]),
		eleventyExcludeFromCollections: true,
	};
}
