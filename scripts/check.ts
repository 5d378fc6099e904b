import { displayPath } from "../src/authoring/article-file.ts";
import { runCommand } from "../src/commands/cli.ts";
import { loadDigest } from "../src/content/load.ts";
import { ContentError } from "../src/content/problems.ts";
import { draftsLeftOut, formatTally } from "../src/content/tally.ts";
import { summariseWarnings } from "../src/content/warnings.ts";
import { feedsFileProblems } from "../src/feeds/config.ts";

await runCommand(
	{
		usage: "npm run check -- [--articles DIR] [--strict]",
		summary:
			"Validates every article, the topics registry and feeds.yaml (if the digest follows feeds) without building; lists every problem, then exits non-zero if there was any.",
		options: {
			articles: { type: "string", default: "articles" },
			strict: { type: "boolean", default: false },
			"max-file-size": { type: "string", default: String(1024 * 1024) },
		},
		help: {
			articles: "the articles folder (default: articles)",
			strict: "articles without topics and topics missing from topics.yaml are errors",
			"max-file-size": "largest article file accepted, in bytes (default: 1048576)",
		},
	},
	async (values) => {
		const feedProblems = await feedsFileProblems(values.articles, displayPath);
		let digest: Awaited<ReturnType<typeof loadDigest>>;
		try {
			digest = await loadDigest(values.articles, {
				strict: values.strict,
				drafts: true,
				maxFileBytes: Number(values["max-file-size"]) || undefined,
			});
		} catch (error) {
			if (error instanceof ContentError) throw new ContentError([...error.problems, ...feedProblems], error.tally);
			throw error;
		}
		if (feedProblems.length > 0) throw new ContentError(feedProblems);
		if (digest.engineConfig) console.log(digest.engineConfig);
		for (const line of summariseWarnings(digest.warnings)) console.warn(line);
		console.log(`${digest.articles.length} articles and ${digest.topics.size} topics are valid.`);
		// Drafts are validated above, but the count says what a build publishes.
		if (digest.tally) console.log(formatTally(draftsLeftOut(digest.tally, digest.articles)));
	},
);
