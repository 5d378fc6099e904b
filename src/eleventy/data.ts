/** The data Eleventy hands a page template: the site model plus the template's own pagination alias. */
import type { SiteModel } from "../collections.ts";

export interface TemplateData {
	digest: SiteModel;
	page: { url: string };
}

export interface PaginatedData<T> extends TemplateData {
	pagination: { items: T[]; pageNumber: number };
}
