/**
 * A Pagefind index fed while Eleventy is still rendering. Pagefind indexes in its own process, so pages
 * handed over as they are rendered are indexed on another core at the same time, instead of all of them
 * after the last page (npm run bench: indexing was the largest phase of a build).
 *
 * Pagefind's output depends on the order pages are added, and Eleventy finishes pages in no promised
 * order, so pages are added in a fixed order given up front (the digest's): a page that arrives early
 * waits for the ones before it. Eleventy renders a paginated template in its data's order, so in
 * practice almost nothing waits.
 */
import path from "node:path";
import * as pagefind from "pagefind";
import { type IndexedPage, SearchIndexError, searchIndexDefaults, type SearchIndexOptions } from "./indexer.ts";

/** Indexes open in this process: Pagefind's service is shared, and closing it ends every one of them. */
let open = 0;

/** Pages sent to Pagefind and not yet answered, at most. */
const maxInFlight = 32;

interface QueuedPage {
	page: IndexedPage;
	resolve: (errors: string[]) => void;
	reject: (error: unknown) => void;
}

export class StreamingSearchIndex {
	readonly #position: Map<string, number>;
	readonly #early = new Map<number, IndexedPage>();
	readonly #unexpected: IndexedPage[] = [];
	#index: Promise<pagefind.PagefindIndex> | undefined;
	readonly #language: string;
	readonly #added: Promise<string[]>[] = [];
	readonly #queue: (QueuedPage | undefined)[] = [];
	readonly #offered = new Set<string>();
	#released = false;
	#sent = 0;
	#inFlight = 0;
	#next = 0;
	/** The most pages that waited at once (for the benchmark's curiosity). */
	mostWaiting = 0;

	/** `order`: the URLs of the pages expected, in the order they are added to the index. */
	constructor(order: readonly string[], options: SearchIndexOptions = {}) {
		const { language } = { ...searchIndexDefaults, ...options };
		this.#position = new Map(order.map((url, index) => [url, index]));
		this.#language = language;
		open++;
	}

	/** Pagefind's index, created with the first page: a big site can take minutes before its first article. */
	#indexNow(): Promise<pagefind.PagefindIndex> {
		if (!this.#index) {
			this.#index = pagefind.createIndex({ forceLanguage: this.#language }).then((created) => {
				if (created.errors.length > 0 || !created.index) throw new SearchIndexError(created.errors);
				return created.index;
			});
			// Failures are reported by finish(); until then nothing may go unhandled.
			this.#index.catch(() => {});
		}
		return this.#index;
	}

	/** Hands over a rendered page; it is added now or as soon as the pages before it are in. */
	offer(page: IndexedPage): void {
		// Eleventy may render a page twice (its content is also data); it is indexed once.
		if (this.#offered.has(page.url)) return;
		this.#offered.add(page.url);
		const position = this.#position.get(page.url);
		if (position === undefined || position < this.#next) {
			this.#unexpected.push(page);
			return;
		}
		this.#early.set(position, page);
		this.mostWaiting = Math.max(this.mostWaiting, this.#early.size);
		for (let ready = this.#early.get(this.#next); ready; ready = this.#early.get(this.#next)) {
			this.#early.delete(this.#next);
			this.#next++;
			this.#add(ready);
		}
	}

	/** Adds what is still waiting (pages that never came are skipped), writes `<outputDir>/pagefind/`. */
	async finish(outputDir: string): Promise<number> {
		try {
			for (const position of [...this.#early.keys()].sort((a, b) => a - b)) this.#add(this.#early.get(position) as IndexedPage);
			this.#early.clear();
			for (const page of this.#unexpected.sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0))) this.#add(page);
			const errors = (await Promise.all(this.#added)).flat();
			if (errors.length > 0) throw new SearchIndexError(errors);
			const written = await (await this.#indexNow()).writeFiles({ outputPath: path.join(outputDir, "pagefind") });
			if (written.errors.length > 0) throw new SearchIndexError(written.errors);
			return this.#added.length;
		} finally {
			await this.#release();
		}
	}

	/** Gives up (a failed build): stops Pagefind's process. */
	async abandon(): Promise<void> {
		await Promise.allSettled(this.#added);
		await this.#release();
	}

	/** Closes Pagefind's service once no index of this process needs it (builds may run side by side). */
	async #release(): Promise<void> {
		if (this.#released) return;
		this.#released = true;
		open--;
		if (open === 0) await pagefind.close();
	}

	#add(page: IndexedPage): void {
		const errors = new Promise<string[]>((resolve, reject) => this.#queue.push({ page, resolve, reject }));
		// Reported by finish(); until then a failure must not count as unhandled.
		errors.catch(() => {});
		this.#added.push(errors);
		this.#send();
	}

	/**
	 * Sends queued pages while fewer than `maxInFlight` are unanswered. Pagefind's client writes every
	 * message to the indexer's stdin at once, base64-encoded: without this bound, pages rendered faster
	 * than they are indexed pile up there as copies (gigabytes at 100,000 articles).
	 */
	#send(): void {
		while (this.#inFlight < maxInFlight && this.#sent < this.#queue.length) {
			const { page, resolve, reject } = this.#queue[this.#sent] as QueuedPage;
			// The page is Eleventy's own string; forgetting it here lets it go once Eleventy does.
			this.#queue[this.#sent++] = undefined;
			this.#inFlight++;
			// Each call is queued behind the index's creation in call order, so pages reach Pagefind in this order.
			this.#indexNow()
				.then((index) => index.addHTMLFile({ url: page.url, content: page.content }))
				.then((result) => resolve(result.errors.map((error) => `${page.url}: ${error}`)), reject)
				.finally(() => {
					this.#inFlight--;
					this.#send();
				});
		}
	}
}
