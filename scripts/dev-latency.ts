import { measureDevLatency } from "../src/bench/dev-latency.ts";
import { runCommand, UsageError } from "../src/commands/cli.ts";

await runCommand(
	{
		usage: "npm run dev-latency -- [--articles N] [--shape blog|news]",
		summary:
			"Generates a digest of N articles, starts the dev server on it, adds one article and reports how long it took until its page was served and until the running site's search found it.",
		options: {
			articles: { type: "string", default: "5000" },
			shape: { type: "string", default: "blog" },
		},
		help: {
			articles: "articles in the generated digest (default: 5000)",
			shape: "blog (long posts) or news (short items, many topics), as in npm run bench (default: blog)",
		},
	},
	async (values) => {
		const articles = Number(values.articles);
		if (!Number.isInteger(articles) || articles < 1) throw new UsageError(`--articles ${values.articles} is not a positive whole number`);
		const shape = values.shape;
		if (shape !== "blog" && shape !== "news") throw new UsageError(`--shape ${shape} is not blog or news`);
		const report = await measureDevLatency({ articles, shape });
		const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
		console.log(
			`${report.articles} articles: first build and server ${seconds(report.startup)}; after adding one article, page served in ${seconds(report.served)}, searchable in ${seconds(report.searchable)}.`,
		);
	},
);
