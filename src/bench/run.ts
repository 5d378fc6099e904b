/**
 * `npm run bench`: builds one digest five times (a cold cache; again, the site in place; a warm cache into
 * a new folder; the site restored as new files, as on CI; one article added, the site in place), the same
 * articles with Hugo (two themes) and the Pagefind CLI, measures the dev server's add-one-article latency
 * and one search in Chromium (ours, and Pagefind's Default UI over Hugo's index), and checks every figure
 * against the targets in docs/performance.md. Each build runs in a process of its own so that its time
 * includes starting up and its memory is its own.
 */
import { execFileSync } from "node:child_process";
import { pagesSiteLimitBytes } from "../commands/github-pages.ts";
import { npmScriptStart } from "../commands/npm-scripts.ts";
import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { BuildMeasurement, BuildRequest } from "./build-child.ts";
import { addNewerArticle, type CorpusShape, corpusDefaults, writeCorpus } from "./corpus.ts";
import { type DevMeasurement, measureDevServer } from "./dev.ts";
import { type HugoMeasurement, type HugoTheme, hugoThemes, hugoVersion, measureHugo } from "./hugo.ts";
import { type FolderSize, folderSize, runMeasured } from "./measure.ts";
import { defaultUiPage, measureSearchQuery, type QueryMeasurement } from "./search-query.ts";
import { queriesFor } from "./corpus-queries.ts";
import { loadDigest } from "../content/load.ts";

export interface BenchOptions {
	/** Generate a digest of this many articles (src/bench/corpus.ts)… */
	articles?: number;
	/** …or measure this folder of articles instead. */
	corpus?: string;
	/**
	 * The generated digest's shape: long articles (`blog`) or a news-event archive (`news`).
	 * @default "blog"
	 */
	shape?: CorpusShape;
	/**
	 * `news`: no two items of a month share a file name (for article URLs without the day).
	 * @default false
	 */
	uniqueSlugs?: boolean;
	/**
	 * The generated digest in one language or three (English, Russian, Ukrainian; src/bench/corpus.ts).
	 * @default 1
	 */
	languages?: 1 | 3;
	/**
	 * Where corpora, outputs and caches go; removed afterwards unless `keep`.
	 * @default a new folder in the system's temporary folder
	 */
	workDir?: string;
	/**
	 * Keep `workDir` (outputs to look at).
	 * @default false
	 */
	keep?: boolean;
	/**
	 * Build with Hugo and index with the Pagefind CLI for the comparison, with these themes (`minimal`:
	 * bench/hugo-minimal, the reference of the targets; `full`: bench/hugo); `false` for none.
	 * @default ["minimal", "full"]
	 */
	hugo?: boolean | readonly HugoTheme[];
	/**
	 * Measure the dev server's add-one-article latency (it builds the whole digest once more first).
	 * @default true
	 */
	dev?: boolean;
	/**
	 * Measure a search in headless Chromium.
	 * @default true
	 */
	browser?: boolean;
	/**
	 * The query measured in the browser, then the one typed next. Not given, a query no article of a
	 * `corpus` holds is replaced by one of its own commonest headline words (corpus-queries.ts).
	 * @default ["ceasefire", "embassy sanctions"]
	 */
	queries?: [first?: string, next?: string];
	/**
	 * How long the browser waits for each query's results before recording that it gave up.
	 * @default 600000
	 */
	searchTimeoutMs?: number;
	/**
	 * Run the measured builds and the anchor (Hugo's minimal theme + the Pagefind CLI) this many times, each
	 * time into folders of its own, alternating ours and the anchor's; every figure is then the middle run's,
	 * and each target also gives the ratio of every run against the anchor of the same round. On a shared
	 * machine one run's ratio moves by ±5%; an odd count has a true middle.
	 * @default 1
	 */
	repeat?: number;
	/** Progress lines (to stderr in the script). */
	log?: (line: string) => void;
}

export const benchDefaults = {
	shape: corpusDefaults.shape,
	uniqueSlugs: false,
	languages: 1,
	keep: false,
	hugo: true,
	dev: true,
	browser: true,
	queries: ["ceasefire", "embassy sanctions"],
	searchTimeoutMs: 600_000,
	repeat: 1,
	log: () => {},
} satisfies Partial<BenchOptions>;

