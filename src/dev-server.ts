/**
 * `npm start`: build the digest with drafts and serve it with Eleventy's dev server, which reloads the
 * browser after every rebuild. The articles folder is watched, so an added or edited article rebuilds
 * the pages and the search index.
 */
import Eleventy from "@11ty/eleventy";
import { setBuildOptions } from "./eleventy/options.ts";
import { configFile, pagesDir } from "./paths.ts";

export interface DevServerOptions {
	/**
	 * The articles folder.
	 * @default "articles"
	 */
	articlesDir?: string;
	/**
	 * Where the served site is written.
	 * @default "_site"
	 */
	outputDir?: string;
	/**
	 * The port to serve on.
	 * @default 8080
	 */
	port?: number;
}

export const devServerDefaults = { articlesDir: "articles", outputDir: "_site", port: 8080 } satisfies Required<DevServerOptions>;

export async function startDevServer(options: DevServerOptions = {}): Promise<{ stop: () => Promise<void> }> {
	const { articlesDir, outputDir, port } = { ...devServerDefaults, ...options };
	const eleventy = new Eleventy(pagesDir, outputDir, {
		source: "cli",
		configPath: configFile,
		runMode: "serve",
		// biome-ignore lint/suspicious/noExplicitAny: Eleventy's config object is untyped.
		config: (eleventyConfig: any) => {
			setBuildOptions(eleventyConfig, { articlesDir, drafts: true });
			eleventyConfig.setServerOptions({ port, showVersion: false });
		},
	});
	await eleventy.init();
	await eleventy.watch();
	await eleventy.serve(port);
	return { stop: () => eleventy.stopWatch() };
}
