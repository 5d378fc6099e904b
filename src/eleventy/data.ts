/** The data Eleventy hands a page template: the site model plus the template's own pagination alias. */
import type { SiteModel } from "../model/collections.ts";
import type { PageLists } from "../model/page-kinds.ts";

export interface TemplateData {
	digest: SiteModel;
	/** What the paginated templates make pages of: all of it, or what a dev rebuild found changed. */
	pages: PageLists;
	/** The dev server's index of newly added articles is there to merge (src/search/contract.ts). */
	recentSearch: boolean;
	page: { url: string };
}

export interface PaginatedData<T> extends TemplateData {
	pagination: { items: T[]; pageNumber: number };
}