/** The targets (docs/performance.md): for 10,000 articles, and what one runner must do at 100,000. */
export const targets = {
	/** Our full build at most this many times Hugo (minimal theme) + Pagefind CLI, in the same run. */
	hugoRatio: 1.5,
	/** Our second build (warm parse cache) at most this many times the same. */
	warmRatio: 1.0,
	searchableMs: 3000,
	/** A GitHub-hosted runner of a private repository. */
	runnerMemoryBytes: 7 * 1024 ** 3,
	/** GitHub Pages' limit for a published site. */
	pagesOutputBytes: pagesSiteLimitBytes,
} as const;

export interface BuildRun extends BuildMeasurement {
	/** Milliseconds for the whole command (a fresh Node process, as `npm run build`). */
	wallMs: number;
	/** Peak resident bytes of the build process and its children (Pagefind's indexer). */
	peakRss: number;
	/** CPU milliseconds of the build process and its children (see CommandRun). */
	cpuMs: number;
	output: FolderSize;
}

export interface BenchReport {
	articles: number;
	topics: number;
	/** The generated digest's shape, or `corpus` for a folder given with `--corpus`. */
	shape: CorpusShape | "corpus";
	machine: { cores: number; node: string; hugo?: string; loadBefore: number[]; loadAfter: number[] };
	corpus: { dir: string; generatedMs?: number; files: number };
	firstBuild: BuildRun;
	/** The same build again: a warm parse cache and the first build's site in place (pages carried over). */
	secondBuild: BuildRun;
	/** A warm parse cache into a new output folder: a CI run with no earlier site to restore (its first). */
	newFolderBuild: BuildRun;
	/**
	 * The cache and the last site restored as new files (new inodes, the same sizes and times), as the
	 * deploy workflow's cache restores them on a CI runner: the pages are carried over all the same.
	 */
	restoredBuild: BuildRun;
	/** One article newer than all the others added, the site in place: the rebuild an editor waits for. */
	addedBuild: BuildRun;
	/** Hugo + Pagefind CLI, by theme (`minimal` is the targets' reference). */
	hugo: Partial<Record<HugoTheme, HugoMeasurement>>;
	dev?: DevMeasurement;
	search?: QueryMeasurement;
	/** The same query in Pagefind's Default UI over the minimal Hugo build's index. */
	defaultUiSearch?: QueryMeasurement;
	/**
	 * Measurements that did not finish, by step, with why: a figure in its own right (e.g. no results
	 * within the time allowed), so the report still carries everything else.
	 */
	failed: { dev?: string; search?: string; defaultUiSearch?: string; hugoMinimal?: string; hugoFull?: string };
	/**
	 * With `repeat` above 1: every run's whole-command milliseconds, by build and for the anchor, in the
	 * order they ran (round by round). The builds and the anchor above are the middle runs.
	 */
	repeats?: {
		builds: Record<BuildKind, number[]>;
		anchor: number[];
		/** First results of every round's search, ours and the Default UI's, in milliseconds. */
		search: number[];
		defaultUiSearch: number[];
	};
	/** Each target with the measured value; `met` is undefined when it was not measured. */
	checks: { target: string; measured: string; met: boolean | undefined }[];
}

/** The measured builds, as the report names them. */
export type BuildKind = "firstBuild" | "secondBuild" | "newFolderBuild" | "restoredBuild" | "addedBuild";

