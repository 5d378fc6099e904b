/** What `fetch` prints: one block per feed, then the totals. Failures go to standard error. */
import type { FetchReport } from "./fetch.ts";

const plural = (count: number, word: string, words = `${word}s`) => `${count} ${count === 1 ? word : words}`;

export function formatReport(report: FetchReport, show: (absolute: string) => string): { out: string[]; err: string[] } {
	const out: string[] = [...report.notes.map((note) => `note: ${note}`)];
	const err: string[] = [];
	const verb = report.dryRun ? "would add" : "added";
	const counted = report.dryRun ? "to add" : "added";
	for (const feed of report.feeds) {
		if (feed.outcome === "failed") {
			err.push(`failed: ${feed.url} (${feed.name}): ${feed.reason}`);
			continue;
		}
		if (feed.outcome === "not modified") {
			out.push(`${feed.url} (${feed.name}): not modified since the last run`);
			continue;
		}
		const counts = [
			`${feed.added.length} ${counted}`,
			plural(feed.duplicates.length, "duplicate"),
			`${feed.seenBefore} seen before`,
			`${feed.filtered.length} filtered out`,
			`${feed.malformed.length} skipped`,
		];
		out.push(`${feed.url} (${feed.name}): ${counts.join(", ")}`);
		for (const added of feed.added) out.push(`  ${verb}: ${show(added.file)}  "${added.title}"`);
		for (const duplicate of feed.duplicates) out.push(`  duplicate: "${duplicate.title}" ${duplicate.reason}`);
		for (const filtered of feed.filtered) out.push(`  filtered out: "${filtered.title}" ${filtered.reason}`);
		for (const malformed of feed.malformed) out.push(`  skipped: "${malformed.title}" ${malformed.reason}`);
		for (const note of feed.notes) out.push(`  note: ${note}`);
	}
	const sum = (pick: (feed: FetchReport["feeds"][number]) => number) => report.feeds.reduce((total, feed) => total + pick(feed), 0);
	const failed = report.feeds.filter((feed) => feed.outcome === "failed").length;
	out.push(
		`${report.dryRun ? "Dry run: " : ""}${plural(report.feeds.length, "feed")}, ${failed} failed; ` +
			`${plural(
				sum((feed) => feed.added.length),
				"article",
			)} ${report.dryRun ? "would be added" : "added"}, ` +
			`${plural(
				sum((feed) => feed.duplicates.length),
				"duplicate",
			)} and ${sum((feed) => feed.seenBefore)} seen before skipped, ` +
			`${sum((feed) => feed.filtered.length)} filtered out, ${sum((feed) => feed.malformed.length)} malformed.`,
	);
	return { out, err };
}
