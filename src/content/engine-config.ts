/**
 * The configuration of the engine a site was built with, when the articles folder is that site's root:
 * Hugo (`hugo.toml`, `config.toml`, `hugo.yaml`, … also under `config/_default/`), Jekyll (`_config.yml`),
 * Zola (`config.toml`, `zola.toml`) and Docusaurus (`docusaurus.config.js|ts`). What this digest has a
 * setting for is taken from it — title, description, language, time zone, permalink pattern — and so are
 * the folders the engine reads: content, static, and the theme's static folder that serves `/img/…`.
 * `site.yaml` wins field by field. Nothing is run: Docusaurus's JavaScript is read as text.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { parse as parseToml } from "smol-toml";
import { parse as parseYaml } from "yaml";
import { siteSettingsFields } from "./site.ts";
import { patternProblem } from "./urls.ts";

export type Engine = "hugo" | "zola" | "jekyll" | "docusaurus";

/** The settings an engine's configuration gives, in `site.yaml`'s names (each one valid for it). */
export interface EngineSettings {
	title?: string;
	description?: string;
	language?: string;
	zone?: string;
	permalink?: string;
}

/**
 * What an engine's configuration has it publish that it holds back by default. Each is counted as
 * skipped otherwise (src/content/load.ts), as the engine skips it.
 */
export interface EnginePublishes {
	/** `draft: true` (Hugo's `buildDrafts`) and the files of Jekyll's `_drafts/` (its `show_drafts`). */
	drafts?: true;
	/** Jekyll's `published: false` (its `unpublished`). */
	unpublished?: true;
	/** A `date` or `publishDate` still to come (Hugo's `buildFuture`, Jekyll's `future`; Zola always). */
	future?: true;
	/** A past `expiryDate` (Hugo's `buildExpired`). */
	expired?: true;
}

export interface EngineConfig {
	engine: Engine;
	/** The configuration file, relative to the site root (`/` separators). */
	file: string;
	settings: EngineSettings;
	/** Where the engine's content lives, relative to the root: Hugo's `contentDir`, Zola's `content`, Docusaurus's blog, "" for Jekyll. */
	contentDir: string;
	/** Folders served at the site's root, relative to the root, in the engine's order: its static folder, then its themes'. */
	staticDirs: string[];
	/** Hugo's `params.mainSections`, when the site names them: only pages of these sections are posts. */
	mainSections?: string[];
	/** What the engine publishes beyond its defaults, by its configuration (or by its nature: Zola). */
	publishes: EnginePublishes;
	/** What was read, in a few words each (`title`, `language ru`, `static/ and themes/x/static/`). */
	read: string[];
	/** Settings found that this digest cannot follow, each said once (`timeZone "Mars/Base" is not a time zone`). */
	notes: string[];
}

const hugoFiles = ["hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json"];
const hugoDefaultFolder = "config/_default";
const sharedFiles = ["config.toml", "config.yaml", "config.yml", "config.json"];
const jekyllFiles = ["_config.yml", "_config.yaml", "_config.toml"];
const docusaurusFiles = ["docusaurus.config.ts", "docusaurus.config.js", "docusaurus.config.mjs", "docusaurus.config.cjs"];

type Table = Record<string, unknown>;

const isTable = (value: unknown): value is Table => typeof value === "object" && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === "string" && value.trim() !== "" ? value.trim() : undefined);
const textList = (value: unknown): string[] =>
	(Array.isArray(value) ? value : [value]).map(text).filter((item): item is string => item !== undefined);

/** A setting switched on: `true`, or the text "true" (Hugo reads either). */
const on = (value: unknown): boolean => value === true || (typeof value === "string" && value.trim().toLowerCase() === "true");

/**
 * The switches of `table` (`{ drafts: "builddrafts" }`: what each key turns on) that are on, and their
 * names as the configuration writes them, for the report.
 */
function publishing(table: Table, keys: Partial<Record<keyof EnginePublishes, string>>, shown: Record<string, string>) {
	const publishes: EnginePublishes = {};
	const read: string[] = [];
	for (const [what, key] of Object.entries(keys) as [keyof EnginePublishes, string][]) {
		if (!on(table[key])) continue;
		publishes[what] = true;
		read.push(shown[key] ?? key);
	}
	return { publishes, read };
}

/** Hugo's keys are case-insensitive: a table's keys in lower case. */
const lowerKeys = (table: Table): Table => Object.fromEntries(Object.entries(table).map(([key, value]) => [key.toLowerCase(), value]));

/**
 * Reads the configuration file of the engine whose site `root` is; undefined when it is none of them. A
 * configuration without the folder its engine reads posts from (Hugo's and Zola's content, Jekyll's
 * `_posts/` or `_drafts/`) is some other file of that name in a plain folder of articles, and is not read.
 */
