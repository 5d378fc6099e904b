/**
 * `.feeds-state.json` in the articles folder: what `fetch` remembers between runs, per feed URL: the
 * `ETag` and `Last-Modified` its server sent (asked back for a 304), when it was last read, and the items
 * already taken (by normalised URL), so that an article the editor deleted is not fetched again. A hidden
 * file: the build never reads or publishes it. Deleting it is safe: the next run reads every feed in full
 * and the digest's own articles still keep anything from being added twice.
 */
import { readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";

export const feedsStateFileName = ".feeds-state.json";

/** Items remembered per feed: far more than any feed lists at once, so a dropped one never reappears. */
const seenPerFeed = 2000;

const feedStateSchema = z.object({
	etag: z.string().optional(),
	lastModified: z.string().optional(),
	/** The feed's own title, to name it in a report when it answers 304. */
	title: z.string().optional(),
	/** ISO 8601, UTC: the last time the feed answered. */
	checked: z.string().optional(),
	/** Normalised URLs of the items taken (written, or found already in the digest), newest last. */
	seen: z.array(z.string()).default([]),
});
const stateSchema = z.object({ version: z.literal(1), feeds: z.record(z.string(), feedStateSchema) });

export type FeedState = z.output<typeof feedStateSchema>;
export type FeedsState = z.output<typeof stateSchema>;

/** The state as last saved; an absent or unreadable file is an empty state (the worst case is a full read). */
export async function readFeedsState(articlesDir: string): Promise<{ state: FeedsState; note?: string }> {
	const file = path.join(path.resolve(articlesDir), feedsStateFileName);
	const text = await readFile(file, "utf8").catch(() => undefined);
	const empty: FeedsState = { version: 1, feeds: {} };
	if (text === undefined) return { state: empty };
	try {
		return { state: stateSchema.parse(JSON.parse(text)) };
	} catch {
		return { state: empty, note: `${feedsStateFileName} could not be read and was started afresh` };
	}
}

export function rememberSeen(state: FeedState, urls: Iterable<string>): void {
	const seen = new Set(state.seen);
	for (const url of urls) {
		seen.delete(url);
		seen.add(url);
	}
	state.seen = [...seen].slice(-seenPerFeed);
}

/** Writes the state atomically (a half-written file would cost a full read of every feed), keys sorted. */
export async function writeFeedsState(articlesDir: string, state: FeedsState): Promise<void> {
	const file = path.join(path.resolve(articlesDir), feedsStateFileName);
	const feeds = Object.fromEntries(
		Object.keys(state.feeds)
			.sort()
			.map((url) => [url, state.feeds[url]]),
	);
	await writeFile(`${file}.tmp`, `${JSON.stringify({ version: 1, feeds }, null, "\t")}\n`);
	await rename(`${file}.tmp`, file);
}
