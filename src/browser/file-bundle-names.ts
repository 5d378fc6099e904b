// Which script of the file:// search bundle carries a Pagefind file: shared by the build that writes the
// bundle (src/search/file-bundle.ts) and the page that loads it (search-file-mode.ts), so the two cannot
// disagree.

/**
 * Pagefind names a result's fragment by its content hash (`fragment/en_0188fed.pf_fragment`). One script a
 * fragment meant a file per article written twice (10,000 news items: 10,116 bundle files, as many as
 * the index itself), so fragments travel in 256 scripts by the first two hex digits of that hash: the
 * same few files whatever the digest's size, ~40 fragments each at 10,000 articles, and a page of results
 * loads a few of them from disk. Every other file (index chunks, filters, metadata, Pagefind's script and
 * WebAssembly) has a script of its own.
 */
const fragmentName = /^((?:shards\/\d+\/)?)fragment\/(?:[a-z-]+_)?([0-9a-f]{2})[0-9a-f]*\.pf_fragment$/;

/**
 * The bundle script, relative to the bundle's folder, that carries the Pagefind file `name` (its path
 * inside `pagefind/`: a split index's other parts' files are under `shards/N/`, their fragments in 256
 * scripts of each part's own).
 */
export function fileBundleScript(name: string): string {
	const fragment = fragmentName.exec(name);
	return fragment ? `${fragment[1]}fragment/${fragment[2]}.js` : `${name}.js`;
}