export async function readEngineConfig(root: string): Promise<EngineConfig | undefined> {
	const config = await findEngineConfig(root);
	if (!config) return undefined;
	const folder = async (name: string) => Boolean((await stat(path.join(root, name)).catch(() => undefined))?.isDirectory());
	if (config.engine === "jekyll") return (await folder("_posts")) || (await folder("_drafts")) ? config : undefined;
	if (config.engine === "hugo" || config.engine === "zola") return (await folder(config.contentDir)) ? config : undefined;
	return config;
}

async function findEngineConfig(root: string): Promise<EngineConfig | undefined> {
	const read = async (file: string) => readFile(path.join(root, file), "utf8").catch(() => undefined);
	/** Files the engine would stop on; the digest goes on with its own defaults and says so. */
	const unreadable: string[] = [];
	const parse = (file: string, source: string) => parsed(file, source, unreadable);
	const withNotes = (config: EngineConfig): EngineConfig => ({ ...config, notes: [...unreadable, ...config.notes] });
	for (const file of docusaurusFiles) {
		const source = await read(file);
		if (source !== undefined) return docusaurusConfig(file, source, root);
	}
	for (const file of [...hugoFiles, ...hugoFiles.map((name) => `${hugoDefaultFolder}/${name}`)]) {
		const source = await read(file);
		if (source !== undefined)
			return withNotes(await hugoConfig(file, await withConfigFolder(root, file, parse(file, source), parse), root));
	}
	const zola = await read("zola.toml");
	if (zola !== undefined) return withNotes(await zolaConfig("zola.toml", parse("zola.toml", zola), root));
	for (const file of [...sharedFiles, ...sharedFiles.map((name) => `${hugoDefaultFolder}/${name}`)]) {
		const source = await read(file);
		if (source === undefined) continue;
		const table = parse(file, source);
		// Zola writes `base_url`; Hugo writes `baseURL` (any case) and never an underscore.
		return withNotes(await ("base_url" in table ? zolaConfig(file, table, root) : hugoConfig(file, table, root)));
	}
	for (const file of jekyllFiles) {
		const source = await read(file);
		if (source !== undefined) return withNotes(jekyllConfig(file, parse(file, source)));
	}
	return undefined;
}

/**
 * Hugo's configuration folder splits the settings over files named by their key (`config/_default/params.toml`,
 * `languages.toml`, `permalinks.toml`) and per language (`languages.ru.toml`): merged here into the main
 * file's table, which wins.
 */
async function withConfigFolder(root: string, file: string, table: Table, parse: (file: string, source: string) => Table): Promise<Table> {
	const folder = path.posix.dirname(file);
	if (folder !== hugoDefaultFolder) return table;
	const names = await readdir(path.join(root, folder)).catch(() => [] as string[]);
	const merged: Table = { ...table };
	const languages: Table = isTable(merged.languages) ? { ...merged.languages } : {};
	for (const name of names.sort()) {
		const match = /^(params|languages|permalinks)(?:\.([a-z]{2,3}(?:-[a-z0-9]+)*))?\.(toml|ya?ml|json)$/i.exec(name);
		if (!match || `${folder}/${name}` === file) continue;
		const [, key = "", language] = match;
		const part = parse(`${folder}/${name}`, await readFile(path.join(root, folder, name), "utf8"));
		if (key.toLowerCase() === "languages" && language)
			languages[language] = { ...part, ...(isTable(languages[language]) ? languages[language] : {}) };
		else if (key.toLowerCase() === "languages") Object.assign(languages, { ...part, ...languages });
		else merged[key] = { ...part, ...(isTable(merged[key]) ? merged[key] : {}) };
	}
	if (Object.keys(languages).length > 0) merged.languages = languages;
	return merged;
}

/** A configuration file's settings; an unreadable one gives none, and a note saying why. */
function parsed(file: string, source: string, unreadable: string[]): Table {
	try {
		const data: unknown = file.endsWith(".toml") ? parseToml(source) : parseYaml(source, { maxAliasCount: 50 });
		return isTable(data) ? data : {};
	} catch (error) {
		unreadable.push(`${file} could not be read, so its settings are not used: ${(error as Error).message.split("\n")[0]}`);
		return {};
	}
}

