/**
 * What GitHub Pages needs from a build: where the site will live (a project site under `/<repo>/`, a
 * user site or a custom domain at `/`), and the files Pages reads from the output (`CNAME`, `.nojekyll`).
 * Both the build and the deploy workflow's settings script use these, so they cannot disagree.
 */
import { readdirSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { ContentError } from "../content/problems.ts";
import { normalisePrefix } from "../eleventy/options.ts";
import { projectRoot } from "../paths.ts";
import type { FileIdentity } from "../search/fragment-reuse.ts";

export interface CustomDomain {
	/** e.g. `digest.example.org`. */
	domain: string;
	/** The CNAME file it came from. */
	file: string;
}

/** A host name as GitHub Pages accepts it: letters, digits and hyphens in dot-separated labels. */
const hostName = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/i;

/**
 * The custom domain set by a `CNAME` file in the articles folder, else in the project's root; none when
 * neither has one. The articles folder wins so that one engine can publish several digests.
 */
export async function findCustomDomain(articlesDir: string, rootDir: string = projectRoot): Promise<CustomDomain | undefined> {
	for (const dir of [articlesDir, rootDir]) {
		const file = path.join(dir, "CNAME");
		const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
			if (error.code === "ENOENT") return undefined;
			throw error;
		});
		if (text === undefined) continue;
		// Pages reads the first line only; anything else in the file is ignored there too.
		const domain = (text.split(/\r?\n/).find((line) => line.trim()) ?? "").trim();
		if (!hostName.test(domain)) {
			throw new ContentError([{ path: file, line: 1, field: "CNAME", message: `${JSON.stringify(domain)} is not a domain name` }]);
		}
		return { domain: domain.toLowerCase(), file };
	}
	return undefined;
}

export interface PagesTarget {
	/** `/repo/` for a project site, `/` for a user or organisation site and for a custom domain. */
	pathPrefix: string;
	/** Public URL without a trailing slash, e.g. `https://user.github.io/repo`. */
	siteUrl: string;
}

/**
 * Where a repository's Pages site is served. `repository` is `owner/name` (`GITHUB_REPOSITORY`): a project
 * site lives under `/<name>/`, a `<owner>.github.io` repository and a `CNAME` domain at `/`. `pagesUrl`, the
 * URL the Pages settings report (`actions/configure-pages`' `base_url`), wins when given: it also knows a
 * custom domain set in the settings rather than in a file.
 */
export function pagesTarget(repository: string, customDomain?: string, pagesUrl = ""): PagesTarget {
	const [owner, name, ...rest] = repository.split("/");
	if (!owner || !name || rest.length > 0) throw new Error(`repository must be owner/name, not ${JSON.stringify(repository)}`);
	if (customDomain) return { pathPrefix: "/", siteUrl: `https://${customDomain}` };
	if (pagesUrl.trim()) {
		const url = new URL(pagesUrl.trim());
		const pathPrefix = normalisePrefix(url.pathname);
		return { pathPrefix, siteUrl: `${url.origin}${pathPrefix}`.replace(/\/+$/, "") };
	}
	const pathPrefix = name.toLowerCase() === `${owner.toLowerCase()}.github.io` ? "/" : `/${name}/`;
	return { pathPrefix, siteUrl: `https://${owner.toLowerCase()}.github.io${pathPrefix}`.replace(/\/+$/, "") };
}

/**
 * GitHub Pages refuses to publish a site larger than this: its documentation says "1 GB", read here as
 * 10^9 bytes, the smaller of the two readings (1 GiB is 7% more).
 */
export const pagesSiteLimitBytes = 10 ** 9;

/** What a build can leave out, by the output folder that holds it: the first answer to "too big". */
const whatToTurnOff: Record<string, string> = {
	"pagefind/file": "`--no-file-search` leaves out the copy of the search index for opening the site from disk (file://)",
	"pagefind/offline": "`--no-offline` leaves out reading and searching offline (the service worker and its packs)",
};

export interface SizeCheck {
	/** @default pagesSiteLimitBytes */
	limitBytes?: number;
	/** The digest's article count: near the limit, the warning says about how many more fit. */
	articles?: number;
}

/**
 * From this share of the limit on, the build says how near the site is, so that an editor whose digest
 * grows every day learns it before Pages refuses the site, not after.
 */
export const pagesSizeNoticeShare = 0.9;

/** What a built site weighs: all of it, and by part (see `siteSize`). */
export interface SiteSize {
	total: number;
	/** Bytes by top-level folder, `pagefind/file` and `pagefind/offline` apart, and `(top-level files)`. */
	parts: ReadonlyMap<string, number>;
}

