/**
 * Recall and precision of word forms (docs/search.md): the mixed English/Russian/Ukrainian fixture is
 * built, and its article pages indexed three ways — as Pagefind alone sees them (the stems removed) in
 * English and in Russian (searched also with `exactDiacritics`), and as built (one index with the stems)
 * — then searched for every form of six words. Relevant: the articles whose text holds a form of the word (or names the place in English).
 * Run with `npx tsx src/bench/word-forms.ts`.
 */
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as pagefind from "pagefind";
import { buildSite } from "../commands/build.ts";
import { projectRoot } from "../paths.ts";
import { searchTerms } from "../search/word-forms.ts";

/** A word, what counts as a form of it in an article's text, and the forms searched for. */
const words: { word: string; holds: RegExp; forms: string[] }[] = [
	{ word: "Украина", holds: /Украин(а|е|у|ы|ой)(?!\p{L})/u, forms: ["Украина", "Украине", "Украину", "Украины"] },
	{ word: "Москва", holds: /Москв(а|е|ы|у|ой|і)(?!\p{L})|Moscow/u, forms: ["Москва", "Москве", "Москві"] },
	{
		word: "новый",
		holds: /(?<!\p{L})[Нн]ов(ый|ой|ую|ым|ого|ом|ые|ых|ая|ое|ий|а|е|і|ої|ому)(?!\p{L})/u,
		forms: ["новый", "новой", "новую", "новий"],
	},
	{ word: "Київ", holds: /Київ|Києв|Киев|Kyiv/u, forms: ["Київ", "Києва", "Києві"] },
	{ word: "помилка", holds: /помилк/iu, forms: ["помилка", "помилки", "помилку"] },
	{ word: "вразливість", holds: /вразлив(ість|ості)/iu, forms: ["вразливість", "вразливості"] },
];

const wordForms = /<p hidden class="word-forms">[^<]*<\/p>/;

interface Page {
	url: string;
	html: string;
	text: string;
}

async function articlePages(outputDir: string): Promise<Page[]> {
	const pages: Page[] = [];
	for (const entry of await readdir(path.join(outputDir, "articles"), { recursive: true, withFileTypes: true })) {
		if (entry.name !== "index.html") continue;
		const file = path.join(entry.parentPath, entry.name);
		const html = await readFile(file, "utf8");
		const article = html.match(/<article[\s\S]*<\/article>/)?.[0] ?? "";
		pages.push({
			url: `/${path.relative(outputDir, path.dirname(file))}/`,
			html,
			text: article.replace(wordForms, "").replace(/<[^>]+>/g, " "),
		});
	}
	return pages;
}

async function indexOf(pages: Page[], folder: string, language: string, stems: boolean): Promise<string> {
	const { index } = await pagefind.createIndex({ forceLanguage: language });
	if (!index) throw new Error("Pagefind did not create an index");
	for (const page of pages) await index.addHTMLFile({ url: page.url, content: stems ? page.html : page.html.replace(wordForms, "") });
	await index.writeFiles({ outputPath: folder });
	return folder;
}

interface Pagefind {
	options(options: Record<string, unknown>): Promise<void>;
	search(query: string): Promise<{ results: { data(): Promise<{ url: string }> }[] }>;
}

export async function measureWordForms(): Promise<string[]> {
	const work = await mkdtemp(path.join(tmpdir(), "word-forms-"));
	try {
		const outputDir = path.join(work, "site");
		await buildSite({ articlesDir: path.join(projectRoot, "test", "fixtures", "languages", "mixed"), outputDir, cacheDir: false });
		const pages = await articlePages(outputDir);
		const russian = await indexOf(pages, path.join(work, "ru"), "ru", false);
		const ways = [
			{ name: "Pagefind alone, English", folder: await indexOf(pages, path.join(work, "en"), "en", false), stems: false, exact: false },
			{ name: "Pagefind alone, Russian", folder: russian, stems: false, exact: false },
			{ name: "Pagefind alone, Russian, exactDiacritics", folder: russian, stems: false, exact: true },
			{ name: "stems, one index", folder: path.join(outputDir, "pagefind"), stems: true, exact: false },
		];
		await pagefind.close();
		// Pagefind's browser bundle fetches its files: here they are read from disk.
		globalThis.fetch = (async (url: string | URL) => new Response(await readFile(fileURLToPath(url)))) as typeof fetch;
		const lines: string[] = [];
		for (const way of ways) {
			const bundle = (await import(`${pathToFileURL(path.join(way.folder, "pagefind.js")).href}?${way.name}`)) as Pagefind;
			await bundle.options({ basePath: pathToFileURL(`${way.folder}/`).href, baseUrl: "/", noWorker: true, exactDiacritics: way.exact });
			let relevantTotal = 0;
			let foundTotal = 0;
			let hits = 0;
			const rows: string[] = [];
			for (const { holds, forms } of words) {
				const relevant = new Set(pages.filter((page) => holds.test(page.text)).map((page) => page.url));
				for (const form of forms) {
					const answer = await bundle.search(way.stems ? searchTerms(form) : form);
					const urls = await Promise.all(answer.results.map(async (result) => (await result.data()).url));
					const hit = urls.filter((url) => relevant.has(url)).length;
					relevantTotal += relevant.size;
					foundTotal += urls.length;
					hits += hit;
					rows.push(`${form} ${hit}/${relevant.size}${urls.length > hit ? ` +${urls.length - hit} unrelated` : ""}`);
				}
			}
			const share = (part: number, whole: number) => `${part}/${whole} = ${whole === 0 ? 0 : Math.round((100 * part) / whole)}%`;
			lines.push(`${way.name}: recall ${share(hits, relevantTotal)}, precision ${share(hits, foundTotal)}`, `  ${rows.join("; ")}`);
		}
		return lines;
	} finally {
		await rm(work, { recursive: true, force: true });
	}
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	for (const line of await measureWordForms()) console.log(line);
}
