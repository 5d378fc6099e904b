/**
 * The reference point: the same articles built by Hugo (bench/hugo: article pages, topic pages with
 * pagination, per-topic RSS, a sitemap) and indexed by the Pagefind CLI, the way a Hugo site adds search.
 */
import { spawnSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type CommandRun, type FolderSize, folderSize, runMeasured } from "./measure.ts";

const projectDir = fileURLToPath(new URL("../../", import.meta.url));
export const hugoSiteDir = path.join(projectDir, "bench", "hugo");
const pagefindBin = path.join(projectDir, "node_modules", ".bin", "pagefind");

export interface HugoMeasurement {
	version: string;
	hugo: CommandRun;
	pagefind: CommandRun;
	output: FolderSize;
	/** Pages Pagefind indexed, as it reported them. */
	indexed: number;
}

/** Hugo's version line, or undefined when it is not installed (`apt-get install -y hugo`). */
export function hugoVersion(): string | undefined {
	const run = spawnSync("hugo", ["version"], { encoding: "utf8" });
	return run.status === 0 ? run.stdout.trim() : undefined;
}

/** Builds `articlesDir` with Hugo into `workDir/public`, then runs the Pagefind CLI over it. */
export async function measureHugo(articlesDir: string, workDir: string): Promise<HugoMeasurement> {
	const version = hugoVersion();
	if (!version) throw new Error("hugo is not installed (apt-get install -y hugo)");
	await mkdir(workDir, { recursive: true });
	// The corpus is mounted as the site's articles section; nothing is copied.
	const mounts = path.join(workDir, "mounts.toml");
	await writeFile(
		mounts,
		[
			// Hugo 0.111 has no flag for it; it would otherwise write resources/ into bench/hugo.
			`resourceDir = ${JSON.stringify(path.join(workDir, "resources"))}`,
			"[[module.mounts]]",
			`source = ${JSON.stringify(path.resolve(articlesDir))}`,
			'target = "content/articles"',
			"[[module.mounts]]",
			`source = ${JSON.stringify(path.join(hugoSiteDir, "layouts"))}`,
			'target = "layouts"',
			"",
		].join("\n"),
	);
	const output = path.join(workDir, "public");
	const hugo = await runMeasured("hugo", [
		"--quiet",
		"--source",
		hugoSiteDir,
		"--config",
		`${path.join(hugoSiteDir, "hugo.toml")},${mounts}`,
		"--destination",
		output,
		"--cacheDir",
		path.join(workDir, "cache"),
		"--noBuildLock",
	]);
	const pagefind = await runMeasured(pagefindBin, ["--site", output]);
	const indexed = Number(/Indexed (\d+) pages?/.exec(pagefind.stdout)?.[1] ?? 0);
	return { version, hugo, pagefind, output: await folderSize(output), indexed };
}
