import { displayPath, listFlag } from "../src/authoring/article-file.ts";
import { importArticle } from "../src/authoring/import.ts";
import { createProgress } from "../src/authoring/progress.ts";
import { reportError, runCommand } from "../src/commands/cli.ts";

await runCommand(
	{
		usage: "npm run import -- FILE|URL [FILE|URL …] [--date YYYY-MM-DD] [--topics a,b] [--source NAME] [--url URL] [--lang L]",
		summary:
			"Turns a raw text copy of a news page (first line the headline), an HTML file or a URL into articles/YYYY/MM/<slug>.md, with the site's menus, ads, teasers and footers removed. Prints the path of each article written. Refuses to overwrite a file or to import an article the digest already has (same source URL, or same title and date).",
		options: {
			articles: { type: "string", default: "articles" },
			date: { type: "string" },
			topics: { type: "string" },
			source: { type: "string" },
			url: { type: "string" },
			authors: { type: "string" },
			title: { type: "string" },
			lang: { type: "string" },
		},
		help: {
			articles: "the digest's articles folder (default: articles)",
			date: 'publication date (YYYY-MM-DD, "YYYY-MM-DD HH:MM" or ISO); required for raw text without a dateline',
			topics: "comma-separated topics (default: the page's tags, if it has any)",
			source: "the outlet's name (default: the page's site name)",
			url: "the original article's URL (default: the page's canonical URL)",
			authors: "comma-separated authors (default: the page's byline)",
			title: "the headline (default: the page's)",
			lang: "the article's language, e.g. ru or uk (default: detected from its text, else the page's)",
		},
		allowPositionals: true,
	},
	async (values, inputs) => {
		if (inputs.length === 0) {
			console.error("error: name a file or URL to import. Run with --help for the options.");
			return 2;
		}
		const topics = listFlag(values.topics);
		const authors = listFlag(values.authors);
		const progress = createProgress({ label: "Importing", total: inputs.length });
		let failed = 0;
		for (const input of inputs) {
			try {
				const written = await importArticle(input, {
					articlesDir: values.articles,
					date: values.date,
					topics: topics.length > 0 ? topics : undefined,
					source: values.source,
					url: values.url,
					authors: authors.length > 0 ? authors : undefined,
					title: values.title,
					lang: values.lang,
				});
				console.log(displayPath(written.file));
			} catch (error) {
				// One bad page does not stop the others; the exit code still says something failed.
				failed = Math.max(failed, reportError(error));
			}
			progress.tick(input);
		}
		progress.stop();
		return failed;
	},
);
