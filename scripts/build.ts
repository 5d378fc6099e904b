import { buildSite } from "../src/build.ts";
import { runCommand } from "../src/cli.ts";

await runCommand(
	{
		usage: "npm run build -- [--articles DIR] [--output DIR] [--path-prefix /repo/] [--site-url URL] [--strict]",
		summary: "Builds the whole digest (pages, feeds, search index) into a fresh folder and swaps it in only when everything succeeded.",
		options: {
			articles: { type: "string", default: "articles" },
			output: { type: "string", default: "_site" },
			"path-prefix": { type: "string", default: "/" },
			"site-url": { type: "string", default: "" },
			strict: { type: "boolean", default: false },
			drafts: { type: "boolean", default: false },
			"allow-html": { type: "boolean", default: false },
			"max-file-size": { type: "string", default: String(1024 * 1024) },
		},
		help: {
			articles: "the articles folder (default: articles)",
			output: "where the site is written (default: _site)",
			"path-prefix": "the sub-path the site is served from, e.g. /repo/ on GitHub Pages",
			"site-url": "public URL of the site, for canonical links, feeds and the sitemap",
			strict: "topics missing from topics.yaml are errors",
			drafts: "also build articles marked draft: true",
			"allow-html": "let raw HTML in Markdown through (off: it is shown as text)",
			"max-file-size": "largest article file accepted, in bytes (default: 1048576)",
		},
	},
	async (values) => {
		const maxFileBytes = Number(values["max-file-size"]);
		const result = await buildSite({
			articlesDir: values.articles,
			outputDir: values.output,
			pathPrefix: values["path-prefix"],
			siteUrl: values["site-url"],
			strict: values.strict,
			drafts: values.drafts,
			allowHtml: values["allow-html"],
			maxFileBytes: Number.isFinite(maxFileBytes) && maxFileBytes > 0 ? maxFileBytes : undefined,
		});
		for (const warning of result.digest.warnings) console.warn(`warning: ${warning}`);
		console.log(
			`Built ${result.digest.articles.length} articles into ${result.outputDir} (${result.pages} pages) in ${(result.timings.total / 1000).toFixed(1)} s.`,
		);
	},
);
