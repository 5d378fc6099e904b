/**
 * `npm run bench`: builds one digest twice (a cold and a warm parse cache), the same articles with Hugo
 * and the Pagefind CLI, measures the dev server's add-one-article latency and one search in Chromium,
 * and checks every figure against the targets in DESIGN.md. Each build runs in a process of its own so
 * that its time includes starting up and its memory is its own.
 */
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { BuildMeasurement, BuildRequest } from "./build-child.ts";
import { writeCorpus } from "./corpus.ts";
import { type DevMeasurement, measureDevServer } from "./dev.ts";
import { type HugoMeasurement, hugoVersion, measureHugo } from "./hugo.ts";
import { type FolderSize, folderSize, runMeasured } from "./measure.ts";
import { measureSearchQuery, type QueryMeasurement } from "./search-query.ts";

export interface BenchOptions {
	/** Generate a digest of this many articles (src/bench/corpus.ts)… */
	articles?: number;
	/** …or measure this folder of articles instead. */
	corpus?: string;
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
	 * Build with Hugo and index with the Pagefind CLI for the comparison.
	 * @default true
	 */
	hugo?: boolean;
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
	 * The query measured in the browser, then the one typed next.
	 * @default ["ceasefire", "embassy sanctions"]
	 */
	queries?: [string, string];
	/**
	 * How long the browser waits for each query's results before recording that it gave up.
	 * @default 600000
	 */
	searchTimeoutMs?: number;
	/** Progress lines (to stderr in the script). */
	log?: (line: string) => void;
}

export const benchDefaults = {
	keep: false,
	hugo: true,
	dev: true,
	browser: true,
	queries: ["ceasefire", "embassy sanctions"],
	searchTimeoutMs: 600_000,
	log: () => {},
} satisfies Partial<BenchOptions>;

/** The targets for 10,000 articles (DESIGN.md, Performance). */
export const targets = {
	/** Our full build at most this many times Hugo + Pagefind CLI. */
	hugoRatio: 1.25,
	peakRssBytes: 1024 ** 3,
	searchableMs: 3000,
	queryBytes: 300 * 1024,
	firstResultsMs: 300,
} as const;

export interface BuildRun extends BuildMeasurement {
	/** Milliseconds for the whole command (a fresh Node process, as `npm run build`). */
	wallMs: number;
	/** Peak resident bytes of the build process and its children (Pagefind's indexer). */
	peakRss: number;
	output: FolderSize;
}

export interface BenchReport {
	articles: number;
	topics: number;
	machine: { cores: number; node: string; hugo?: string; loadBefore: number[]; loadAfter: number[] };
	corpus: { dir: string; generatedMs?: number; files: number };
	firstBuild: BuildRun;
	secondBuild: BuildRun;
	hugo?: HugoMeasurement;
	dev?: DevMeasurement;
	search?: QueryMeasurement;
	/**
	 * Measurements that did not finish, by step (`dev`, `search`), with why: a figure in its own right
	 * (e.g. no results within the time allowed), so the report still carries everything else.
	 */
	failed: { dev?: string; search?: string };
	/** Each target with the measured value; `met` is undefined when it was not measured. */
	checks: { target: string; measured: string; met: boolean | undefined }[];
}