/** A configuration with each setting checked against `site.yaml`'s rules: one it cannot follow becomes a note. */
function finish(config: Omit<EngineConfig, "read" | "notes">, read: string[], notes: string[], keys: Record<string, string>): EngineConfig {
	const settings: EngineSettings = {};
	const fieldNames = Object.keys(config.settings) as (keyof EngineSettings)[];
	for (const field of fieldNames) {
		const value = config.settings[field];
		if (value === undefined) continue;
		const checked = siteSettingsFields.shape[field].safeParse(value);
		if (checked.success) {
			settings[field] = value;
			read.push(field === "language" ? `language ${value}` : field === "zone" ? `time zone ${value}` : (keys[field] ?? field));
		} else notes.push(`${keys[field] ?? field} ${JSON.stringify(value)} is not used: ${checked.error.issues[0]?.message ?? "not valid"}`);
	}
	return { ...config, settings, read, notes };
}

/** `ru`, `en-US` (a region in capitals, as BCP 47 writes it), from `ru`, `en-us` or `en_US`. */
function languageTag(value: string | undefined): string | undefined {
	if (value === undefined) return undefined;
	const [language = "", region] = value.replace(/_/g, "-").split("-");
	return region && /^[a-z]{2}$/i.test(region) ? `${language.toLowerCase()}-${region.toUpperCase()}` : value.toLowerCase();
}

/** The static folders that exist among `candidates`, as `static/ and themes/x/static/` for the report. */
async function existingFolders(root: string, candidates: string[]): Promise<string[]> {
	const found: string[] = [];
	for (const folder of candidates) if ((await stat(path.join(root, folder)).catch(() => undefined))?.isDirectory()) found.push(folder);
	return found;
}

const foldersRead = (folders: string[]): string => folders.map((folder) => `${folder}/`).join(" and ");

async function hugoConfig(file: string, raw: Table, root: string): Promise<EngineConfig> {
	const table = lowerKeys(raw);
	const params = isTable(table.params) ? lowerKeys(table.params) : {};
	const languages = isTable(table.languages) ? table.languages : {};
	const defaultLanguage = text(table.defaultcontentlanguage);
	const ownLanguage = defaultLanguage && isTable(languages[defaultLanguage]) ? lowerKeys(languages[defaultLanguage] as Table) : {};
	const mainSections = textList(params.mainsections ?? params.mainsection);
	const notes: string[] = [];
	const permalink = hugoPermalink(table.permalinks, mainSections, notes);
	const themesDir = text(table.themesdir) ?? "themes";
	const build = publishing(
		table,
		{ drafts: "builddrafts", future: "buildfuture", expired: "buildexpired" },
		{ builddrafts: "buildDrafts", buildfuture: "buildFuture", buildexpired: "buildExpired" },
	);
	const themes = textList(table.theme);
	const staticDirs = await existingFolders(root, [
		...(textList(table.staticdir).length > 0 ? textList(table.staticdir) : ["static"]),
		...themes.map((theme) => `${themesDir}/${theme}/static`),
	]);
	const config = finish(
		{
			engine: "hugo",
			file,
			settings: {
				title: text(ownLanguage.title) ?? text(table.title),
				description: text(ownLanguage.description) ?? text(params.description) ?? text(table.description),
				language: languageTag(text(ownLanguage.languagecode) ?? text(table.languagecode) ?? defaultLanguage),
				zone: text(table.timezone),
				permalink,
			},
			contentDir: text(ownLanguage.contentdir) ?? text(table.contentdir) ?? "content",
			staticDirs,
			...(mainSections.length > 0 ? { mainSections } : {}),
			publishes: build.publishes,
		},
		[],
		notes,
		{ permalink: "permalinks", zone: "timeZone", language: "languageCode" },
	);
	if (mainSections.length > 0) config.read.push(`mainSections ${mainSections.join(", ")}`);
	config.read.push(...build.read);
	if (staticDirs.length > 0) config.read.push(foldersRead(staticDirs));
	return config;
}

/**
 * Hugo's permalink for the posts' section (`[permalinks] posts = "/:year/:month/:title/"`, or the newer
 * `[permalinks.page]`), in this digest's tokens; Hugo's names for the file's name are the slug here.
 */
function hugoPermalink(value: unknown, mainSections: string[], notes: string[]): string | undefined {
	if (!isTable(value)) return undefined;
	const table = isTable(value.page) ? value.page : value;
	const entries = Object.entries(table).filter((entry): entry is [string, string] => typeof entry[1] === "string");
	const preferred = [...mainSections, "posts", "post", "blog", "news", "articles"];
	const [section, pattern] = preferred.map((name) => entries.find(([key]) => key === name)).find(Boolean) ?? entries[0] ?? [];
	if (section === undefined || pattern === undefined) return undefined;
	const translated = pattern
		.replace(/:sections?\b(\[[^\]]*\])?/g, section)
		.replace(/:(slugorfilename|slugorcontentbasename|contentbasename|filename)\b/g, ":slug");
	return usablePattern(translated, `permalinks.${section} ${JSON.stringify(pattern)}`, notes);
}

