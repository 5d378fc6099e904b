/**
 * A rebuild in which every article page is carried over (src/commands/carry-over.ts), the same pages as
 * last time, hands Pagefind the bytes it indexed last time: the index it would write is the last one.
 * Then the last index is taken whole, linked as the fragments are (src/search/fragment-reuse.ts), and
 * Pagefind does not run (10,000 news items: ~2.2 s with the fragments taken, ~0.1 s for the links).
 *
 * What else an index is made of is held to be the same: the code, the lock file (Pagefind's version) and
 * the settings by the record's fingerprint, the pages' glob and the index's language (from the site's own
 * configuration) by the recorded `key`. Each of Pagefind's files must still be the one the record names,
 * by its identity or its bytes' hash (a folder restored from a CI cache), and every recorded fragment
 * must be a carried page's, its file the recorded one: the index's pages are then exactly the carried ones
 * it was built of. That holds too for the fragments partial reuse leaves out (a name Pagefind lengthened
 * because two pages shared its first digits, ~1 index in 6 at 10,000 pages): the index they are in is
 * taken as it is, clash and all.
 */
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { manifestPath } from "../browser/offline-protocol.ts";
import { fileBundleFolder } from "./file-bundle.ts";
import {
	type FileIdentity,
	linkFragments,
	type RecordedFragment,
	linkOrCopy,
	type RecordedFile,
	type ReusableFragments,
	recordedFile,
	reusableFragments,
	sameBytes,
	type WholeIndex,
} from "./fragment-reuse.ts";
import { packFolder } from "./offline.ts";

/** The last index as a build's record keeps it, besides its result fragments (`RenderRecord.fragments`). */
export interface RecordedIndex {
	/** What the index was made of besides its pages' bytes (`articleIndexKey`): the glob and the language. */
	key: string;
	/** Pagefind's other files, by path inside `pagefind/`. */
	files: Record<string, RecordedFile>;
}

/**
 * Paths inside `pagefind/` that are not among Pagefind's other files: the fragments (recorded apart, with
 * their pages) and what this project's own steps write after the indexer.
 */
const notPagefinds = ["fragment/", "shards/", `${packFolder}/`, `${fileBundleFolder}/`, path.posix.basename(manifestPath)];

/**
 * Pagefind's files among `files` (a site's, by path in the output folder), with their identities and the
 * hashes of their bytes (kept from `previous` for a file still holding the bytes it recorded), for the
 * next build's `reusableIndex`: of the index in `pagefind/` or, given its `folder` there, of one part of a
 * split index (`shards/N`). Undefined without a `key`.
 */
export function recordIndex(
	outputDir: string,
	files: ReadonlyMap<string, FileIdentity>,
	key: string | undefined,
	previous?: RecordedIndex,
	folder = "",
): RecordedIndex | undefined {
	if (key === undefined) return undefined;
	const prefix = folder ? `pagefind/${folder}/` : "pagefind/";
	const recorded: Record<string, RecordedFile> = {};
	for (const [file, identity] of files) {
		if (!file.startsWith(prefix)) continue;
		const inside = file.slice(prefix.length);
		if (notPagefinds.some((ours) => (ours.endsWith("/") ? inside.startsWith(ours) : inside === ours))) continue;
		recorded[inside] = recordedFile(path.join(outputDir, file), identity, previous?.key === key ? previous.files[inside] : undefined);
	}
	return { key, files: recorded };
}

/**
 * The last index to take whole, when it can be (see above); undefined otherwise. `pagefindDir` is the last
 * site's index folder; `fragments` all the last index had, as recorded; `reuse` those found reusable one
 * by one; `carried` the URLs of the pages carried over; `renderedArticles` how many article pages are
 * rendered now rather than carried over.
 */
