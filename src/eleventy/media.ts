/**
 * Publishes the files of the articles folder that the site shows or links (images, PDFs, page bundles'
 * files: `digest.media`, listed by src/content/media.ts) into the output, after Eleventy has written the
 * pages: into the staging folder of a build, into the served folder on each dev rebuild.
 *
 * Copies are made with `copyFile` (a reflink where the file system has them) and never replace a file the
 * build generated: a published file that would land on a page is left out. A dev rebuild copies only what
 * changed since its last run and removes what is no longer published.
 */
import { constants } from "node:fs";
import { copyFile, lstat, mkdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { Digest } from "../content/load.ts";
import type { MediaFile } from "../content/media.ts";
import { loadedDigest } from "./content.ts";
import { sessionOf } from "./options.ts";

export interface PublishOptions {
	/**
	 * Copies in flight at a time.
	 * @default 8
	 */
	concurrency?: number;
}

export const publishDefaults = { concurrency: 8 } satisfies Required<PublishOptions>;

// biome-ignore lint/suspicious/noExplicitAny: Eleventy's config object is untyped.
export function mediaPlugin(eleventyConfig: any): void {
	const session = sessionOf(eleventyConfig);
	// What the last run in this process published (the dev server's rebuilds), by site path.
	let published = new Map<string, string>();
	eleventyConfig.on("eleventy.after", async ({ directories }: { directories: { output: string } }) => {
		const options = session();
		if (options.renderRun?.last === false) return;
		const digest: Digest | undefined = options.digest ?? loadedDigest(eleventyConfig);
		if (!digest) return;
		published = await publishMedia(path.resolve(options.articlesDir), path.resolve(directories.output), digest.media, published);
	});
}

/**
 * Copies `media` from `root` into `output`; `previous` is what an earlier call published into the same
 * output (unchanged files are skipped, files no longer listed removed). Returns what is published now.
 */
export async function publishMedia(
	root: string,
	output: string,
	media: readonly MediaFile[],
	previous: ReadonlyMap<string, string> = new Map(),
	options: PublishOptions = {},
): Promise<Map<string, string>> {
	const { concurrency } = { ...publishDefaults, ...options };
	const now = new Map<string, string>();
	const jobs = media
		.map((file) => ({ ...file, source: path.join(root, file.from), target: path.join(output, file.to) }))
		// Listed paths come from the folder's own listing and normalised URLs; checked again, as a copy outside
		// either folder must never happen.
		.filter(({ source, target }) => isInside(source, root) && isInside(target, output));
	for (const folder of new Set(jobs.map((job) => path.dirname(job.target)))) await mkdir(folder, { recursive: true });
	let next = 0;
	const worker = async () => {
		for (let job = jobs[next++]; job; job = jobs[next++]) {
			const source = await lstat(job.source).catch(() => undefined);
			// Listed as a regular file; if it became a link since, it is not followed.
			if (!source?.isFile()) continue;
			const ours = previous.get(job.to) === job.from;
			if (ours) {
				const existing = await stat(job.target).catch(() => undefined);
				if (existing && existing.size === source.size && existing.mtimeMs >= source.mtimeMs) {
					now.set(job.to, job.from);
					continue;
				}
			}
			try {
				await copyFile(job.source, job.target, constants.COPYFILE_FICLONE | (ours ? 0 : constants.COPYFILE_EXCL));
				now.set(job.to, job.from);
			} catch (error) {
				// EEXIST: a page or asset the build wrote is there; the site's own file wins.
				if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
			}
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
	for (const to of previous.keys()) {
		if (!now.has(to)) await rm(path.join(output, to), { force: true });
	}
	return now;
}

const isInside = (file: string, folder: string): boolean => {
	const relative = path.relative(folder, file);
	return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
};
