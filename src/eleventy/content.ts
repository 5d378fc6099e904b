/**
 * Loads the articles and exposes the site model to every template as the global `digest`, the items of
 * each page kind (src/model/page-kinds.ts) as the global `pages` (all of them, except in a dev server's
 * incremental rebuild), and `recentSearch` when the dev server keeps an index of new articles. A build
 * that validated the content first passes it in; the dev server passes the model and the pages whose
 * view changed on each rebuild.
 */
import { buildSiteModel, type SiteModel } from "../model/collections.ts";
import { type Digest, loadDigest } from "../content/load.ts";
import { allPages } from "../model/page-kinds.ts";
import { loaderOptions, sessionOf } from "./options.ts";

/** The digest each configuration's data cascade loaded (when the caller passed none), for the media plugin. */
const digests = new WeakMap<object, Digest>();
export const loadedDigest = (eleventyConfig: object): Digest | undefined => digests.get(eleventyConfig);

// biome-ignore lint/suspicious/noExplicitAny: Eleventy's config object is untyped.
export function contentPlugin(eleventyConfig: any): void {
	const session = sessionOf(eleventyConfig);
	eleventyConfig.addWatchTarget(session().articlesDir);
	// `digest` and `pages` are two globals over one model: built once per loaded digest.
	let built: { digest: Digest; model: SiteModel } | undefined;
	const model = async (): Promise<SiteModel> => {
		const options = session();
		if (options.model) return options.model;
		const digest = options.digest ?? (await loadDigest(options.articlesDir, loaderOptions(options)));
		// Frozen, Eleventy hands the model to each paginated template and page as it is: it deep-copies
		// unfrozen global data per paginated template and wraps it in proxies per page (npm run bench).
		if (built?.digest !== digest) built = { digest, model: Object.freeze(buildSiteModel(digest, options)) };
		digests.set(eleventyConfig, digest);
		return built.model;
	};
	eleventyConfig.addGlobalData("digest", model);
	eleventyConfig.addGlobalData("pages", async () => session().pages ?? allPages(await model()));
	eleventyConfig.addGlobalData("recentSearch", () => session().deferSearchIndex !== undefined);
}
