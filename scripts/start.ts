import { runCommand, UsageError } from "../src/commands/cli.ts";
import { startDevServer } from "../src/commands/dev-server.ts";

await runCommand(
	{
		usage: "npm start -- [--articles DIR] [--port N] [--output DIR]",
		summary:
			"Builds the digest (drafts included) and serves it at http://localhost:8080 with live reload. Adding, editing or deleting an article rebuilds its page, the topic and timeline pages, home, feeds and the search index; an invalid edit is reported as path:line: field: what, and the last good site keeps being served. Editing a layout or a source file restarts it (scripts/restart-on-change.mjs).",
		options: {
			articles: { type: "string", default: "articles" },
			port: { type: "string", default: "8080" },
			output: { type: "string", default: "_site" },
		},
		help: {
			articles: "the articles folder (default: articles, the sample digest)",
			port: "the port to serve on; the next free one is used if it is taken (default: 8080)",
			output: "where the served site is written (default: _site)",
		},
	},
	async (values) => {
		const port = Number(values.port);
		if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port ${values.port} is not a port number`);
		const server = await startDevServer({ articlesDir: values.articles, port, outputDir: values.output });
		console.log(
			`Serving ${server.digest().articles.length} articles at ${server.url} — edit files in ${values.articles}/, Ctrl+C to stop.`,
		);
		const stop = () => void server.stop().then(() => process.exit(0));
		process.on("SIGINT", stop);
		// Started by scripts/restart-on-change.mjs (npm start): if that process is killed, this server stops
		// too rather than keep the port from the next npm start.
		if (process.channel) {
			if (process.connected) process.once("disconnect", stop);
			else stop();
		}
	},
);
