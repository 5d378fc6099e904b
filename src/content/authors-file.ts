/**
 * Docusaurus' blog authors: posts name their authors by key (`authors: [jane, sam]`) and the blog folder's
 * `authors.yml` (or `authors.json`) gives each key its name (`jane: { name: Jane Doe, title: … }`). A
 * post's keys are looked up in the nearest such file in its folder or a folder above it; a name that is
 * no key of it is a name already, as Docusaurus treats inline authors.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";

const authorsFiles = /(^|\/)authors\.(ya?ml|json)$/i;

export type AuthorNames = (articleFile: string, authors: readonly string[]) => string[];

/**
 * Reads every authors file among `files` (paths in the articles folder, `/`-separated). A file that cannot
 * be read as a map of keys is left alone: its keys stay as written, the post still builds.
 */
export async function readAuthorNames(root: string, files: readonly string[]): Promise<AuthorNames> {
	const byFolder = new Map<string, Map<string, string>>();
	for (const file of files.filter((name) => authorsFiles.test(name))) {
		const text = await readFile(path.join(root, file), "utf8").catch(() => undefined);
		let data: unknown;
		try {
			data = text === undefined ? undefined : parse(text, { maxAliasCount: 50 });
		} catch {
			continue;
		}
		if (!data || typeof data !== "object" || Array.isArray(data)) continue;
		const names = new Map<string, string>();
		for (const [key, value] of Object.entries(data)) {
			const name = value && typeof value === "object" ? (value as { name?: unknown }).name : undefined;
			if (typeof name === "string" && name.trim()) names.set(key, name.trim());
		}
		const folder = path.posix.dirname(file);
		if (!byFolder.has(folder)) byFolder.set(folder, names);
	}
	if (byFolder.size === 0) return (_file, authors) => [...authors];
	return (articleFile, authors) => {
		let names: Map<string, string> | undefined;
		for (let folder = path.posix.dirname(articleFile); ; folder = path.posix.dirname(folder)) {
			names = byFolder.get(folder);
			if (names || folder === ".") break;
		}
		return names ? authors.map((author) => names.get(author) ?? author) : [...authors];
	};
}