export async function runBench(options: BenchOptions): Promise<BenchReport> {
	const { shape, uniqueSlugs, languages, keep, hugo, dev, browser, searchTimeoutMs, repeat, log } = { ...benchDefaults, ...options };
	const rounds = Math.max(1, Math.floor(repeat));
	const given = options.queries ?? [];
	let queries: [string, string] = [given[0] ?? benchDefaults.queries[0], given[1] ?? benchDefaults.queries[1]];
	const themes: readonly HugoTheme[] = hugo === true ? hugoThemes : hugo === false ? [] : hugo;
	const workDir = options.workDir ? path.resolve(options.workDir) : await mkdtemp(path.join(tmpdir(), "digest-bench-"));
	const loadBefore = loadavg();
	try {
		let articlesDir = options.corpus ? path.resolve(options.corpus) : path.join(workDir, "articles");
		let generatedMs: number | undefined;
		if (!options.corpus) {
			const started = performance.now();
			log(`generating ${options.articles} articles (${shape})…`);
			await writeCorpus(articlesDir, { articles: options.articles ?? 1000, shape, uniqueSlugs, languages });
			generatedMs = performance.now() - started;
		}
		articlesDir = path.resolve(articlesDir);
		if (options.corpus) {
			// A copy: the last build adds an article, and a folder the bench was given is never written to.
			const copy = path.join(workDir, "articles");
			await rm(copy, { recursive: true, force: true });
			// Not its version control or installed packages: a real site's root may hold much of either.
			const skipped = new Set([".git", "node_modules"]);
			await cp(articlesDir, copy, { recursive: true, filter: (source) => !skipped.has(path.basename(source)) });
			articlesDir = copy;
		}
		const files = (await readdir(articlesDir, { recursive: true })).filter((file) => /\.(md|mdx|markdown)$/i.test(String(file))).length;

		// Round 1 in the work folder itself, each further round in a folder of its own.
		const roundRequest = (round: number): BuildRequest => {
			const dir = round === 0 ? workDir : path.join(workDir, `round-${round + 1}`);
			return { articlesDir, outputDir: path.join(dir, "site"), cacheDir: path.join(dir, "cache") };
		};
		const request = roundRequest(0);
		const runs: Record<BuildKind, BuildRun[]> = { firstBuild: [], secondBuild: [], newFolderBuild: [], restoredBuild: [], addedBuild: [] };

		const failed: BenchReport["failed"] = {};
		const attempt = async <T>(step: keyof BenchReport["failed"], measure: () => Promise<T>): Promise<T | undefined> => {
			try {
				return await measure();
			} catch (error) {
				// The command, and the last line it printed: the reason (Hugo's "Error: …" comes after its banner).
				const lines = (error as Error).message.split("\n").filter((line) => line.trim() !== "");
				failed[step] = lines.length > 1 ? `${lines[0]} ${lines.at(-1)?.trim()}` : (lines[0] ?? String(error));
				log(`  did not finish: ${failed[step]}`);
				return undefined;
			}
		};
		const version = hugoVersion();
		if (themes.length > 0 && !version) log("hugo is not installed (apt-get install -y hugo): no comparison");
		const anchors: HugoMeasurement[] = [];
		let fullTheme: HugoMeasurement | undefined;

		// Compiled ahead, as `npm run build` runs, but before the clock: the first build measures building.
		compileBuildChild();
		for (let round = 0; round < rounds; round++) {
			const { outputDir } = roundRequest(round);
			const of = rounds > 1 ? ` (round ${round + 1} of ${rounds})` : "";
			const measure = async (kind: BuildKind, what: string, buildRequest = roundRequest(round)) => {
				log(`${what}${of}…`);
				const run = await measuredBuild(buildRequest);
				runs[kind].push(run);
				log(`  ${describeBuild(run)}`);
			};
			await measure("firstBuild", "first build (cold cache)");
			await measure("secondBuild", "second build (warm cache, the site in place)");
			await measure("newFolderBuild", "warm cache, new output folder (a CI run with no site to restore)", {
				...roundRequest(round),
				outputDir: path.join(path.dirname(outputDir), "site-new-folder"),
			});
			await copiedInPlace(outputDir);
			await measure("restoredBuild", "the cache and the site restored as new files (as on CI)");
			// The anchor of the same round; the full theme, no target's reference, once.
			for (const theme of version ? themes : []) {
				if (theme !== "minimal" && round > 0) continue;
				log(`Hugo (${theme} theme) + Pagefind CLI${theme === "minimal" ? of : ""}…`);
				const run = await attempt(theme === "minimal" ? "hugoMinimal" : "hugoFull", () =>
					measureHugo(articlesDir, path.join(path.dirname(outputDir), `hugo-${theme}`), theme),
				);
				if (!run) continue;
				if (theme === "minimal") anchors.push(run);
				else fullTheme = run;
				log(
					`  ${seconds(run.hugo.wallMs)} + ${seconds(run.pagefind.wallMs)}; peak ${megabytes(run.hugo.peakRss)} / ${megabytes(run.pagefind.peakRss)}`,
				);
			}
		}
		const hugoRuns: BenchReport["hugo"] = {};
		const minimalRun = middle(anchors, hugoTotal, "faster");
		if (minimalRun) hugoRuns.minimal = minimalRun;
		if (fullTheme) hugoRuns.full = fullTheme;

		let devRun: DevMeasurement | undefined;
		if (dev) {
			log("dev server: add one article…");
			devRun = await attempt("dev", () => measureDevServer(articlesDir, path.join(workDir, "dev")));
			if (devRun) log(`  served ${seconds(devRun.servedMs)}, searchable ${seconds(devRun.searchableMs)}`);
		}

		let search: QueryMeasurement | undefined;
		let defaultUiSearch: QueryMeasurement | undefined;
		const searches: QueryMeasurement[] = [];
		const defaultUiSearches: QueryMeasurement[] = [];
		if (browser) {
			if (options.corpus && (given[0] === undefined || given[1] === undefined)) {
				// Parsed again here, without the builds' cache, so that the measured builds find it as they left it.
				const found = queriesFor((await loadDigest(articlesDir, { cache: false })).articles, queries);
				const chosen: [string, string] = [given[0] ?? found[0], given[1] ?? found[1]];
				if (chosen[0] !== queries[0] || chosen[1] !== queries[1])
					log(
						`no article holds "${chosen[0] === queries[0] ? queries[1] : queries[0]}": searching for "${chosen[0]}", then "${chosen[1]}"`,
					);
				queries = chosen;
			}
			// A first visit's time moves by half from one run to the next on this machine (658–1,074 ms on one
			// site): with rounds, each search runs once a round, alternating, and the middle one is the figure.
			for (let round = 0; round < rounds; round++) {
				const of = rounds > 1 ? ` (round ${round + 1} of ${rounds})` : "";
				log(`Chromium: search "${queries[0]}"${of}…`);
				const ours = await attempt("search", () => measureSearchQuery(request.outputDir, queries[0], queries[1], searchTimeoutMs));
				if (ours) {
					searches.push(ours);
					log(`  ${Math.round(ours.firstResultsMs)} ms, ${kilobytes(ours.transferredBytes)}`);
				}
				if (!hugoRuns.minimal) continue;
				const hugoOutput = path.join(workDir, "hugo-minimal", "public");
				log(`Chromium: search "${queries[0]}" in Pagefind's Default UI over Hugo's index${of}…`);
				const theirs = await attempt("defaultUiSearch", () =>
					measureSearchQuery(hugoOutput, queries[0], queries[1], searchTimeoutMs, defaultUiPage),
				);
				if (theirs) {
					defaultUiSearches.push(theirs);
					log(`  ${Math.round(theirs.firstResultsMs)} ms, ${kilobytes(theirs.transferredBytes)}`);
				}
			}
			search = middle(searches, (run) => run.firstResultsMs, "slower");
			defaultUiSearch = middle(defaultUiSearches, (run) => run.firstResultsMs, "faster");
		}

		// One article, added once: every round's site was built without it.
		await addNewerArticle(articlesDir, request.cacheDir);
		for (let round = 0; round < rounds; round++) {
			log(`one article added (warm cache, the site in place)${rounds > 1 ? ` (round ${round + 1} of ${rounds})` : ""}…`);
			const run = await measuredBuild(roundRequest(round));
			runs.addedBuild.push(run);
			log(`  ${describeBuild(run)}`);
		}
		const [firstBuild, secondBuild, newFolderBuild, restoredBuild, addedBuild] = buildKinds.map(
			(kind) => middle(runs[kind], (run) => run.wallMs, "slower") as BuildRun,
		) as [BuildRun, BuildRun, BuildRun, BuildRun, BuildRun];

		const report: BenchReport = {
			articles: firstBuild.articles,
			topics: 0,
			shape: options.corpus ? "corpus" : shape,
			machine: { cores: availableParallelism(), node: process.version, hugo: version, loadBefore, loadAfter: loadavg() },
			corpus: { dir: options.corpus ? path.resolve(options.corpus) : "(generated)", generatedMs, files },
			firstBuild,
			secondBuild,
			newFolderBuild,
			restoredBuild,
			addedBuild,
			hugo: hugoRuns,
			dev: devRun,
			search,
			defaultUiSearch,
			failed,
			...(rounds > 1
				? {
						repeats: {
							builds: Object.fromEntries(buildKinds.map((kind) => [kind, runs[kind].map((run) => run.wallMs)])) as Record<
								BuildKind,
								number[]
							>,
							anchor: anchors.map(hugoTotal),
							search: searches.map((run) => run.firstResultsMs),
							defaultUiSearch: defaultUiSearches.map((run) => run.firstResultsMs),
						},
					}
				: {}),
			checks: [],
		};
		report.topics = await topicPages(request.outputDir);
		report.checks = checkTargets(report);
		return report;
	} finally {
		if (!keep && !options.workDir) await rm(workDir, { recursive: true, force: true });
	}
}