export async function runBench(options: BenchOptions): Promise<BenchReport> {
	const { keep, hugo, dev, browser, queries, searchTimeoutMs, log } = { ...benchDefaults, ...options };
	const workDir = options.workDir ? path.resolve(options.workDir) : await mkdtemp(path.join(tmpdir(), "digest-bench-"));
	const loadBefore = loadavg();
	try {
		let articlesDir = options.corpus ? path.resolve(options.corpus) : path.join(workDir, "articles");
		let generatedMs: number | undefined;
		if (!options.corpus) {
			const started = performance.now();
			log(`generating ${options.articles} articles…`);
			await writeCorpus(articlesDir, { articles: options.articles ?? 1000 });
			generatedMs = performance.now() - started;
		}
		articlesDir = path.resolve(articlesDir);
		const files = (await readdir(articlesDir, { recursive: true })).filter((file) => /\.(md|markdown)$/i.test(String(file))).length;

		const request: BuildRequest = { articlesDir, outputDir: path.join(workDir, "site"), cacheDir: path.join(workDir, "cache") };
		log("first build (cold cache)…");
		const firstBuild = await measuredBuild(request);
		log(`  ${describeBuild(firstBuild)}\nsecond build (warm cache)…`);
		const secondBuild = await measuredBuild(request);
		log(`  ${describeBuild(secondBuild)}`);

		let hugoRun: HugoMeasurement | undefined;
		const version = hugoVersion();
		if (hugo && version) {
			log("Hugo + Pagefind CLI…");
			hugoRun = await measureHugo(articlesDir, path.join(workDir, "hugo"));
			log(`  ${seconds(hugoRun.hugo.wallMs)} + ${seconds(hugoRun.pagefind.wallMs)}`);
		} else if (hugo) log("hugo is not installed (apt-get install -y hugo): no comparison");

		const failed: BenchReport["failed"] = {};
		const attempt = async <T>(step: keyof BenchReport["failed"], measure: () => Promise<T>): Promise<T | undefined> => {
			try {
				return await measure();
			} catch (error) {
				failed[step] = (error as Error).message.split("\n")[0] ?? String(error);
				log(`  did not finish: ${failed[step]}`);
				return undefined;
			}
		};

		let devRun: DevMeasurement | undefined;
		if (dev) {
			log("dev server: add one article…");
			devRun = await attempt("dev", () => measureDevServer(articlesDir, path.join(workDir, "dev")));
			if (devRun) log(`  served ${seconds(devRun.servedMs)}, searchable ${seconds(devRun.searchableMs)}`);
		}

		let search: QueryMeasurement | undefined;
		if (browser) {
			log(`Chromium: search "${queries[0]}"…`);
			search = await attempt("search", () => measureSearchQuery(request.outputDir, queries[0], queries[1], searchTimeoutMs));
			if (search) log(`  ${Math.round(search.firstResultsMs)} ms, ${kilobytes(search.transferredBytes)}`);
		}

		const report: BenchReport = {
			articles: firstBuild.articles,
			topics: 0,
			machine: { cores: availableParallelism(), node: process.version, hugo: version, loadBefore, loadAfter: loadavg() },
			corpus: { dir: options.corpus ? articlesDir : "(generated)", generatedMs, files },
			firstBuild,
			secondBuild,
			hugo: hugoRun,
			dev: devRun,
			search,
			failed,
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
		.join(", ")}; peak RSS ${megabytes(run.peakRss)}; ${run.output.pages} pages, ${megabytes(run.output.bytes)}`;

/** Topic pages built (first pages only): how many topics the digest has. */
async function topicPages(outputDir: string): Promise<number> {
	const entries = await readdir(path.join(outputDir, "topics"), { withFileTypes: true }).catch(() => []);
	return entries.filter((entry) => entry.isDirectory()).length;
}

const childModule = fileURLToPath(new URL(`./build-child${path.extname(fileURLToPath(import.meta.url))}`, import.meta.url));

/** One build in a fresh Node process started the way this one was (through tsx). */
async function measuredBuild(request: BuildRequest): Promise<BuildRun> {
	const run = await runMeasured(process.execPath, [...process.execArgv, childModule, JSON.stringify(request)]);
	const measurement = JSON.parse(run.stdout.trim().split("\n").at(-1) ?? "{}") as BuildMeasurement;
	return {
		...measurement,
		wallMs: run.wallMs,
		peakRss: Math.max(run.peakRss, measurement.maxRss),
		output: await folderSize(request.outputDir),
	};
}

function checkTargets(report: BenchReport): BenchReport["checks"] {
	const checks: BenchReport["checks"] = [];
	const reference = report.hugo ? report.hugo.hugo.wallMs + report.hugo.pagefind.wallMs : undefined;
	const ratio = reference ? report.firstBuild.wallMs / reference : undefined;
	checks.push({
		target: `full build ≤ ${targets.hugoRatio}x Hugo + Pagefind CLI`,
		measured:
			ratio === undefined ? "not measured" : `${ratio.toFixed(2)}x (${seconds(report.firstBuild.wallMs)} vs ${seconds(reference ?? 0)})`,
		met: ratio === undefined ? undefined : ratio <= targets.hugoRatio,
	});
	const rebuildRatio = reference ? report.secondBuild.wallMs / reference : undefined;
	checks.push({
		target: `second build (warm cache) ≤ ${targets.hugoRatio}x Hugo + Pagefind CLI`,
		measured: rebuildRatio === undefined ? "not measured" : `${rebuildRatio.toFixed(2)}x (${seconds(report.secondBuild.wallMs)})`,
		met: rebuildRatio === undefined ? undefined : rebuildRatio <= targets.hugoRatio,
	});
	const peak = Math.max(report.firstBuild.peakRss, report.secondBuild.peakRss);
	checks.push({ target: `peak RSS < ${megabytes(targets.peakRssBytes)}`, measured: megabytes(peak), met: peak < targets.peakRssBytes });
	checks.push({
		target: `dev server: new article searchable ≤ ${seconds(targets.searchableMs)}`,
		measured: report.dev
			? `${seconds(report.dev.searchableMs)} (page served ${seconds(report.dev.servedMs)})`
			: (report.failed.dev ?? "not measured"),
		met: report.dev ? report.dev.searchableMs <= targets.searchableMs : report.failed.dev ? false : undefined,
	});
	checks.push({
		target: `a query transfers < ${kilobytes(targets.queryBytes)}`,
		measured: report.search
			? `${kilobytes(report.search.searchBytes)} search files, ${kilobytes(report.search.transferredBytes)} with the page`
			: (report.failed.search ?? "not measured"),
		met: report.search ? report.search.transferredBytes < targets.queryBytes : report.failed.search ? false : undefined,
	});
	checks.push({
		target: `results within ${targets.firstResultsMs} ms`,
		measured: report.search
			? `${Math.round(report.search.firstResultsMs)} ms from opening the page, ${Math.round(report.search.nextQueryMs)} ms for the next query`
			: (report.failed.search ?? "not measured"),
		met: report.search ? report.search.firstResultsMs <= targets.firstResultsMs : report.failed.search ? false : undefined,
	});
	return checks;
}

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
export const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 ** 2 ? 1 : 0)} MB`;
export const kilobytes = (bytes: number): string => `${Math.round(bytes / 1024)} kB`;

/** The report as the table the script prints. */
export function formatReport(report: BenchReport): string {
	const { firstBuild: first, secondBuild: second, hugo } = report;
	const rows: [string, string, string, string][] = [["", "first build", "second build", "Hugo + Pagefind CLI"]];
	const phase = (name: string, key: keyof BuildMeasurement["phases"], reference = "") =>
		rows.push([name, seconds(first.phases[key]), seconds(second.phases[key]), reference]);
	phase("load + validate", "load");
	phase("render (Eleventy)", "render", hugo ? `Hugo ${seconds(hugo.hugo.wallMs)}` : "");
	phase("write pages", "write");
	phase("search index", "search", hugo ? `Pagefind ${seconds(hugo.pagefind.wallMs)}` : "");
	phase("total in process", "total");
	rows.push(["whole command", seconds(first.wallMs), seconds(second.wallMs), hugo ? seconds(hugo.hugo.wallMs + hugo.pagefind.wallMs) : ""]);
	rows.push([
		"peak RSS (with children)",
		megabytes(first.peakRss),
		megabytes(second.peakRss),
		hugo ? `${megabytes(hugo.hugo.peakRss)} / ${megabytes(hugo.pagefind.peakRss)}` : "",
	]);
	rows.push(["pages (.html)", count(first.output.pages), count(second.output.pages), hugo ? count(hugo.output.pages) : ""]);
	rows.push(["output", megabytes(first.output.bytes), megabytes(second.output.bytes), hugo ? megabytes(hugo.output.bytes) : ""]);
	const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => row[column]?.length ?? 0)));
	const table = rows.map((row) =>
		row.map((cell, column) => (column === 0 ? cell.padEnd(widths[0] ?? 0) : cell.padStart(widths[column] ?? 0))).join("   "),
	);

	const lines = [
		`${count(report.articles)} articles, ${count(report.topics)} topics, ${report.corpus.dir}; ${report.machine.cores} cores, load average ${report.machine.loadBefore[0]?.toFixed(1)} before, ${report.machine.loadAfter[0]?.toFixed(1)} after; Node ${report.machine.node}${report.machine.hugo ? `; ${report.machine.hugo.split(" ").slice(0, 2).join(" ")}` : ""}`,
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
			`search in Chromium: "${s.query}" → ${count(s.count)} results on screen ${Math.round(s.firstResultsMs)} ms after opening /search/?q=, ${kilobytes(s.transferredBytes)} transferred (${kilobytes(s.searchBytes)} in ${s.searchRequests} Pagefind files); next query "${s.nextQuery}" ${Math.round(s.nextQueryMs)} ms`,
		);
	}
	for (const [step, why] of Object.entries(report.failed))
		lines.push(`${step === "dev" ? "dev server" : "search in Chromium"}: did not finish: ${why}`);
	lines.push("", "targets (DESIGN.md, for 10,000 articles):");
	for (const check of report.checks)
		lines.push(`  ${check.met === undefined ? "–" : check.met ? "met" : "NOT met"}  ${check.target}: ${check.measured}`);
	return `${lines.join("\n")}\n`;
}

const count = (value: number): string => value.toLocaleString("en-US");
