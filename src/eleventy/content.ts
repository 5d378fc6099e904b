/**
 * Loads the articles and exposes the site model to every template as the global `digest`. A build that
 * validated the content first passes it in; the dev server reloads it on each rebuild.
 */
import { buildSiteModel } from "../collections.ts";
import { loadDigest } from "../content/load.ts";
import { buildOptionsFor } from "./options.ts";

// biome-ignore lint/suspicious/noExplicitAny: Eleventy's config object is untyped.
export function contentPlugin(eleventyConfig: any): void {
	const options = buildOptionsFor(eleventyConfig);
	eleventyConfig.addWatchTarget(options.articlesDir);
	eleventyConfig.addGlobalData("digest", async () => {
		const digest =
			options.digest ??
			(await loadDigest(options.articlesDir, {
				drafts: options.drafts,
				strict: options.strict,
				allowHtml: options.allowHtml,
				maxFileBytes: options.maxFileBytes,
				cache: options.cacheDir === false ? false : { dir: options.cacheDir },
			}));
		// Frozen, Eleventy hands the model to each paginated template and page as it is: it deep-copies
		// unfrozen global data per paginated template and wraps it in proxies per page (npm run bench).
		return Object.freeze(buildSiteModel(digest, options));
	});
}
