/** Internal links carry the path prefix; these are the only way layouts build them. */
import type { Article } from "../../src/content/load.ts";

export interface LinkContext {
	/** `/` or `/repo/`. */
	pathPrefix: string;
}

/**
 * `/topics/` under the prefix, e.g. `/repo/topics/`. Percent-encoded: a site path may hold spaces or
 * letters beyond ASCII (an article's own permalink, Jekyll categories such as `/война в украине/`), which
 * a URL carries escaped; a plain ASCII path comes out as it went in.
 */
export function href(ctx: LinkContext, sitePath: string): string {
	return encodeURI(ctx.pathPrefix.replace(/\/$/, "") + (sitePath.startsWith("/") ? sitePath : `/${sitePath}`));
}

export const topicUrl = (slug: string): string => `/topics/${slug}/`;
/** `/people/<slug>/`, `/places/<slug>/` or `/topics/<slug>/`. */
export const facetUrl = (kind: "topics" | "people" | "places", slug: string): string => `/${kind}/${slug}/`;
export const articleUrl = (article: Pick<Article, "url">): string => article.url;

/** A picture's URL for the page: an https URL as it is, a file of the site under the prefix. */
export const imageHref = (ctx: LinkContext, url: string): string => (/^https:\/\//i.test(url) ? url : href(ctx, url));