/** One line per build for the progress log, so a long run's figures are there before it ends. */
const describeBuild = (run: BuildRun): string =>
	`${seconds(run.wallMs)} in all; ${Object.entries(run.phases)
		.map(([phase, ms]) => `${phase} ${seconds(ms)}`)
		.join(
			", ",
		)}; peak RSS ${megabytes(run.peakRss)}; ${run.output.pages} pages${run.carried > 0 ? ` (${count(run.carried)} carried over)` : ""}, ${megabytes(run.output.bytes)}`;

/** Topic pages built (first pages only): how many topics the digest has. */
async function topicPages(outputDir: string): Promise<number> {
	const entries = await readdir(path.join(outputDir, "topics"), { withFileTypes: true }).catch(() => []);
	return entries.filter((entry) => entry.isDirectory()).length;
}

const childModule = fileURLToPath(new URL(`./build-child${path.extname(fileURLToPath(import.meta.url))}`, import.meta.url));

/**
 * Makes the compiled bundle of the build child if `npm run build` runs compiled (scripts/compiled.mjs), so
 * that no measured build pays for compiling it (~0.3 s after any source changed).
 */
function compileBuildChild(): void {
	const launcher = npmScriptStart("build").args.find((arg) => arg.endsWith(".mjs"));
	if (launcher) execFileSync(process.execPath, [launcher, "--compile-only", childModule], { stdio: ["ignore", "ignore", "inherit"] });
}

