import { formatReport, runBench } from "../src/bench/run.ts";
import { runCommand, UsageError } from "../src/cli.ts";

await runCommand(
	{
		usage:
			"npm run bench -- [--articles N | --corpus DIR] [--json] [--no-hugo] [--no-dev] [--no-browser] [--search-timeout S] [--keep DIR]",
		summary:
			"Builds a digest twice (cold, then warm parse cache), the same articles with Hugo + the Pagefind CLI, times adding one article in the dev server until it is served and searchable, and a search in headless Chromium; prints every figure beside its target.",
		options: {
			articles: { type: "string", default: "1000" },
			corpus: { type: "string" },
			json: { type: "boolean", default: false },
			"no-hugo": { type: "boolean", default: false },
			"no-dev": { type: "boolean", default: false },
			"no-browser": { type: "boolean", default: false },
			query: { type: "string", default: "ceasefire" },
			"next-query": { type: "string", default: "embassy sanctions" },
			"search-timeout": { type: "string", default: "600" },
			keep: { type: "string" },
		},
		help: {
			articles: "generate a deterministic digest of N articles (default: 1000)",
			corpus: "measure this articles folder instead of a generated one",
			json: "print the report as JSON instead of a table",
			"no-hugo": "skip the Hugo + Pagefind CLI comparison",
			"no-dev": "skip the dev server's add-one-article latency",
			"no-browser": "skip the search measured in Chromium",
			query: 'the search measured in Chromium (default: "ceasefire")',
			"next-query": 'the query typed next on the same page (default: "embassy sanctions")',
			"search-timeout": "seconds the browser waits for each query's results before recording that it gave up (default: 600)",
			keep: "work in DIR and keep the corpus, outputs and caches there",
		},
	},
	async (values) => {
		const articles = Number(values.articles);
		if (!values.corpus && (!Number.isInteger(articles) || articles < 1))
			throw new UsageError(`--articles ${values.articles} is not a positive whole number`);
		const searchTimeout = Number(values["search-timeout"]);
		if (!(searchTimeout > 0)) throw new UsageError(`--search-timeout ${values["search-timeout"]} is not a positive number of seconds`);
		// Eleventy (in the dev server) prints its [11ty] lines with console.log: keep stdout for the report.
		console.log = console.error;
		const report = await runBench({
			articles,
			corpus: values.corpus,
			workDir: values.keep,
			keep: values.keep !== undefined,
			hugo: !values["no-hugo"],
			dev: !values["no-dev"],
			browser: !values["no-browser"],
			queries: [values.query, values["next-query"]],
			searchTimeoutMs: searchTimeout * 1000,
			log: (line) => console.error(line),
		});
		process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
	},
);
