import { runCommand } from "../src/commands/cli.ts";
import { defaults, takeScreenshots } from "../src/docs/screenshots.ts";

await runCommand(
	{
		usage: "npm run screenshots -- [--articles DIR] [--images DIR] [--query WORDS]",
		summary:
			"Builds the digest into a temporary folder, serves it and photographs its home page and a search in headless Chromium (/usr/bin/chromium), for the README. The images are always the same size.",
		options: {
			articles: { type: "string", default: defaults.articlesDir },
			images: { type: "string", default: defaults.imagesDir },
			query: { type: "string", default: defaults.query },
		},
		help: {
			articles: `the digest to show (default: ${defaults.articlesDir})`,
			images: `where home.png and search.png are written (default: ${defaults.imagesDir})`,
			query: `the search shown (default: "${defaults.query}")`,
		},
	},
	async (values) => {
		// A failure (no Chromium, a query with no results) is printed as one line by runCommand.
		const written = await takeScreenshots({ articlesDir: values.articles, imagesDir: values.images, query: values.query });
		for (const file of written) console.log(file);
	},
);