/**
 * Replaces `dir` with a copy of itself made as the deploy workflow's cache makes and restores one
 * (actions/cache: `tar --posix -cf`, then `tar -xf`): the same bytes and modification times, to the
 * nanosecond, in new files. (`fs.cp` keeps times to the millisecond only.)
 */
async function copiedInPlace(dir: string): Promise<void> {
	const archive = `${dir}.tar`;
	execFileSync("tar", ["--posix", "-cf", archive, "-C", path.dirname(dir), path.basename(dir)]);
	await rm(dir, { recursive: true, force: true });
	execFileSync("tar", ["-xf", archive, "-C", path.dirname(dir)]);
	await rm(archive, { force: true });
}

/** One build in a fresh Node process started as `npm run build` starts it. */
async function measuredBuild(request: BuildRequest): Promise<BuildRun> {
	const run = await runMeasured(process.execPath, [...npmScriptStart("build").args, childModule, JSON.stringify(request)]);
	const measurement = JSON.parse(run.stdout.trim().split("\n").at(-1) ?? "{}") as BuildMeasurement;
	return {
		...measurement,
		wallMs: run.wallMs,
		cpuMs: run.cpuMs,
		peakRss: Math.max(run.peakRss, measurement.maxRss),
		output: await folderSize(request.outputDir),
	};
}

