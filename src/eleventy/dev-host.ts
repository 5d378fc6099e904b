/**
 * The dev server's Eleventy: the one module that drives Eleventy for `npm start` and reaches into what its
 * types do not declare (its dev server's reload messages, its file watcher, its watch state). The dev
 * server (src/commands/dev-server.ts) gives it the session the plugins read and the steps to run around each
 * rebuild; Eleventy renders, writes and serves.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import Eleventy from "@11ty/eleventy";
import { pagesDir } from "../paths.ts";
import siteConfig from "../../eleventy.config.ts";
import { type BuildSession, useSession } from "./options.ts";

export interface DevHostSteps {
	/** Before a rebuild, with the files that changed (Eleventy waits for it). */
	beforeRebuild(changed: string[]): Promise<void>;
	/** As a build starts rendering. */
	rendering(): void;
	/** Each page rendered, by URL. */
	rendered(url: string): void;
	/** After a rebuild, once every `eleventy.after` handler (the search plugin's included) is done. */
	afterRebuild(): void;
}

export interface DevHostOptions {
	outputDir: string;
	/** 0 picks a free one. */
	port: number;
	/** The session in force: the plugins read it whenever they run. */
	session: () => BuildSession;
	steps: DevHostSteps;
	/** Sees every request the server answers. */
	middleware: (request: IncomingMessage, response: ServerResponse, next: () => void) => void;
	/** Whether a deleted file rebuilds like a changed one (Eleventy itself only logs deletions). */
	rebuildOnDelete: (file: string) => boolean;
}

export interface DevHost {
	/** `http://localhost:PORT/`, once the server listens. */
	url: string;
	/** Sends `message` to every open page (Eleventy's reload channel). */
	announce(message: string): void;
	/** Stops watching and waits (two minutes at most) for a rebuild under way. */
	stop(): Promise<void>;
}

/** Builds once, then watches and serves. */
export async function startDevHost(options: DevHostOptions): Promise<DevHost> {
	const { steps } = options;
	let announceUrl: (url: string) => void = () => {};
	const listening = new Promise<string>((resolve) => {
		announceUrl = resolve;
	});
	const eleventy = new Eleventy(pagesDir, options.outputDir, {
		source: "cli",
		// No file: eleventy.config.ts is applied at the end of `config`, so that Eleventy imports no TypeScript.
		configPath: "",
		runMode: "serve",
		// biome-ignore lint/suspicious/noExplicitAny: Eleventy's config object is untyped.
		config: (eleventyConfig: any) => {
			// This runs again whenever Eleventy reloads its configuration.
			useSession(eleventyConfig, options.session);
			eleventyConfig.setServerOptions({
				port: options.port,
				showVersion: false,
				middleware: [options.middleware],
				// biome-ignore lint/suspicious/noExplicitAny: Eleventy's dev server is untyped.
				ready: (server: any) => announceUrl(server.getServerUrl("localhost")),
			});
			eleventyConfig.on("eleventy.beforeWatch", (changed: string[]) => steps.beforeRebuild(changed));
			eleventyConfig.on("eleventy.before", () => steps.rendering());
			eleventyConfig.addTransform("digest-rendered", function (this: { page: { url?: string | false } }, content: string) {
				if (typeof this.page.url === "string") steps.rendered(this.page.url);
				return content;
			});
			eleventyConfig.on("eleventy.afterwatch", () => steps.afterRebuild());
			siteConfig(eleventyConfig);
		},
	});
	await eleventy.init();
	const rebuildFor = (await eleventy.watch()) as unknown as (file: string) => Promise<void>;
	// biome-ignore lint/suspicious/noExplicitAny: Eleventy's chokidar watcher is untyped.
	(eleventy as any).watcher?.on("unlink", (file: string) => {
		if (options.rebuildOnDelete(file)) void rebuildFor(file);
	});
	await eleventy.serve(options.port);
	return {
		url: await listening,
		announce: (message) => {
			try {
				// biome-ignore lint/suspicious/noExplicitAny: Eleventy's dev server is untyped.
				(eleventy as any).eleventyServe.server.sendUpdateNotification({ type: "eleventy.msg", message });
			} catch {
				// The server has stopped (Eleventy throws when it has none): no page is left to tell.
			}
		},
		stop: async () => {
			await eleventy.stopWatch();
			// biome-ignore lint/suspicious/noExplicitAny: Eleventy's watch state is untyped.
			const watchManager = (eleventy as any).watchManager as { isBuildRunning(): boolean } | undefined;
			const deadline = performance.now() + 120_000;
			while (watchManager?.isBuildRunning() && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
		},
	};
}
