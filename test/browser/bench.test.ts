/**
 * `npm run bench` on a small generated digest: every figure the report promises is there, and a step that
 * does not finish (a query with no results never shows one) is recorded as a failed figure instead of
 * ending the run without a report.
 */
import { existsSync } from "node:fs";
import { cp, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { buildRuns, formatReport, runBench } from "../../src/bench/run.ts";
import { projectRoot } from "../../src/paths.ts";
import { tempDir } from "../support/fixtures.ts";

/** Every file under `dir` with its content. */
async function listing(dir: string): Promise<Record<string, string>> {
	const files: Record<string, string> = {};
	for (const entry of await readdir(dir, { recursive: true, withFileTypes: true }))
		if (entry.isFile())
			files[path.relative(dir, path.join(entry.parentPath, entry.name))] = await readFile(path.join(entry.parentPath, entry.name), "utf8");
	return files;
}

test("the bench builds five times (a site restored as new files carried over, the last with one article added), measures a search in Chromium and records a query that never shows results as not met", async () => {
	const report = await runBench({
		articles: 40,
		hugo: false,
		dev: false,
		queries: ["zzznotawordanywhere", "ceasefire"],
		searchTimeoutMs: 3000,
	});
	for (const build of buildRuns(report)) {
		assert.is(build.articles, build === report.addedBuild ? 41 : 40);
		assert.ok(build.output.pages > 40, `${build.output.pages} pages`);
		for (const phase of ["load", "render", "write", "search", "total"] as const) assert.ok(build.phases[phase] > 0, phase);
		assert.ok(build.peakRss > build.maxRss / 2, "peak memory sampled");
	}
	assert.is(report.firstBuild.carried, 0);
	assert.ok(report.secondBuild.carried > 0, "the second build carries the first one's pages over");
	assert.is(report.newFolderBuild.carried, 0, "a new output folder has nothing to carry over");
	assert.is(
		report.restoredBuild.carried,
		report.secondBuild.carried,
		"a site restored as new files is carried over as the site in place is",
	);
	const added = report.addedBuild;
	assert.ok(added.carried > 0 && added.carried < added.pages, `one article added: ${added.carried} of ${added.pages} pages carried over`);
	assert.ok(added.output.pages > report.secondBuild.output.pages, "the added article has its page");
	assert.is(report.search, undefined);
	assert.match(report.failed.search ?? "", 'no results for "zzznotawordanywhere" within 3 s');
	const results = report.checks.find((check) => check.target.startsWith("search: first results"));
	assert.is(results?.met, false);
	assert.is(report.checks.find((check) => check.target.startsWith("dev server"))?.met, undefined, "not measured is not a failure");
	const table = formatReport(report);
	assert.match(table, "search in Chromium: did not finish: no results");
	assert.match(table, /NOT met\s+search: first results sooner than Pagefind's Default UI/);
});

test("the bench's search figures count what Chromium fetched for the query and the next one", async () => {
	const report = await runBench({ articles: 40, hugo: false, dev: false, queries: ["ceasefire", "embassy"] });
	const search = report.search;
	assert.ok(search, JSON.stringify(report.failed));
	assert.ok(search.count > 0 && search.count <= 40, `${search.count} results`);
	assert.ok(search.searchRequests > 3, `${search.searchRequests} Pagefind files`);
	assert.ok(search.transferredBytes > search.searchBytes && search.searchBytes > 50_000, JSON.stringify(search));
	assert.ok(search.firstResultsMs > 0 && (search.nextQueryMs ?? 0) > 0);
	assert.equal(report.failed, {});
});

test("the bench builds a news-shaped digest with Hugo's minimal theme and searches Pagefind's Default UI over the same articles", async () => {
	const report = await runBench({
		articles: 30,
		shape: "news",
		uniqueSlugs: true,
		hugo: ["minimal"],
		dev: false,
		queries: ["ceasefire", "embassy"],
	});
	assert.is(report.shape, "news");
	const minimal = report.hugo.minimal;
	assert.ok(minimal, JSON.stringify(report.failed));
	assert.is(report.hugo.full, undefined, "only the theme asked for");
	assert.is(minimal.indexed, 30, "Pagefind indexed every article Hugo built");
	// CPU time is sampled from /proc every 100 ms, so a command that ends between two samples may read 0:
	// whether it does depends on the machine's load, so only its presence is checked, never its size.
	for (const [name, cpuMs] of Object.entries({
		hugo: minimal.hugo.cpuMs,
		pagefind: minimal.pagefind.cpuMs,
		ours: report.firstBuild.cpuMs,
	})) {
		assert.ok(Number.isFinite(cpuMs) && cpuMs >= 0, `${name}: CPU time reported (${cpuMs})`);
	}
	// The same articles, the same query: both search pages find the same articles.
	assert.ok(report.search && report.defaultUiSearch, JSON.stringify(report.failed));
	assert.ok(report.search.count > 0);
	assert.is(report.defaultUiSearch.count, report.search.count);
	for (const target of [
		"full build ≤ 1.5x",
		"second build (warm cache, site in place) ≤ 1.0x",
		"warm cache, new output folder (a first CI run) ≤ 1.5x",
		"CI: cache and last site restored (new files) ≤ 1.0x",
		"peak memory of the whole tree",
		"search: first results sooner",
	]) {
		const check = report.checks.find((entry) => entry.target.startsWith(target));
		assert.type(check?.met, "boolean", target);
	}
	const table = formatReport(report);
	assert.match(table, /Hugo minimal \+ Pagefind/);
	assert.match(table, /CPU time \(user \+ system\)/);
	assert.match(table, /Pagefind's Default UI over Hugo's index: "ceasefire" → \d+ results/);
});

test("repeated, the bench runs every round in folders of its own, alternating with the anchor, and reports each figure's middle run with every round's ratio", async () => {
	const workDir = await tempDir("bench-rounds-");
	const rounds = 3;
	const report = await runBench({
		articles: 20,
		shape: "news",
		hugo: ["minimal"],
		dev: false,
		browser: true,
		repeat: rounds,
		workDir,
		keep: true,
	});
	const repeats = report.repeats;
	assert.ok(repeats, "every round's times are reported");
	const middle = (values: number[]) => [...values].sort((a, b) => a - b)[1] as number;
	for (const [kind, times] of Object.entries(repeats.builds)) {
		assert.is(times.length, rounds, kind);
		assert.is(report[kind as keyof typeof repeats.builds].wallMs, middle(times), `${kind}: the middle round's run`);
	}
	assert.is(repeats.anchor.length, rounds);
	const anchor = report.hugo.minimal;
	assert.ok(anchor);
	assert.is(anchor.hugo.wallMs + anchor.pagefind.wallMs, middle(repeats.anchor), "the anchor's middle round");
	for (const round of [2, 3]) {
		for (const site of ["site", "site-new-folder"])
			assert.ok(existsSync(path.join(workDir, `round-${round}`, site, "pagefind", "pagefind-entry.json")), `round ${round}: ${site} built`);
		assert.ok(existsSync(path.join(workDir, `round-${round}`, "hugo-minimal", "public", "index.html")), `round ${round}: Hugo built`);
	}
	// The article is added once, after every round's other builds: each round's site was built without it.
	assert.is(report.addedBuild.articles, report.firstBuild.articles + 1);
	const full = report.checks.find((check) => check.target.startsWith("full build"));
	const ratios = repeats.builds.firstBuild.map((ms, round) => ms / (repeats.anchor[round] as number));
	const spread = `${rounds} rounds ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}x`;
	assert.match(full?.measured ?? "", `${(report.firstBuild.wallMs / middle(repeats.anchor)).toFixed(2)}x`);
	assert.match(full?.measured ?? "", spread);
	assert.match(formatReport(report), `each figure the middle of ${rounds} rounds`);
	// The searches too: ours and the Default UI's once a round, the middle of each the figure.
	assert.is(repeats.search.length, rounds);
	assert.is(repeats.defaultUiSearch.length, rounds);
	assert.is(report.search?.firstResultsMs, middle(repeats.search));
	assert.is(report.defaultUiSearch?.firstResultsMs, middle(repeats.defaultUiSearch));
	const search = report.checks.find((check) => check.target.startsWith("search: first results sooner"));
	assert.match(search?.measured ?? "", `${rounds} rounds ${Math.round(Math.min(...repeats.search))}–`);
});

test("with --corpus the bench measures a copy: the folder it is given is left as it was, its .git not copied", async () => {
	const corpus = await tempDir("bench-corpus-");
	await cp(path.join(projectRoot, "test", "fixtures", "migrated", "jekyll"), corpus, { recursive: true });
	await mkdir(path.join(corpus, ".git"), { recursive: true });
	await writeFile(path.join(corpus, ".git", "HEAD"), "ref: refs/heads/main\n");
	const before = await listing(corpus);
	const workDir = await tempDir("bench-work-");
	const report = await runBench({ corpus, workDir, keep: true, hugo: false, dev: false, browser: false });
	assert.equal(await listing(corpus), before, "nothing added to or changed in the given folder");
	assert.is(report.corpus.dir, corpus);
	assert.is(report.addedBuild.articles, report.firstBuild.articles + 1, "the article is added to the copy, and published");
	assert.not.ok(existsSync(path.join(workDir, "articles", ".git")), "version control left out of the copy");
});

test.run();
