/**
 * A rebuild that carries article pages over unchanged (src/commands/carry-over.ts) can also carry over
 * their result fragments: Pagefind names a fragment by a hash of its content and does not write a
 * fragment file that already exists, so the fragments linked into the new index folder beforehand are
 * left as they are and only the others are compressed and written (10,000 news items: the CLI's 3.8 s
 * become 2.2 s).
 *
 * A name is the first 7 hex digits of the content's SHA-1, made longer only when two pages of one index
 * share them. So a name alone could also stand for another page's content, and reuse is held to what
 * cannot be mistaken:
 *
 * - only fragments of pages carried over (their indexed content is the same bytes as last time), whose
 *   name was not lengthened and shared its digits with no other fragment last time, and whose file is
 *   still the one recorded;
 * - after the run, the index must have one fragment file per page, and no file written now may share its
 *   digits with a linked one (a page now colliding with a carried one): otherwise the index is built
 *   again from nothing. Then a linked name is the one fragment of its digits, and it is its page's.
 */
import { createHash } from "node:crypto";
import { copyFileSync, linkSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";

export interface ReusableFragments {
	/** The previous site's fragment folder (`pagefind/fragment/`). */
	from: string;
	/** File names there: fragments of pages carried over, safe to reuse (see above). */
	names: string[];
	/** Set when the whole last index can be taken (src/search/index-reuse.ts). */
	index?: WholeIndex;
}

/** The last index, to be taken whole. */
export interface WholeIndex {
	/** Pagefind's other files, by path inside the folder `from` is in. */
	files: readonly string[];
	/**
	 * Every fragment's name: `names` and those it leaves out for a name lengthened or shared in a clash,
	 * which the same pages in the same index are given again.
	 */
	fragments: readonly string[];
}

/** `en_0188fed.pf_fragment` → the language and the hash digits. */
const fragmentName = /^(.+)_([0-9a-f]+)\.pf_fragment$/;

/** The shortest hash among `names`: the length Pagefind gives a name nothing else shares. */
function shortestHash(names: Iterable<string>): number {
	let shortest = Number.POSITIVE_INFINITY;
	for (const name of names) {
		const hash = fragmentName.exec(name)?.[2];
		if (hash && hash.length < shortest) shortest = hash.length;
	}
	return shortest;
}

/** A name's language and first `digits` hash digits: names that share it were one collision. */
function baseOf(name: string, digits: number): string | undefined {
	const [, language, hash] = fragmentName.exec(name) ?? [];
	return language && hash ? `${language}_${hash.slice(0, digits)}` : undefined;
}

/**
 * The fragments of the last index (`fragments`, by file name, as recorded) that a new index of the pages
 * in `carried` can take as they are.
 */
export function reusableFragments(
	from: string,
	fragments: Readonly<Record<string, RecordedFragment>>,
	carried: ReadonlySet<string>,
): ReusableFragments {
	const names = Object.keys(fragments);
	const digits = shortestHash(names);
	const shared = new Map<string, number>();
	for (const name of names) {
		const base = baseOf(name, digits);
		if (base) shared.set(base, (shared.get(base) ?? 0) + 1);
	}
	const reusable = names.filter((name) => {
		const [, , hash] = fragmentName.exec(name) ?? [];
		const base = baseOf(name, digits);
		if (hash?.length !== digits || base === undefined || shared.get(base) !== 1 || !carried.has(fragments[name]?.url ?? "")) return false;
		// Still the bytes the record names, not a file put there or written to since.
		return sameBytes(path.join(from, name), fragments[name]);
	});
	return { from, names: reusable.sort() };
}

/** Links the reusable fragments into `indexFolder/fragment/` before Pagefind writes there; returns their names. */
export function linkFragments(reuse: ReusableFragments, indexFolder: string): Set<string> {
	const folder = path.join(indexFolder, "fragment");
	mkdirSync(folder, { recursive: true });
	const linked = new Set<string>();
	for (const name of reuse.names) {
		try {
			linkOrCopy(path.join(reuse.from, name), path.join(folder, name));
		} catch {
			continue;
		}
		linked.add(name);
	}
	return linked;
}

/**
 * Puts `source` at `target` as a hard link (the same file, nothing read or written), or as a copy where
 * a link cannot be made (another file system). A build never writes into a file it took this way.
 */
export function linkOrCopy(source: string, target: string): void {
	try {
		linkSync(source, target);
	} catch {
		copyFileSync(source, target);
	}
}

/**
 * Whether the index Pagefind wrote into `indexFolder` around the `linked` fragments is whole: one
 * fragment file per indexed page, and no fragment written now sharing its digits with a linked one.
 */
export function reuseHeld(indexFolder: string, linked: ReadonlySet<string>, indexed: number): boolean {
	const names = readdirSync(path.join(indexFolder, "fragment"));
	if (names.length !== indexed) return false;
	const digits = shortestHash(names);
	const linkedBases = new Set([...linked].map((name) => baseOf(name, digits)));
	return names.every((name) => linked.has(name) || !linkedBases.has(baseOf(name, digits)));
}

/** A file a build wrote, as its record keeps it: the file, and a SHA-256 of its bytes. */
export interface RecordedFile extends FileIdentity {
	sha256: string;
}

/**
 * Whether `file` holds the bytes `recorded` describes. An output folder put back from elsewhere has the
 * same bytes in new files (another inode): a CI cache's `tar` keeps each file's size and modification
 * time, which are trusted as they are for the file itself (a write changes the time); a file of the
 * recorded size with another time is taken only when its bytes hash as recorded.
 */
export function sameBytes(file: string, recorded: RecordedFile | undefined, found = identityOf(file)): boolean {
	if (recorded === undefined || found === undefined || found.size !== recorded.size) return false;
	if (found.mtimeMs === recorded.mtimeMs) return true;
	return sha256Of(readFileSync(file)) === recorded.sha256;
}

const sha256Of = (bytes: string | Uint8Array): string => createHash("sha256").update(bytes).digest("hex");

/** `file` (found as `identity`) as a record keeps it: with `previous`'s hash while it holds those bytes, read otherwise. */
export function recordedFile(file: string, identity: FileIdentity, previous?: RecordedFile): RecordedFile {
	if (previous?.sha256 && sameBytes(file, previous, identity)) return { ...identity, sha256: previous.sha256 };
	return { ...identity, sha256: sha256Of(readFileSync(file)) };
}

/**
 * The previous build's `pagefind/` folder, seen from this build's (`pagefindDir`): `unchanged(file)` says
 * whether a file (a path inside `pagefind/`) is still the previous build's own, linked rather than written
 * again. The offline packs and the file:// bundle ask about the same files: each is looked at once.
 */
export interface PreviousIndex {
	dir: string;
	unchanged(file: string): boolean;
}

export function previousIndex(dir: string, pagefindDir: string, files: IndexFiles = indexFiles(pagefindDir)): PreviousIndex {
	const seen = new Map<string, boolean>();
	return {
		dir,
		unchanged(file) {
			let same = seen.get(file);
			if (same === undefined) {
				same = sameIdentity(files.identity(file), identityOf(path.join(dir, file)));
				seen.set(file, same);
			}
			return same;
		},
	};
}

/**
 * The files of an index just written, each looked at once however many steps ask about it (the offline
 * packs, the file:// bundle, the previous index's check: four stats a result fragment before, ~20,000
 * extra stats in a 10,000-item rebuild). Paths are inside `pagefind/`. For files the step does not write.
 * Looked at synchronously: one awaited stat after another took ~0.45 s for 10,000 fragments, `statSync`
 * 0.05 s.
 */
export interface IndexFiles {
	identity(file: string): FileIdentity | undefined;
	/** Bytes of a file that is there (listed a moment ago); throws when it is not. */
	size(file: string): number;
	/** A file's content, read once when `keepContents` was asked for (the packs and the file:// bundle both read every file). */
	contents(file: string): Buffer;
}

export function indexFiles(pagefindDir: string, { keepContents = false } = {}): IndexFiles {
	const seen = new Map<string, FileIdentity | undefined>();
	const read = new Map<string, Buffer>();
	const identity = (file: string) => {
		if (!seen.has(file)) seen.set(file, identityOf(path.join(pagefindDir, file)));
		return seen.get(file);
	};
	return {
		identity,
		size(file) {
			const found = identity(file);
			if (!found) throw new Error(`${path.join(pagefindDir, file)}: no such file in the index just written`);
			return found.size;
		},
		contents(file) {
			let bytes = read.get(file);
			if (!bytes) {
				bytes = readFileSync(path.join(pagefindDir, file));
				if (keepContents) read.set(file, bytes);
			}
			return bytes;
		},
	};
}

/** A file as a build's record keeps it: one with other values is not the file that build wrote. */
export interface FileIdentity {
	ino: number;
	size: number;
	mtimeMs: number;
}

/** `file`'s identity, or undefined when it is not there. */
export function identityOf(file: string): FileIdentity | undefined {
	const found = statSync(file, { throwIfNoEntry: false });
	return found && { ino: found.ino, size: found.size, mtimeMs: found.mtimeMs };
}

/** Whether two identities are of one file, unchanged. */
const sameIdentity = (found: FileIdentity | undefined, recorded: FileIdentity | undefined): boolean =>
	found !== undefined &&
	recorded !== undefined &&
	found.ino === recorded.ino &&
	found.size === recorded.size &&
	found.mtimeMs === recorded.mtimeMs;

/** A fragment file as the record of a build keeps it: its page, the file's identity and its bytes' hash. */
export interface RecordedFragment extends RecordedFile {
	url: string;
}

/**
 * A fragment as the offline packs read it (`readFragment`), by file name (a split index's other parts'
 * by `shards/N/` and the name): what the record keeps of it but its identity.
 */
export type ReadFragments = Map<string, { url: string; sha256: string }>;

/**
 * Notes in `into` the page and hash of the fragment file `name` (its gzipped `bytes`, and `decompressed`),
 * as `fragmentUrls` would read them.
 */
export function readFragment(into: ReadFragments, name: string, bytes: Buffer, decompressed: Buffer): void {
	const url = pageUrlOf(decompressed);
	if (url !== undefined) into.set(name, { url, sha256: sha256Of(bytes) });
}

/**
 * The page URL of a result fragment, decompressed: `pagefind_dcd`, then the fragment's JSON. Pagefind
 * writes the URL first, so it is read from the start of the text; any other layout is parsed whole.
 */
function pageUrlOf(decompressed: Buffer): string | undefined {
	const quoted = /^pagefind_dcd\{"url":("(?:[^"\\]|\\.)*")/.exec(decompressed.subarray(0, 2048).toString("utf8"))?.[1];
	if (quoted) return JSON.parse(quoted) as string;
	const text = decompressed.toString("utf8");
	const url = (JSON.parse(text.slice(text.indexOf("{"))) as { url?: unknown }).url;
	return typeof url === "string" ? url : undefined;
}

/**
 * Every fragment of `indexFolder` with its page's URL, for the next build's `reusableFragments`. A file
 * that still holds the bytes `previous` recorded (linked this time) keeps its entry; one the offline packs
 * read (`read`) takes what they found; the others are read (gunzipped: `pagefind_dcd`, then the
 * fragment's JSON). `identities` are the files' as the caller found them already, by name; `part`, a
 * split index's part (`shards/N`) the packs noted its fragments under.
 */
export function fragmentUrls(
	indexFolder: string,
	previous: Readonly<Record<string, RecordedFragment>> = {},
	identities?: ReadonlyMap<string, FileIdentity>,
	read?: ReadFragments,
	part = "",
): Record<string, RecordedFragment> {
	const folder = path.join(indexFolder, "fragment");
	let names: string[];
	try {
		names = readdirSync(folder).filter((name) => fragmentName.test(name));
	} catch {
		return {};
	}
	const fragments: Record<string, RecordedFragment> = {};
	for (const name of names.sort()) {
		const file = path.join(folder, name);
		const known = previous[name];
		const identity = identities ? identities.get(name) : identityOf(file);
		if (!identity) continue;
		// The bytes recorded, in this file or a copy of it (a restored folder's): its entry, with the file's
		// identity now. An entry of an older record has no hash to check them by: read again.
		if (known?.sha256 && sameBytes(file, known, identity)) {
			fragments[name] = { ...known, ...identity };
			continue;
		}
		// Read by the packs a moment ago (nothing writes an index once Pagefind is done): not read again.
		const packed = read?.get(part ? `${part}/${name}` : name);
		if (packed) {
			fragments[name] = { url: packed.url, ...identity, sha256: packed.sha256 };
			continue;
		}
		const bytes = readFileSync(file);
		const url = pageUrlOf(gunzipSync(bytes));
		if (url !== undefined) fragments[name] = { url, ...identity, sha256: sha256Of(bytes) };
	}
	return fragments;
}