export function reusableIndex(
	pagefindDir: string,
	recorded: RecordedIndex | undefined,
	key: string | undefined,
	fragments: Readonly<Record<string, RecordedFragment>>,
	reuse: ReusableFragments,
	carried: ReadonlySet<string>,
	renderedArticles: number,
): WholeIndex | undefined {
	if (recorded === undefined || key === undefined || recorded.key !== key || renderedArticles > 0) return undefined;
	const found = new Set(reuse.names);
	const every = Object.keys(fragments).sort();
	const carriedAsRecorded = (name: string) =>
		found.has(name) || (carried.has(fragments[name]?.url ?? "") && sameBytes(path.join(reuse.from, name), fragments[name]));
	if (!every.every(carriedAsRecorded)) return undefined;
	const files = Object.keys(recorded.files).sort();
	// An index always has its entry file: a record without it is not of a whole index.
	if (!files.includes("pagefind-entry.json")) return undefined;
	return files.every((file) => sameBytes(path.join(pagefindDir, file), recorded.files[file])) ? { files, fragments: every } : undefined;
}

/**
 * Puts the last index whole into `indexFolder` (made here): its fragments and other files, linked.
 * Returns false, leaving nothing there, when a file could not be taken (then the index is written).
 */
export function takeIndex(reuse: ReusableFragments & { index: WholeIndex }, indexFolder: string): boolean {
	const from = path.dirname(reuse.from);
	const fragments = { from: reuse.from, names: [...reuse.index.fragments] };
	try {
		if (linkFragments(fragments, indexFolder).size !== fragments.names.length) throw new Error("a fragment could not be taken");
		for (const file of reuse.index.files) {
			mkdirSync(path.dirname(path.join(indexFolder, file)), { recursive: true });
			linkOrCopy(path.join(from, file), path.join(indexFolder, file));
		}
		return true;
	} catch {
		rmSync(indexFolder, { recursive: true, force: true });
		return false;
	}
}

/** What a build's search index may take of the last build's (`reusableParts`). */
export interface IndexReuse {
	/** The last site's `pagefind/` folder. */
	lastIndex: string;
	/** Per index (a split index's parts, in order): the whole index, or fragments to link in; none. */
	parts: readonly (ReusableFragments | undefined)[];
}

/** One index of the last build as its record keeps it: of a split index, one part. */
export interface RecordedPart {
	/** Where it is inside `pagefind/`: `""` for the site's own index, `shards/N` for another part. */
	folder: string;
	/** Its result fragments, by file name. */
	fragments: Record<string, RecordedFragment>;
	/** Its other files. */
	index?: RecordedIndex;
}

/**
 * What each index of this build (`partUrls`: the article URLs of each, in order) can take of the last
 * build's (`recorded`, in the last site's `lastIndex` folder), from the one that held most of its pages
 * (a split index's parts are numbered newest first, so a new part moves the others on): that index whole
 * when it was made of exactly these pages, every one carried over (`carried`) and its files unchanged;
 * otherwise the result fragments of the carried pages. Undefined for an index that takes nothing.
 */
export function reusableParts(
	lastIndex: string,
	recorded: readonly RecordedPart[],
	key: string | undefined,
	partUrls: readonly (readonly string[])[],
	carried: ReadonlySet<string>,
): (ReusableFragments | undefined)[] {
	const heldBy = new Map<string, number>();
	recorded.forEach((part, index) => {
		for (const fragment of Object.values(part.fragments)) heldBy.set(fragment.url, index);
	});
	return partUrls.map((urls) => {
		const carriedHere = new Set(urls.filter((url) => carried.has(url)));
		const held = new Map<number, number>();
		for (const url of carriedHere) {
			const index = heldBy.get(url);
			if (index !== undefined) held.set(index, (held.get(index) ?? 0) + 1);
		}
		const [donorIndex, shared] = [...held].reduce((best, next) => (next[1] > best[1] ? next : best), [-1, 0]);
		const donor = recorded[donorIndex];
		if (!donor) return undefined;
		const fragments = reusableFragments(path.join(lastIndex, donor.folder, "fragment"), donor.fragments, carriedHere);
		const samePages = shared === urls.length && Object.keys(donor.fragments).length === urls.length;
		const whole = samePages
			? reusableIndex(path.join(lastIndex, donor.folder), donor.index, key, donor.fragments, fragments, carriedHere, 0)
			: undefined;
		if (whole) return { ...fragments, index: whole };
		return fragments.names.length > 0 ? fragments : undefined;
	});
}