/** Which part of a site `siteFiles` lists. */
export interface SiteFilesOptions {
	/** Paths (of files or folders, relative to the site) to leave out. */
	skip?: (file: string) => boolean;
	/** Only this folder of the site (relative to it). */
	under?: string;
}

/**
 * The files under `outputDir` with their identities, by path relative to it with `/` separators (as
 * `outputFileOfUrl` names a page's file). A build lists the folder but for the search step's part while
 * the search index is being written, then that part once it is (src/commands/build.ts).
 */
export function siteFiles(outputDir: string, { skip, under = "" }: SiteFilesOptions = {}): Map<string, FileIdentity> {
	const files = new Map<string, FileIdentity>();
	// All synchronously, for the 17,000 folders and 42,000 files of 10,000 news items: Node 20's recursive
	// readdir awaits one folder after another (0.78 s, synchronously 0.12 s), one awaited stat after
	// another took 1.7 s.
	const walk = (relative: string) => {
		for (const entry of readdirSync(relative ? path.join(outputDir, relative) : outputDir, { withFileTypes: true })) {
			const file = relative ? `${relative}/${entry.name}` : entry.name;
			if (skip?.(file)) continue;
			if (entry.isDirectory()) walk(file);
			else if (entry.isFile()) {
				const found = statSync(path.join(outputDir, file));
				files.set(file, { ino: found.ino, size: found.size, mtimeMs: found.mtimeMs });
			}
		}
	};
	if (under === "" || statSync(path.join(outputDir, under), { throwIfNoEntry: false })?.isDirectory()) walk(under);
	return files;
}

/** What the files `siteFiles` found weigh, all of them and by part. */
export function siteSize(files: ReadonlyMap<string, { size: number }>): SiteSize {
	const parts = new Map<string, number>();
	let total = 0;
	for (const [file, { size }] of files) {
		total += size;
		const [top = "", second] = file.split("/");
		const part =
			top === "pagefind" && (second === "file" || second === "offline")
				? `pagefind/${second}`
				: second === undefined
					? "(top-level files)"
					: top;
		parts.set(part, (parts.get(part) ?? 0) + size);
	}
	return { total, parts };
}

/**
 * A warning when a built site of `size` is over Pages' limit (or `limitBytes`), or past
 * `pagesSizeNoticeShare` of it, naming its largest parts and what to turn off; undefined when it fits
 * with room.
 */
export function sizeWarning({ total, parts }: SiteSize, check: SizeCheck = {}): string | undefined {
	const { limitBytes = pagesSiteLimitBytes, articles } = check;
	if (total <= limitBytes * pagesSizeNoticeShare) return undefined;
	const over = total > limitBytes;
	const largest = [...parts].sort((a, b) => b[1] - a[1]).slice(0, 4);
	// Whatever can be turned off is named, largest first, even when it is not among the largest parts.
	const remedies = [...parts]
		.sort((a, b) => b[1] - a[1])
		.flatMap(([part, bytes]) => (whatToTurnOff[part] ? [`${whatToTurnOff[part]} (${megabytes(bytes)})`] : []));
	const perArticle = articles ? total / articles : 0;
	const room =
		perArticle > 0
			? ` At ${(perArticle / 1000).toFixed(1)} kB an article, about ${twoFigures(Math.floor((limitBytes - total) / perArticle)).toLocaleString("en")} more fit.`
			: "";
	return [
		over
			? `the site is ${megabytes(total)}, over GitHub Pages' limit of ${megabytes(limitBytes)} for a published site: Pages will refuse it.`
			: `the site is ${megabytes(total)}, ${Math.floor((total / limitBytes) * 100)}% of GitHub Pages' limit of ${megabytes(limitBytes)} for a published site, past which Pages refuses it.${room}`,
		`Largest parts: ${largest.map(([part, bytes]) => `${part}/ ${megabytes(bytes)}`).join(", ")}.`,
		remedies.length > 0
			? `${over ? "To turn off" : "What can be turned off"}: ${remedies.join("; ")}; or split the articles into digests of their own (e.g. one per year).`
			: "Split the articles into digests of their own (e.g. one per year), each published on its own.",
	].join(" ");
}

/** Rounded down to two significant figures (5,334 → 5,300): an estimate, not a count. */
const twoFigures = (n: number): number => {
	const unit = n < 100 ? 1 : 10 ** (Math.floor(Math.log10(n)) - 1);
	return Math.floor(n / unit) * unit;
};

/** Decimal megabytes (10^6 bytes), as the limit is read. */
const megabytes = (bytes: number): string => `${(bytes / 1e6).toFixed(bytes < 10e6 ? 1 : 0)} MB`;
