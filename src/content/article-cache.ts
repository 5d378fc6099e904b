/**
 * A content-hash cache of parsed articles on disk, so the next build (or the dev server's next rebuild)
 * parses only the files that changed. An entry's key hashes everything a parsed article depends on: the
 * file's bytes and path, the parse settings, and a fingerprint of the parser itself (its source files
 * and the locked dependency versions). A stale entry can therefore never be returned; at worst it is
 * unused and dropped on the next save. Only valid articles are cached: problems are always found afresh.
 *
 * Entries live in a few shard files per articles folder, so that one added article rewrites one shard,
 * and 100,000 articles do not make 100,000 cache files. Any read or write failure just means a cold
 * parse: the cache is never needed for a correct build.
 */
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { deserialize, serialize } from "node:v8";

export interface ArticleCacheOptions {
	/**
	 * The cache's folder (one sub-folder per articles folder).
	 * @default "node_modules/.cache/topic-digest" of this project (not of the working directory)
	 */
	dir?: string;
	/**
	 * How many articles folders keep a cache; the least recently written ones beyond it are removed, so
	 * that builds of many temporary folders (tests) do not fill the disk.
	 * @default 20
	 */
	keepFolders?: number;
	/**
	 * Folders with fewer article files are parsed without the cache: it saves nothing measurable there.
	 * @default 500
	 */
	minFiles?: number;
}

export const articleCacheDefaults = {
	dir: fileURLToPath(new URL("../../node_modules/.cache/topic-digest", import.meta.url)),
	keepFolders: 20,
	minFiles: 500,
} satisfies Required<ArticleCacheOptions>;

/** 16 shards: one added article rewrites about 1/16 of the cache. */
const shardCount = 16;
const shardFile = (shard: number) => `${shard.toString(16)}.v8`;
const format = "topic-digest-articles-1";

interface ShardContent<T> {
	format: string;
	entries: [string, T][];
}

export class ArticleCache<T> {
	readonly #folder: string;
	readonly #root: string;
	readonly #keepFolders: number;
	readonly #salt: string;
	readonly #shards: Map<string, T>[];
	/** Keys read or written during this load: what the next save keeps. */
	readonly #used = new Set<string>();
	readonly #dirty = new Set<number>();
	hits = 0;
	misses = 0;

	private constructor(root: string, folder: string, salt: string, keepFolders: number, shards: Map<string, T>[]) {
		this.#root = root;
		this.#folder = folder;
		this.#salt = salt;
		this.#keepFolders = keepFolders;
		this.#shards = shards;
	}

	/** Opens the cache of the articles folder `root`; `salt` is everything besides a file that shapes its entry. */
	static async open<T>(root: string, salt: string, options: ArticleCacheOptions = {}): Promise<ArticleCache<T>> {
		const { dir, keepFolders } = { ...articleCacheDefaults, ...options };
		const folder = path.join(path.resolve(dir), createHash("sha256").update(path.resolve(root)).digest("hex").slice(0, 16));
		const shards = await Promise.all(
			Array.from({ length: shardCount }, async (_, shard) => {
				try {
					const content = deserialize(await readFile(path.join(folder, shardFile(shard)))) as ShardContent<T>;
					return content.format === format ? new Map(content.entries) : new Map<string, T>();
				} catch {
					return new Map<string, T>();
				}
			}),
		);
		return new ArticleCache<T>(root, folder, salt, keepFolders, shards);
	}

	/** The key of a file's entry: its path (slug and date can come from the name), its bytes, the salt. */
	keyOf(file: string, bytes: Uint8Array): string {
		return createHash("sha256").update(this.#salt).update("\0").update(file).update("\0").update(bytes).digest("hex");
	}

	/** Entries the cache holds. */
	get size(): number {
		return this.#shards.reduce((sum, shard) => sum + shard.size, 0);
	}

	get(key: string): T | undefined {
		const value = this.#shardOf(key).get(key);
		if (value === undefined) this.misses++;
		else {
			this.hits++;
			this.#used.add(key);
		}
		return value;
	}

	set(key: string, value: T): void {
		const shard = this.#shardOf(key);
		if (!shard.has(key)) this.#dirty.add(Number.parseInt(key[0] ?? "0", 16));
		shard.set(key, value);
		this.#used.add(key);
	}

	/** Writes the shards that changed, keeping only the entries this load used. */
	async save(): Promise<void> {
		try {
			await mkdir(this.#folder, { recursive: true });
			await Promise.all(
				this.#shards.map(async (entries, shard) => {
					const kept = [...entries].filter(([key]) => this.#used.has(key));
					if (!this.#dirty.has(shard) && kept.length === entries.size) return;
					const file = path.join(this.#folder, shardFile(shard));
					const temporary = `${file}.${process.pid}.tmp`;
					await writeFile(temporary, serialize({ format, entries: kept } satisfies ShardContent<T>));
					await rename(temporary, file);
				}),
			);
			await writeFile(path.join(this.#folder, "root.txt"), `${this.#root}\n`);
			await this.#pruneFolders();
		} catch {
			// A read-only or full disk costs the next build its speed, never its correctness.
		}
	}

	#shardOf(key: string): Map<string, T> {
		return this.#shards[Number.parseInt(key[0] ?? "0", 16)] ?? new Map();
	}

	async #pruneFolders(): Promise<void> {
		const parent = path.dirname(this.#folder);
		const folders = await readdir(parent, { withFileTypes: true });
		const dated = await Promise.all(
			folders
				// Only the folders of this cache (named by the hash of an articles folder): others share the parent.
				.filter((entry) => entry.isDirectory() && /^[0-9a-f]{16}$/.test(entry.name))
				.map(async (entry) => ({
					folder: path.join(parent, entry.name),
					written: (await stat(path.join(parent, entry.name, "root.txt")).catch(() => undefined))?.mtimeMs ?? 0,
				})),
		);
		dated.sort((a, b) => b.written - a.written);
		await Promise.all(dated.slice(this.#keepFolders).map(({ folder }) => rm(folder, { recursive: true, force: true })));
	}
}

/**
 * A fingerprint of the code that turns a file into an article: the given source files and the lock
 * file of the installed dependencies. Editing the parser or upgrading markdown-it invalidates the cache.
 */
export async function codeFingerprint(files: readonly URL[]): Promise<string> {
	const hash = createHash("sha256").update(format);
	for (const file of files) hash.update(await readFile(file).catch(() => Buffer.from(`missing ${file.href}`)));
	return hash.digest("hex");
}
