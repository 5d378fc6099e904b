/**
 * The search page's configuration element as the build writes it and sets it after indexing
 * (src/search/page-config.ts): found in the page, changed, and written back without touching the rest.
 */
import { parseHTML } from "linkedom";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { readSearchConfig } from "../../src/browser/search-config.ts";
import { indexVersionPlaceholder, type SearchPageConfig, searchConfigId } from "../../src/search/contract.ts";
import { searchConfigIn, searchConfigJson, withSearchConfig } from "../../src/search/page-config.ts";
import { englishSearchWords } from "../../src/search/search-words.ts";

const rendered: SearchPageConfig = {
	siteRoot: "/repo/",
	siteRootFromPage: "../",
	bundle: "/repo/pagefind/",
	bundleFromPage: "../pagefind/",
	indexVersion: indexVersionPlaceholder,
	filters: "auto",
	indexParts: [],
	words: { ...englishSearchWords, forQuery: " for “{q}” </script><!-- & more" },
};

const page = (config: SearchPageConfig) =>
	`<!doctype html><html><body><section data-search=""><script type="application/json" id="${searchConfigId}">${searchConfigJson(config)}</script><h1>Search</h1><p data-x="</script>">after</p></section></body></html>`;

test("a word with </script> or <!-- stays inside the configuration element, and reads back the same in the page and in the build", () => {
	const html = page(rendered);
	assert.not.match(searchConfigJson(rendered), "<");
	assert.equal(searchConfigIn(html), rendered);
	const { document } = parseHTML(html);
	assert.equal(readSearchConfig(document as unknown as Document), rendered);
	assert.is(document.querySelector("h1")?.textContent, "Search", "the element ends where its JSON does");
});

test("after indexing only the configuration changes: the index's values are set, every other byte of the page is kept", () => {
	const html = page(rendered);
	const stamp = { indexVersion: "0123456789abcdef", filters: "on-request", indexParts: ["shards/1/", "shards/2/"] } as const;
	const stamped = withSearchConfig(html, (config) => ({ ...config, ...stamp, indexParts: [...stamp.indexParts] }));
	const expected = { ...rendered, ...stamp, indexParts: ["shards/1/", "shards/2/"] };
	assert.equal(searchConfigIn(stamped), expected);
	assert.is(stamped, page(expected), "same key order, same bytes as a page rendered with these values");
	// A page the dev server did not re-render is stamped again: the newest values replace the old ones.
	const again = withSearchConfig(stamped, (config) => ({ ...config, indexVersion: "fedcba9876543210", indexParts: [] }));
	assert.equal(searchConfigIn(again), { ...expected, indexVersion: "fedcba9876543210", indexParts: [] });
});

test("a page without the configuration element is left as it is, and the script falls back to English at the site's root", () => {
	const html = '<!doctype html><html><body><p data-index-version="x">no search here</p></body></html>';
	assert.is(
		withSearchConfig(html, (config) => ({ ...config, indexVersion: "changed" })),
		html,
	);
	assert.is(searchConfigIn(html), undefined);
	const broken = `<script type="application/json" id="${searchConfigId}">{"siteRoot": "/a/",</script>`;
	assert.is(searchConfigIn(broken), undefined, "not JSON: no configuration, no exception");
	assert.is(
		withSearchConfig(broken, (config) => config),
		broken,
	);
	const { document } = parseHTML(html);
	const fallback = readSearchConfig(document as unknown as Document);
	assert.is(fallback.siteRoot, "/");
	assert.equal(fallback.words, englishSearchWords);
});

test("the script keeps English for a word the page's configuration lacks", () => {
	const { words: _, ...withoutWords } = rendered;
	const html = page({ ...withoutWords, words: { noMatch: "Ничего не найдено." } } as unknown as SearchPageConfig);
	const { document } = parseHTML(html);
	const words = readSearchConfig(document as unknown as Document).words;
	assert.is(words.noMatch, "Ничего не найдено.");
	assert.is(words.advice, englishSearchWords.advice);
});

test.run();
