import { type CorpusShape, corpusShapes } from "../src/bench/corpus.ts";
import { type HugoTheme, hugoThemes } from "../src/bench/hugo.ts";
import { formatReport, runBench } from "../src/bench/run.ts";
import { runCommand, UsageError } from "../src/commands/cli.ts";

await runCommand(
	{
		usage:
			"npm run bench -- [--articles N [--shape news|blog] [--unique-slugs] [--languages 1|3] | --corpus DIR] [--json] [--hugo minimal,full | --no-hugo] [--no-dev] [--no-browser] [--search-timeout S] [--repeat N] [--keep DIR]",
		summary:
			"Builds a digest five times (cold; again with the site in place; a warm cache into a new folder, as on a first CI run; the cache and the site restored as new files, as on CI; one article added), the same articles with Hugo (a minimal theme and bench/hugo) + the Pagefind CLI, times adding one article in the dev server until it is served and searchable, and a search in headless Chromium against Pagefind's Default UI; prints every figure beside its target.",
		options: {
			articles: { type: "string", default: "1000" },
			corpus: { type: "string" },
			shape: { type: "string", default: "blog" },
			"unique-slugs": { type: "boolean", default: false },
			languages: { type: "string", default: "1" },
			hugo: { type: "string", default: hugoThemes.join(",") },
			json: { type: "boolean", default: false },
			"no-hugo": { type: "boolean", default: false },
			"no-dev": { type: "boolean", default: false },
			"no-browser": { type: "boolean", default: false },
			query: { type: "string" },
			"next-query": { type: "string" },
			"search-timeout": { type: "string", default: "600" },
			keep: { type: "string" },
			repeat: { type: "string", default: "1" },
		},
		help: {
			articles: "generate a deterministic digest of N articles (default: 1000)",
			corpus: "measure this articles folder instead of a generated one",
			shape:
				'the generated digest: "blog" (long articles, few topics each) or "news" (a news-event archive: ~60-word items, a long tail of topics, file names repeated within a month) (default: blog)',
			languages:
				"3: every third generated article in Russian, every third in Ukrainian (Cyrillic, letter for letter, no lang field), to compare the index time and search payload with 1 (default: 1)",
			"unique-slugs": "news: name items DD-event-NNNN.md so that no two of a month share a slug (for article URLs without the day)",
			hugo: 'the Hugo themes to compare with: "minimal" (bench/hugo-minimal, the targets\' reference) and "full" (bench/hugo) (default: minimal,full)',
			json: "print the report as JSON instead of a table",
			"no-hugo": "skip the Hugo + Pagefind CLI comparison",
			"no-dev": "skip the dev server's add-one-article latency",
			"no-browser": "skip the search measured in Chromium",
			query:
				'the search measured in Chromium (default: "ceasefire"; with --corpus, when no article holds it, the word most of its headlines hold)',
			"next-query":
				'the query typed next on the same page (default: "embassy sanctions"; with --corpus, when no article holds it, a headline word never beside the first)',
			"search-timeout": "seconds the browser waits for each query's results before recording that it gave up (default: 600)",
			keep: "work in DIR and keep the corpus, outputs and caches there",
			repeat:
				"build and run the anchor (Hugo minimal + Pagefind) N times, alternating, and the two searches N times, and report each figure's middle run with every round's ratio (default: 1; an odd N has a true middle)",
		},
	},
	async (values) => {
		const articles = Number(values.articles);
		if (!values.corpus && (!Number.isInteger(articles) || articles < 1))
			throw new UsageError(`--articles ${values.articles} is not a positive whole number`);
		if (!corpusShapes.includes(values.shape as CorpusShape))
			throw new UsageError(`--shape ${values.shape} is not one of ${corpusShapes.join(", ")}`);
		const themes = values.hugo.split(",").filter(Boolean);
		const unknownTheme = themes.find((theme) => !hugoThemes.includes(theme as HugoTheme));
		if (unknownTheme) throw new UsageError(`--hugo ${unknownTheme} is not one of ${hugoThemes.join(", ")}`);
		const repeat = Number(values.repeat);
		if (!Number.isInteger(repeat) || repeat < 1) throw new UsageError(`--repeat ${values.repeat} is not a positive whole number`);
		const searchTimeout = Number(values["search-timeout"]);
		if (!(searchTimeout > 0)) throw new UsageError(`--search-timeout ${values["search-timeout"]} is not a positive number of seconds`);
		// Eleventy (in the dev server) prints its [11ty] lines with console.log: keep stdout for the report.
		console.log = console.error;
		const report = await runBench({
			articles,
			corpus: values.corpus,
			shape: values.shape as CorpusShape,
			uniqueSlugs: values["unique-slugs"],
			languages: values.languages === "3" ? 3 : 1,
			workDir: values.keep,
			keep: values.keep !== undefined,
			hugo: values["no-hugo"] ? false : (themes as HugoTheme[]),
			dev: !values["no-dev"],
			browser: !values["no-browser"],
			queries: [values.query, values["next-query"]],
			searchTimeoutMs: searchTimeout * 1000,
			repeat,
			log: (line) => console.error(line),
		});
		process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
	},
);
