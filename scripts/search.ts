import { UsageError, runCommand } from "../src/commands/cli.ts";
import { searchFacets } from "../src/search/contract.ts";
import { languageFilterValue, SearchBundleMissing, searchBuiltSite, UnknownFacetValue } from "../src/search/terminal.ts";
import { formatTerminalResults } from "../src/search/terminal-format.ts";

await runCommand(
	{
		usage: 'npm run search -- "words" [--topic T]… [--source S]… [--year Y]… [--language L]… [--newest] [--limit N] [--output DIR]',
		summary:
			"Searches the built site's index from the terminal, with the same Pagefind bundle readers' browsers use (no network, no second index). Several values of one filter match any of them.",
		options: {
			topic: { type: "string", multiple: true },
			source: { type: "string", multiple: true },
			year: { type: "string", multiple: true },
			language: { type: "string", multiple: true },
			newest: { type: "boolean", default: false },
			limit: { type: "string", default: "10" },
			output: { type: "string", default: "_site" },
			list: { type: "boolean", default: false },
		},
		help: {
			topic: "only articles in this topic (title or slug; repeat for any of several)",
			source: "only articles from this source",
			year: "only articles from this year",
			language: "only articles in this language (a tag such as ru, or its name; repeat for any of several)",
			newest: "newest first instead of most relevant first",
			limit: "how many results to show (default: 10)",
			output: "the built site to search (default: _site)",
			list: "list the topics, sources, years and languages in the index, with counts",
		},
		allowPositionals: true,
	},
	async (values, positionals) => {
		const limit = Number(values.limit);
		if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a whole number above 0, not "${values.limit}"`);
		const query = positionals.join(" ");
		if (!query.trim() && !values.list && !values.topic && !values.source && !values.year && !values.language) {
			throw new UsageError('give words to search for, e.g. npm run search -- "Riyadh talks", or a filter such as --topic diplomacy');
		}
		try {
			const found = await searchBuiltSite({
				outputDir: values.output,
				query,
				filters: {
					topic: values.topic,
					source: values.source,
					year: values.year,
					language: values.language?.map(languageFilterValue),
				},
				newest: values.newest,
				limit,
			});
			if (values.list) {
				for (const { key, label } of searchFacets) {
					console.log(`${label}:`);
					const entries = Object.entries(found.facets[key] ?? {}).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], "en"));
					for (const [value, count] of entries) console.log(`  ${value} (${count})`);
				}
				if (!query.trim()) return 0;
			}
			process.stdout.write(formatTerminalResults(query, found, { color: process.stdout.isTTY === true }));
			return found.count > 0 ? 0 : 1;
		} catch (error) {
			if (error instanceof SearchBundleMissing || error instanceof UnknownFacetValue) throw new UsageError(error.message);
			throw error;
		}
	},
);
