/**
 * What a long-running process (the dev server) keeps of the files its last load parsed, so that the next
 * load reads and parses only the files that changed. A file is taken as unchanged when its size, inode,
 * modification and change times are those seen last time; the disk cache (article-cache.ts) instead
 * hashes every file's bytes, which for 10,000 articles meant reading 10,000 files again (~0.5 s) and
 * deserialising the cache (~0.1 s) on every save in the editor.
 *
 * A timestamp can lie when a file is written again within the clock's resolution of the moment it was
 * looked at (the "racily clean" case git handles the same way): such an entry is never trusted on its
 * stamp, and the file is read and compared byte for byte instead.
 */
import { createHash } from "node:crypto";
import { type BigIntStats, statSync } from "node:fs";

/** Any modification closer than this to the moment the stamp was taken is not trusted. */
const racyWindowNs = 2_000_000_000n;

interface Remembered<T> {
	stamp: string;
	/** When the stamp was taken, in nanoseconds since the epoch. */
	seenNs: bigint;
	modifiedNs: bigint;
	/** A hash of the bytes, for a file whose stamp is not trusted. */
	digest: string;
	value: T;
}

export class ParsedFiles<T> {
	readonly #entries = new Map<string, Remembered<T>>();
	/** The parse settings the entries were made with: other settings make every entry useless. */
	#settings: string | undefined;
	/** Files the last loads took from here rather than reading and parsing them. */
	hits = 0;

	/** True until a load has filled it: the first load goes through the disk cache. */
	get empty(): boolean {
		return this.#entries.size === 0;
	}

	/** Drops every entry when the parse settings differ from those the entries were made with. */
	useSettings(settings: string): void {
		if (settings !== this.#settings) this.#entries.clear();
		this.#settings = settings;
	}

	/**
	 * The value remembered for `file` if the file is unchanged: by its stamp, or, when the stamp cannot be
	 * trusted, by reading it (`read`) and comparing the bytes.
	 */
	get(file: string, read: () => Buffer | number): T | undefined {
		const entry = this.#entries.get(file);
		if (!entry) return undefined;
		const stats = statSync(file, { bigint: true, throwIfNoEntry: false });
		if (!stats) return undefined;
		const stamp = stampOf(stats);
		if (stamp !== entry.stamp) return undefined;
		if (entry.seenNs - entry.modifiedNs > racyWindowNs) {
			this.hits++;
			return entry.value;
		}
		const bytes = read();
		if (typeof bytes === "number" || digestOf(bytes) !== entry.digest) return undefined;
		// The same bytes, seen again now: once the modification is old enough, the stamp will do.
		entry.seenNs = nowNs();
		this.hits++;
		return entry.value;
	}

	/** Remembers `value` for `file` as it is now on disk (`bytes` as read). */
	set(file: string, bytes: Buffer, value: T): void {
		const stats = statSync(file, { bigint: true, throwIfNoEntry: false });
		if (!stats) return;
		this.#entries.set(file, { stamp: stampOf(stats), seenNs: nowNs(), modifiedNs: stats.mtimeNs, digest: digestOf(bytes), value });
	}

	/** Forgets every file not in `files` (deleted, renamed, or no longer valid). */
	keepOnly(files: ReadonlySet<string>): void {
		for (const file of this.#entries.keys()) if (!files.has(file)) this.#entries.delete(file);
	}
}

const nowNs = (): bigint => BigInt(Date.now()) * 1_000_000n;

const stampOf = (stats: BigIntStats): string => `${stats.size}:${stats.ino}:${stats.mtimeNs}:${stats.ctimeNs}`;

const digestOf = (bytes: Buffer): string => createHash("sha1").update(bytes).digest("base64");
