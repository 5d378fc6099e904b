import { runCommand, UsageError } from "../src/commands/cli.ts";
import { NotABuiltSite, startServer } from "../src/commands/serve.ts";

await runCommand(
	{
		usage: "npm run serve -- [--output DIR] [--port N] [--host ADDRESS] [--path-prefix /repo/]",
		summary:
			"Serves a built site from its folder, with no network needed: for reading and searching a downloaded copy, or checking a build before publishing. The site is served under the path prefix it was built with.",
		options: {
			output: { type: "string", default: "_site" },
			port: { type: "string", default: "8080" },
			host: { type: "string", default: "127.0.0.1" },
			"path-prefix": { type: "string" },
		},
		help: {
			output: "the built site (default: _site)",
			port: "port to listen on (default: 8080; 0 picks a free one)",
			host: "address to listen on (default: 127.0.0.1, this machine only)",
			"path-prefix": "the sub-path the site was built for (default: read from the build)",
		},
	},
	async (values) => {
		const port = Number(values.port);
		if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, not "${values.port}"`);
		try {
			const server = await startServer({ outputDir: values.output, port, host: values.host, pathPrefix: values["path-prefix"] });
			console.log(`Serving ${values.output} at ${server.url} (Ctrl+C to stop)`);
			await new Promise<void>((resolve) => {
				process.once("SIGINT", resolve);
				process.once("SIGTERM", resolve);
			});
			await server.close();
		} catch (error) {
			if (error instanceof NotABuiltSite) throw new UsageError(error.message);
			if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") throw new UsageError(`port ${port} is in use: pick another with --port`);
			throw error;
		}
	},
);
