import { displayPath, languageForNew, listFlag, todayInSiteZone, writeArticle } from "../src/authoring/article-file.ts";
import { runCommand, UsageError } from "../src/commands/cli.ts";

await runCommand(
	{
		usage: 'npm run new -- "Title" --topics a,b [--date YYYY-MM-DD] [--source NAME] [--url URL] [--authors "A, B"] [--lang L]',
		summary:
			"Scaffolds a new article at articles/YYYY/MM/<slug>.md (the slug from the title, transliterated) with valid front matter, and prints its path. Never overwrites an existing file.",
		options: {
			articles: { type: "string", default: "articles" },
			topics: { type: "string" },
			date: { type: "string" },
			source: { type: "string" },
			url: { type: "string" },
			authors: { type: "string" },
			summary: { type: "string" },
			draft: { type: "boolean", default: false },
			lang: { type: "string" },
		},
		help: {
			articles: "the digest's articles folder (default: articles)",
			topics: "comma-separated topics: slugs, titles or aliases (required)",
			date: 'publication date: YYYY-MM-DD, "YYYY-MM-DD HH:MM" or ISO with offset (default: today in the site\'s zone)',
			source: "the outlet's name",
			url: "the original article's URL",
			authors: "comma-separated authors",
			summary: "one or two sentences for lists, feeds and search results",
			draft: "mark it draft: true (shown by npm start only)",
			lang: "the article's language, e.g. ru or uk (default: the site's language, else the title's)",
		},
		allowPositionals: true,
	},
	async (values, positionals) => {
		const title = positionals.join(" ").trim();
		if (!title) throw new UsageError('give the article\'s title, e.g. npm run new -- "Talks in Riyadh" --topics diplomacy');
		const topics = listFlag(values.topics);
		if (topics.length === 0) throw new UsageError("an article needs at least one topic: --topics a,b");
		const name = values.source ?? (values.url ? hostOf(values.url) : undefined);
		const written = await writeArticle(values.articles, {
			title,
			date: values.date ?? (await todayInSiteZone(values.articles)),
			topics,
			lang: values.lang ?? (await languageForNew(values.articles, [title, values.summary ?? ""].join("\n"))),
			source: name ? { name, url: values.url } : undefined,
			authors: listFlag(values.authors),
			summary: values.summary,
			draft: values.draft,
			body: "Write the article here. The first paragraph is the summary unless the front matter has one.",
		});
		console.log(displayPath(written.file));
	},
);

function hostOf(url: string): string {
	try {
		return new URL(url).hostname.replace(/^www\./, "");
	} catch {
		throw new UsageError(`--url ${url} is not a URL`);
	}
}
