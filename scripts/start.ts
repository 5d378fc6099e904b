import { runCommand } from "../src/cli.ts";
import { startDevServer } from "../src/dev-server.ts";

await runCommand(
	{
		usage: "npm start -- [--articles DIR] [--port N]",
		summary: "Builds the digest (drafts included) and serves it at http://localhost:8080 with live reload; adding or changing an article regenerates its pages and the search index.",
		options: {
			articles: { type: "string", default: "articles" },
			port: { type: "string", default: "8080" },
			output: { type: "string", default: "_site" },
		},
		help: {
			articles: "the articles folder (default: articles, the sample digest)",
			port: "the port to serve on (default: 8080)",
			output: "where the served site is written (default: _site)",
		},
	},
	async (values) => {
		const server = await startDevServer({ articlesDir: values.articles, port: Number(values.port), outputDir: values.output });
		process.on("SIGINT", () => {
			void server.stop().then(() => process.exit(0));
		});
	},
);