/**
 * A pattern from the site's root, ending in `/` or in `.html` (a folder page, with a redirect at the
 * `.html` address: src/content/urls.ts), or undefined with a note when it has tokens this digest lacks.
 */
function usablePattern(pattern: string, shown: string, notes: string[]): string | undefined {
	const rooted = pattern.startsWith("/") ? pattern : `/${pattern}`;
	const usable = /\.html?$/i.test(rooted) ? rooted : rooted.replace(/\/?$/, "/");
	const problem = patternProblem(usable);
	if (problem === undefined) return usable;
	notes.push(`${shown} is not used: ${problem}`);
	return undefined;
}

async function zolaConfig(file: string, table: Table, root: string): Promise<EngineConfig> {
	const staticDirs = await existingFolders(root, ["static", ...textList(table.theme).map((theme) => `themes/${theme}/static`)]);
	const config = finish(
		{
			engine: "zola",
			file,
			settings: { title: text(table.title), description: text(table.description), language: languageTag(text(table.default_language)) },
			contentDir: "content",
			staticDirs,
			// Zola holds no page back by its date: one dated ahead is published.
			publishes: { future: true },
		},
		[],
		[],
		{ language: "default_language" },
	);
	if (staticDirs.length > 0) config.read.push(foldersRead(staticDirs));
	return config;
}

/** Jekyll's named permalink styles, as its documentation lists them. */
const jekyllStyles: Record<string, string> = {
	date: "/:categories/:year/:month/:day/:title:output_ext",
	pretty: "/:categories/:year/:month/:day/:title/",
	ordinal: "/:categories/:year/:y_day/:title:output_ext",
	weekdate: "/:categories/:year/W:week/:short_day/:title:output_ext",
	none: "/:categories/:title:output_ext",
};

function jekyllConfig(file: string, table: Table): EngineConfig {
	const notes: string[] = [];
	let permalink: string | undefined;
	const written = text(table.permalink);
	if (written !== undefined) {
		const pattern = jekyllStyles[written] ?? written;
		const translated = pattern
			.replace(/:output_ext\b/g, ".html")
			.replace(/:i_month\b/g, ":month")
			.replace(/:i_day\b/g, ":day");
		permalink = usablePattern(translated, `permalink ${JSON.stringify(written)}`, notes);
	}
	const build = publishing(table, { drafts: "show_drafts", future: "future", unpublished: "unpublished" }, {});
	const config = finish(
		{
			engine: "jekyll",
			file,
			settings: {
				title: text(table.title),
				description: text(table.description),
				language: languageTag(text(table.lang) ?? text(table.locale)),
				zone: text(table.timezone),
				permalink,
			},
			contentDir: "",
			staticDirs: [],
			publishes: build.publishes,
		},
		[],
		notes,
		{ language: "lang", zone: "timezone" },
	);
	config.read.push(...build.read);
	return config;
}

/**
 * Docusaurus's configuration is a program; only string literals it gives the top-level settings are
 * read (`title: 'My Site'`, `tagline`, `i18n: { defaultLocale: 'en' }`), never run.
 */
async function docusaurusConfig(file: string, source: string, root: string): Promise<EngineConfig> {
	const literal = (key: string) => {
		const found = new RegExp(`(?:^|[\\s,{])${key}\\s*:\\s*(['"\`])((?:(?!\\1)[^\\\\\\n]|\\\\.)*)\\1`, "m").exec(source);
		return found?.[1] === "`" && found[2]?.includes("${") ? undefined : text(found?.[2]);
	};
	const blogPath = /blog\s*:\s*\{[^}]*?\bpath\s*:\s*(['"])([^'"\n]+)\1/.exec(source)?.[2] ?? "blog";
	const staticDirs = await existingFolders(root, ["static"]);
	const config = finish(
		{
			engine: "docusaurus",
			file,
			settings: { title: literal("title"), description: literal("tagline"), language: languageTag(literal("defaultLocale")) },
			contentDir: blogPath.replace(/^\.\/|\/$/g, ""),
			staticDirs,
			publishes: {},
		},
		[],
		[],
		{ description: "tagline", language: "defaultLocale" },
	);
	config.read.push(`posts in ${config.contentDir}/`);
	if (staticDirs.length > 0) config.read.push(foldersRead(staticDirs));
	return config;
}

/** The one line that says what was read: `read hugo.toml: title, language ru, permalinks, static/ and themes/x/static/`. */
export const configReport = (config: EngineConfig): string =>
	`read ${config.file}: ${config.read.length > 0 ? config.read.join(", ") : "nothing this digest uses"}`;
