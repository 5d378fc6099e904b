/**
 * The dev server's recent index (`recentIndexFolder`): the articles of the digest that its last full index
 * does not hold yet, which the search page merges in. The full index is rebuilt in the background after
 * each change; until it is done, a new article is found through this one.
 *
 * It is written from three moments: as soon as a changed digest is loaded (from the new articles' indexed
 * part, rendered ahead of their pages: see search-record.tsx), after the rebuild has written the pages
 * (from those pages), and once a full index is in place (then it holds only what that one lacks). Writes
 * run one at a time, each from the state of its own moment, so the last write is always right; a failed
 * write fails its caller only.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Article, Digest } from "../content/load.ts";
import { recentIndexFolder } from "./contract.ts";
import { type IndexedPage, writeSearchIndex } from "./indexer.ts";
import { indexLanguage } from "./word-forms.ts";

export class RecentSearchIndex {
	/** The article URLs the last full index holds, once there is one. */
	#fullyIndexed: ReadonlySet<string> | undefined;
	#writes: Promise<void> = Promise.resolve();

	/** Whether a full index has been written: before it, a build indexes every article itself. */
	get hasFullIndex(): boolean {
		return this.#fullyIndexed !== undefined;
	}

	/** Records the articles a full index just written holds. */
	fullIndexWritten(urls: ReadonlySet<string>): void {
		this.#fullyIndexed = urls;
	}

	/**
	 * Rewrites the recent index in `outputDir` for the digest of that moment: each article the full index
	 * lacks, as `render` gives it (HTML holding the page's `data-pagefind-body`), else read from its written
	 * page. An article with neither (its page not written yet) waits for the full index.
	 */
	update(outputDir: string, digest: () => Digest | undefined, render?: (article: Article) => string): Promise<void> {
		const write = this.#writes
			.catch(() => undefined)
			.then(async () => {
				const current = digest();
				const fullyIndexed = this.#fullyIndexed;
				if (!current || !fullyIndexed) return;
				const pages: IndexedPage[] = [];
				for (const article of current.articles) {
					if (fullyIndexed.has(article.url)) continue;
					const content = render ? render(article) : await readFile(pageFile(outputDir, article), "utf8").catch(() => undefined);
					if (content !== undefined) pages.push({ url: article.url, content });
				}
				await writeSearchIndex(outputDir, pages, { folder: recentIndexFolder, language: indexLanguage(current.site.language) });
			});
		this.#writes = write;
		return write;
	}
}

const pageFile = (outputDir: string, article: Article): string => path.join(outputDir, ...article.url.split("/"), "index.html");
