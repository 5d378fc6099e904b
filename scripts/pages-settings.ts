import { runCommand, UsageError } from "../src/commands/cli.ts";
import { findCustomDomain, pagesTarget } from "../src/commands/github-pages.ts";

await runCommand(
	{
		usage: "npm run --silent pages-settings -- --repository OWNER/NAME [--pages-url URL] [--articles DIR]",
		summary:
			"Prints the path prefix and site URL a GitHub Pages build needs, as `path_prefix=…` and `site_url=…` lines for $GITHUB_OUTPUT: `/` for a CNAME custom domain or an OWNER.github.io repository, else the URL the Pages settings report, else `/NAME/`.",
		options: {
			repository: { type: "string", default: process.env.GITHUB_REPOSITORY ?? "" },
			"pages-url": { type: "string", default: "" },
			articles: { type: "string", default: "articles" },
		},
		help: {
			repository: "the repository as owner/name (default: $GITHUB_REPOSITORY)",
			"pages-url": "the site URL from the Pages settings (actions/configure-pages' base_url output)",
			articles: "the articles folder, where a CNAME file may set a custom domain (default: articles)",
		},
	},
	async (values) => {
		if (!values.repository) throw new UsageError("--repository OWNER/NAME is required (or set GITHUB_REPOSITORY).");
		const custom = await findCustomDomain(values.articles);
		const target = pagesTarget(values.repository, custom?.domain, values["pages-url"]);
		process.stdout.write(`path_prefix=${target.pathPrefix}\nsite_url=${target.siteUrl}\n`);
	},
);