/** Hugo + Pagefind CLI in milliseconds. */
const hugoTotal = (run: HugoMeasurement): number => run.hugo.wallMs + run.pagefind.wallMs;

/** The measured builds in the order each round runs them (the table's columns). */
const buildKinds: readonly BuildKind[] = ["firstBuild", "secondBuild", "newFolderBuild", "restoredBuild", "addedBuild"];

/**
 * The middle of `runs` by `ms`. Of an even count, the slower of the two middle ones for our builds and the
 * faster for the anchor, so that the ratio errs against us.
 */
function middle<T>(runs: readonly T[], ms: (run: T) => number, pick: "slower" | "faster"): T | undefined {
	const sorted = [...runs].sort((a, b) => ms(a) - ms(b));
	return sorted[pick === "slower" ? Math.floor(sorted.length / 2) : Math.floor((sorted.length - 1) / 2)];
}

/** Every round's first results, ours and the Default UI's, when there were several rounds. */
function searchRounds(repeats: BenchReport["repeats"]): string {
	if (!repeats || repeats.search.length < 2) return "";
	const range = (values: number[]) => `${Math.round(Math.min(...values))}–${Math.round(Math.max(...values))} ms`;
	const theirs = repeats.defaultUiSearch.length > 0 ? ` vs ${range(repeats.defaultUiSearch)}` : "";
	return `; ${repeats.search.length} rounds ${range(repeats.search)}${theirs}`;
}

