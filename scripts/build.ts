import { buildSite } from "../src/commands/build.ts";
import { runCommand, UsageError } from "../src/commands/cli.ts";
import { formatTally } from "../src/content/tally.ts";
import { summariseWarnings } from "../src/content/warnings.ts";
import { sizeWarning } from "../src/commands/github-pages.ts";

await runCommand(
	{
		usage:
			"npm run build -- [--articles DIR] [--output DIR] [--path-prefix /repo/] [--site-url URL] [--strict] [--future] [--no-file-search] [--no-offline]",
		summary: "Builds the whole digest (pages, feeds, search index) into a fresh folder and swaps it in only when everything succeeded.",
		options: {
			articles: { type: "string", default: "articles" },
			output: { type: "string", default: "_site" },
			"path-prefix": { type: "string", default: "/" },
			"site-url": { type: "string", default: "" },
			strict: { type: "boolean", default: false },
			future: { type: "boolean", default: false },
			drafts: { type: "boolean", default: false },
			"allow-html": { type: "boolean" },
			"max-file-size": { type: "string", default: String(1024 * 1024) },
			"no-file-search": { type: "boolean", default: false },
			"no-offline": { type: "boolean", default: false },
			"file-search-max-mb": { type: "string", default: "64" },
			"cache-dir": { type: "string" },
			"no-cache": { type: "boolean", default: false },
		},
		help: {
			articles: "the articles folder (default: articles)",
			output: "where the site is written (default: _site)",
			"path-prefix": "the sub-path the site is served from, e.g. /repo/ on GitHub Pages",
			"site-url": "public URL of the site, for canonical links, feeds and the sitemap",
			strict: "articles without topics and topics missing from topics.yaml are errors",
			future: "also build scheduled articles (publishDate or date still to come)",
			drafts: "also build articles marked draft: true",
			"allow-html": "let raw HTML in Markdown through, sanitised, even where site.yaml says rawHtml: escape (sanitised is the default)",
			"max-file-size": "largest article file accepted, in bytes (default: 1048576)",
			"no-file-search":
				"leave out the copy of the search index that lets a downloaded site search when opened from disk (file://); it adds ~35% of the index",
			"no-offline":
				"no service worker: pages are not kept for reading offline and search cannot be saved for offline use (leaves out pagefind/offline/, ~5% of a large digest)",
			"file-search-max-mb": "leave it out automatically above this many MB of search index (default: 64, about 30,000 articles)",
			"cache-dir":
				"where parsed articles and the record of the pages written are kept for the next build, which parses only changed articles and renders only changed pages (default: node_modules/.cache/topic-digest)",
			"no-cache": "parse every article and render every page, neither reading nor writing the cache",
		},
	},
	async (values) => {
		const maxFileBytes = Number(values["max-file-size"]);
		const fileSearchMaxMb = Number(values["file-search-max-mb"]);
		if (!Number.isFinite(fileSearchMaxMb) || fileSearchMaxMb < 0)
			throw new UsageError(`--file-search-max-mb must be a number of megabytes, not "${values["file-search-max-mb"]}"`);
		const result = await buildSite({
			articlesDir: values.articles,
			outputDir: values.output,
			pathPrefix: values["path-prefix"],
			siteUrl: values["site-url"],
			strict: values.strict,
			future: values.future,
			drafts: values.drafts,
			allowHtml: values["allow-html"],
			maxFileBytes: Number.isFinite(maxFileBytes) && maxFileBytes > 0 ? maxFileBytes : undefined,
			fileSearch: !values["no-file-search"],
			serviceWorker: !values["no-offline"],
			fileSearchMaxBytes: Math.round(fileSearchMaxMb * 1024 * 1024),
			cacheDir: values["no-cache"] ? false : values["cache-dir"],
		});
		if (result.digest.engineConfig) console.log(result.digest.engineConfig);
		for (const line of summariseWarnings(result.digest.warnings)) console.warn(line);
		const size = sizeWarning(result.size, { articles: result.digest.articles.length });
		if (size) console.warn(`warning: ${size}`);
		console.log(
			`Built ${result.digest.articles.length} articles into ${result.outputDir} (${result.pages} pages${result.carried > 0 ? `, ${result.carried} unchanged since the last build` : ""}) in ${(result.timings.total / 1000).toFixed(1)} s.`,
		);
		if (result.digest.tally) console.log(formatTally(result.digest.tally));
	},
);
