import { displayPath } from "../src/authoring/article-file.ts";
import { runCommand } from "../src/commands/cli.ts";
import { fetchDefaults, fetchFeeds } from "../src/feeds/fetch.ts";
import { formatReport } from "../src/feeds/report.ts";

await runCommand(
	{
		usage: "npm run fetch -- [--articles DIR] [--dry-run] [--full] [--drafts]",
		summary:
			"Reads every feed listed in the articles folder's feeds.yaml (RSS, RDF, Atom or JSON Feed) and writes one article per new item that passes the feed's filters, into articles/YYYY/MM/. Items the digest already has (same source URL, or same title on the same day) are skipped and counted. A feed that fails is reported and the others go on; the exit code is 1 if any failed. What each server sent last time is kept in .feeds-state.json beside feeds.yaml, so an unchanged feed costs a 304.",
		options: {
			articles: { type: "string", default: "articles" },
			"dry-run": { type: "boolean" },
			full: { type: "boolean" },
			drafts: { type: "boolean" },
			timeout: { type: "string" },
		},
		help: {
			articles: "the digest's articles folder, holding feeds.yaml (default: articles)",
			"dry-run": "print what would be added; write nothing, not even the state file",
			full: "fetch each new item's page and keep its readable text, as import does",
			drafts: "write the new articles as drafts (shown by npm start, not published until draft: true is removed)",
			timeout: `seconds each feed or page may take (default: ${fetchDefaults.timeoutMs / 1000})`,
		},
	},
	async (values) => {
		const timeout = values.timeout === undefined ? undefined : Number(values.timeout);
		if (timeout !== undefined && !(timeout > 0)) {
			console.error(`error: --timeout must be a number of seconds, not "${values.timeout}"`);
			return 2;
		}
		const report = await fetchFeeds({
			articlesDir: values.articles,
			dryRun: values["dry-run"],
			full: values.full,
			drafts: values.drafts,
			timeoutMs: timeout === undefined ? undefined : timeout * 1000,
			show: displayPath,
		});
		const { out, err } = formatReport(report, displayPath);
		for (const line of out) console.log(line);
		for (const line of err) console.error(line);
		return report.feeds.some((feed) => feed.outcome === "failed") ? 1 : 0;
	},
);
