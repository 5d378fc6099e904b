/**
 * One measured build, in a process of its own so that its peak memory is its own: run by the benchmark
 * with a JSON argument, prints one JSON line (BuildMeasurement) on stdout.
 */
import fs from "node:fs";
import { buildSite } from "../commands/build.ts";

export interface BuildRequest {
	articlesDir: string;
	outputDir: string;
	/** `false`: no parse cache. */
	cacheDir: string | false;
}

export interface BuildMeasurement {
	articles: number;
	pages: number;
	/** Pages carried over unchanged from the last build of the same folder (src/commands/carry-over.ts). */
	carried: number;
	/** Milliseconds per phase; `write` is the time Eleventy spent writing pages, taken out of `render`. */
	phases: { load: number; render: number; write: number; search: number; total: number };
	/** This process's own peak resident memory (bytes), as the kernel counted it. */
	maxRss: number;
}

const request = JSON.parse(process.argv[2] ?? "{}") as BuildRequest;

// Eleventy writes each page with fs.writeFileSync right after rendering it; timing those calls splits
// "render" from "write". The build itself is unchanged.
let writeMs = 0;
const writeFileSync = fs.writeFileSync;
fs.writeFileSync = ((...args: Parameters<typeof fs.writeFileSync>) => {
	const started = performance.now();
	try {
		return writeFileSync(...args);
	} finally {
		writeMs += performance.now() - started;
	}
}) as typeof fs.writeFileSync;

const result = await buildSite({ articlesDir: request.articlesDir, outputDir: request.outputDir, cacheDir: request.cacheDir });
const { load, render, search, swap, total } = result.timings;
const measurement: BuildMeasurement = {
	articles: result.digest.articles.length,
	pages: result.pages,
	carried: result.carried,
	phases: { load, render: render - writeMs, write: writeMs + swap, search, total },
	maxRss: process.resourceUsage().maxRSS * 1024,
};
process.stdout.write(`${JSON.stringify(measurement)}\n`);