function checkTargets(report: BenchReport): BenchReport["checks"] {
	const checks: BenchReport["checks"] = [];
	const minimal = report.hugo.minimal;
	const reference = minimal ? hugoTotal(minimal) : undefined;
	const referenceCpu =
		minimal?.hugo.cpuMs !== undefined && minimal.pagefind.cpuMs !== undefined ? minimal.hugo.cpuMs + minimal.pagefind.cpuMs : undefined;
	const ratioCheck = (target: string, kind: BuildKind, limit: number) => {
		const build = report[kind];
		const ratio = reference ? build.wallMs / reference : undefined;
		// CPU time beside it: on a shared machine the wall-time ratio moves with what else runs.
		const cpuRatio = referenceCpu && build.cpuMs !== undefined ? `; CPU time ${(build.cpuMs / referenceCpu).toFixed(2)}x` : "";
		// Repeated: each round's build against that round's anchor, the spread the verdict sits in.
		const rounds = report.repeats;
		const each =
			rounds && rounds.anchor.length === rounds.builds[kind].length
				? rounds.builds[kind].map((ms, round) => ms / (rounds.anchor[round] as number))
				: undefined;
		const spread = each ? `; ${each.length} rounds ${Math.min(...each).toFixed(2)}–${Math.max(...each).toFixed(2)}x` : "";
		checks.push({
			target: `${target} ≤ ${limit.toFixed(1)}x Hugo (minimal) + Pagefind CLI`,
			measured:
				ratio === undefined
					? "not measured"
					: `${ratio.toFixed(2)}x (${seconds(build.wallMs)} vs ${seconds(reference ?? 0)})${cpuRatio}${spread}`,
			met: ratio === undefined ? undefined : ratio <= limit,
		});
	};
	ratioCheck("full build", "firstBuild", targets.hugoRatio);
	ratioCheck("second build (warm cache, site in place)", "secondBuild", targets.warmRatio);
	// Every page rendered, as in a first build: the parse cache spares only the load.
	ratioCheck("warm cache, new output folder (a first CI run)", "newFolderBuild", targets.hugoRatio);
	ratioCheck("CI: cache and last site restored (new files)", "restoredBuild", targets.warmRatio);
	ratioCheck("one article added (warm cache, site in place)", "addedBuild", targets.warmRatio);
	const builds = buildRuns(report);
	const peak = Math.max(...builds.map((build) => build.peakRss));
	// "No more than Hugo's or Pagefind's own peak": the larger of the two programs, each on its own.
	const ownPeak = minimal ? Math.max(minimal.hugo.peakRss, minimal.pagefind.peakRss) : undefined;
	checks.push({
		target: "peak memory of the whole tree ≤ Hugo's or the Pagefind CLI's own peak",
		measured:
			ownPeak === undefined
				? `${megabytes(peak)} (no reference)`
				: `${megabytes(peak)} vs ${megabytes(ownPeak)} (Hugo ${megabytes(minimal?.hugo.peakRss ?? 0)}, Pagefind ${megabytes(minimal?.pagefind.peakRss ?? 0)})`,
		met: ownPeak === undefined ? undefined : peak <= ownPeak,
	});
	checks.push({
		target: `dev server: new article searchable ≤ ${seconds(targets.searchableMs)}`,
		measured: report.dev
			? `${seconds(report.dev.searchableMs)} (page served ${seconds(report.dev.servedMs)})`
			: (report.failed.dev ?? "not measured"),
		met: report.dev ? report.dev.searchableMs <= targets.searchableMs : report.failed.dev ? false : undefined,
	});
	const ui = report.defaultUiSearch;
	checks.push({
		target: "search: first results sooner than Pagefind's Default UI over Hugo's index",
		measured: report.search
			? `${Math.round(report.search.firstResultsMs)} ms (${kilobytes(report.search.transferredBytes)}) vs ${ui ? `${Math.round(ui.firstResultsMs)} ms (${kilobytes(ui.transferredBytes)})` : (report.failed.defaultUiSearch ?? "not measured")}${searchRounds(report.repeats)}`
			: (report.failed.search ?? "not measured"),
		met: report.search && ui ? report.search.firstResultsMs < ui.firstResultsMs : report.failed.search ? false : undefined,
	});
	checks.push({
		target: `peak memory ≤ ${gigabytes(targets.runnerMemoryBytes)} (one private repository's GitHub runner)`,
		measured: megabytes(peak),
		met: peak <= targets.runnerMemoryBytes,
	});
	const output = Math.max(...builds.map((build) => build.output.bytes));
	checks.push({
		target: "output ≤ 1 GB (10^9 bytes, GitHub Pages' limit)",
		measured: `${megabytes(output)} (${output.toLocaleString("en")} bytes)`,
		met: output <= targets.pagesOutputBytes,
	});
	return checks;
}

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
export const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 ** 2 ? 1 : 0)} MB`;
export const kilobytes = (bytes: number): string => `${Math.round(bytes / 1024)} kB`;
const gigabytes = (bytes: number): string => `${(bytes / 1024 ** 3).toFixed(0)} GB`;

/** The measured builds of a report, in the order they ran (the table's columns). */
export const buildRuns = (report: BenchReport): BuildRun[] => buildKinds.map((kind) => report[kind]);

/** The report as the table the script prints. */
export function formatReport(report: BenchReport): string {
	const builds = buildRuns(report);
	const minimal = report.hugo.minimal;
	const full = report.hugo.full;
	const columns = [
		"",
		"first build",
		"second build",
		"warm, new folder",
		"CI, site restored",
		"one article added",
		"Hugo minimal + Pagefind",
		"Hugo bench/hugo + Pagefind",
	];
	const rows: string[][] = [columns];
	const hugoCells = (cell: (run: HugoMeasurement) => string) => [minimal ? cell(minimal) : "", full ? cell(full) : ""];
	const row = (name: string, cell: (build: BuildRun) => string, reference?: (run: HugoMeasurement) => string) =>
		rows.push([name, ...builds.map(cell), ...(reference ? hugoCells(reference) : ["", ""])]);
	const phase = (name: string, key: keyof BuildMeasurement["phases"], reference?: (run: HugoMeasurement) => string) =>
		row(name, (build) => seconds(build.phases[key]), reference);
	phase("load + validate", "load");
	phase("render (Eleventy)", "render", (run) => `Hugo ${seconds(run.hugo.wallMs)}`);
	phase("write pages", "write");
	phase("search index", "search", (run) => `Pagefind ${seconds(run.pagefind.wallMs)}`);
	phase("total in process", "total");
	row(
		"whole command",
		(build) => seconds(build.wallMs),
		(run) => seconds(hugoTotal(run)),
	);
	const cpu = (ms: number | undefined) => (ms === undefined ? "–" : seconds(ms));
	row(
		"CPU time (user + system)",
		(build) => cpu(build.cpuMs),
		(run) => `${cpu(run.hugo.cpuMs)} + ${cpu(run.pagefind.cpuMs)}`,
	);
	row(
		"peak RSS (with children)",
		(build) => megabytes(build.peakRss),
		(run) => `${megabytes(run.hugo.peakRss)} / ${megabytes(run.pagefind.peakRss)}`,
	);
	row(
		"pages (.html)",
		(build) => count(build.output.pages),
		(run) => count(run.output.pages),
	);
	row(
		"HTML",
		(build) => megabytes(build.output.htmlBytes),
		(run) => megabytes(run.output.htmlBytes),
	);
	row(
		"output",
		(build) => megabytes(build.output.bytes),
		(run) => megabytes(run.output.bytes),
	);
	const shown = columns.map((_, column) => column).filter((column) => column < 4 || rows.slice(1).some((row) => row[column]));
	const widths = shown.map((column) => Math.max(...rows.map((row) => row[column]?.length ?? 0)));
	const table = rows.map((row) =>
		shown
			.map((column, at) => {
				const cell = row[column] ?? "";
				return column === 0 ? cell.padEnd(widths[at] ?? 0) : cell.padStart(widths[at] ?? 0);
			})
			.join("   "),
	);

	const lines = [
		`${count(report.articles)} articles (${report.shape}), ${count(report.topics)} topics, ${report.corpus.dir}; ${report.machine.cores} cores, load average ${report.machine.loadBefore[0]?.toFixed(1)} before, ${report.machine.loadAfter[0]?.toFixed(1)} after; Node ${report.machine.node}${report.machine.hugo ? `; ${report.machine.hugo.split(" ").slice(0, 2).join(" ")}` : ""}${report.repeats ? `; each figure the middle of ${report.repeats.builds.firstBuild.length} rounds` : ""}`,
		"",
		...table,
	];
	if (report.dev) {
		lines.push(
			"",
			`dev server: first build served after ${seconds(report.dev.startupMs)}; a new article's page served ${seconds(report.dev.servedMs)} and searchable ${seconds(report.dev.searchableMs)} after saving it`,
		);
	}
	if (report.search) {
		const s = report.search;
		lines.push(
			`search in Chromium: "${s.query}" → ${count(s.count)} results on screen ${Math.round(s.firstResultsMs)} ms after opening /search/?q=, ${kilobytes(s.transferredBytes)} transferred (${kilobytes(s.searchBytes)} in ${s.searchRequests} Pagefind files)${s.nextQueryMs === undefined ? "" : `; next query "${s.nextQuery}" ${Math.round(s.nextQueryMs)} ms`}`,
		);
	}
	if (report.defaultUiSearch) {
		const s = report.defaultUiSearch;
		lines.push(
			`Pagefind's Default UI over Hugo's index: "${s.query}" → ${count(s.count)} results on screen ${Math.round(s.firstResultsMs)} ms after opening /?q=, ${kilobytes(s.transferredBytes)} transferred (${kilobytes(s.searchBytes)} in ${s.searchRequests} Pagefind files)`,
		);
	}
	const stepNames: Record<keyof BenchReport["failed"], string> = {
		dev: "dev server",
		search: "search in Chromium",
		defaultUiSearch: "Pagefind's Default UI",
		hugoMinimal: "Hugo (minimal theme)",
		hugoFull: "Hugo (bench/hugo)",
	};
	for (const [step, why] of Object.entries(report.failed))
		lines.push(`${stepNames[step as keyof BenchReport["failed"]]}: did not finish: ${why}`);
	lines.push("", "targets (docs/performance.md):");
	for (const check of report.checks)
		lines.push(`  ${check.met === undefined ? "–" : check.met ? "met" : "NOT met"}  ${check.target}: ${check.measured}`);
	return `${lines.join("\n")}\n`;
}

const count = (value: number): string => value.toLocaleString("en-US");
