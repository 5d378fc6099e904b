/**
 * Runs a TypeScript entry point of this project compiled ahead, without a TypeScript loader:
 * `node scripts/compiled.mjs scripts/build.ts [arguments]`. The entry, everything of this project it
 * imports and the packages they import are bundled by esbuild into one module under
 * node_modules/.cache/topic-digest/compiled/, with the parse workers' module beside it, kept while no
 * source file and no installed package changes, and imported.
 *
 * Why: a loader's hooks (tsx) see every module Node loads, Eleventy's hundreds included, from their own
 * thread; starting `npm run build` so took 0.85-0.99 s before the first article was read, and 0.5 s
 * compiled (2-core machine, docs/performance.md). The packages bundled too, Node reads, resolves and
 * links one module instead of several hundred files of node_modules: the sample digest's whole build
 * 0.99 -> 0.79 s. `npm run build` and `npm start` run so; the tests and the other commands run through tsx.
 *
 * Plain JavaScript, as it must start without a loader.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build, stop } from "esbuild";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** What the bundle is made of: a change to any of these makes it again. */
const sources = ["src", "layouts", "scripts"];
const sourceFiles = ["eleventy.config.ts", "package-lock.json", "tsconfig.json"];

// `--compile-only`: make the bundle and stop (the bench does, so that no measured build compiles).
const compileOnly = process.argv[2] === "--compile-only";
const [entry, ...rest] = process.argv.slice(compileOnly ? 3 : 2);
if (!entry) {
	console.error("usage: node scripts/compiled.mjs [--compile-only] ENTRY.ts [arguments]");
	process.exit(2);
}
const entryFile = path.resolve(projectRoot, entry);
const folder = path.join(projectRoot, "node_modules", ".cache", "topic-digest", "compiled");
const name = path
	.relative(projectRoot, entryFile)
	.replace(/\.tsx?$/, "")
	.replace(/[^A-Za-z0-9]+/g, "-");
const bundleDir = path.join(folder, `${name}-${fingerprint()}`);
const bundle = path.join(bundleDir, "main.mjs");

if (!statSync(bundle, { throwIfNoEntry: false }))
	await compile().catch((error) => {
		// A source that does not compile: esbuild has printed each error with its file, line and code.
		if (Array.isArray(error?.errors) && error.errors.length > 0) process.exit(1);
		throw error;
	});
if (compileOnly) process.exit(0);
// Eleventy registers a resolver that busts Node's import cache for the templates and configuration it
// imports again while watching; this project has it import neither (its templates come from
// layouts/page-templates.ts, its configuration is applied in code). Before Node 22.15 that resolver is a
// loader thread every later import waits on: ~0.1 s of each command's start, and a thread of its own.
process.env.ELEVENTY_SKIP_ESM_RESOLVER ??= "1";
// The entry reads its arguments from process.argv[2] on, as when Node runs it directly.
process.argv.splice(1, process.argv.length - 1, entryFile, ...rest);
await import(pathToFileURL(bundle).href);

/**
 * The sources' names and contents, Node's and esbuild's versions, and the project's folder. Contents, not
 * modification times: a bundle of other sources would run other code (165 files, ~1.3 MB: ~5 ms). The
 * folder, because a bundle names its sources by their absolute URLs: another checkout sharing this
 * node_modules (a link to it) would otherwise run this one's pages and layouts.
 */
function fingerprint() {
	const hash = createHash("sha256").update(`${process.version}\0${projectRoot}\0`);
	const files = sourceFiles.map((file) => path.join(projectRoot, file));
	for (const dir of sources)
		for (const entry of readdirSync(path.join(projectRoot, dir), { recursive: true, withFileTypes: true }))
			if (entry.isFile()) files.push(path.join(entry.parentPath, entry.name));
	for (const file of files.sort()) {
		const content = statSync(file, { throwIfNoEntry: false }) ? readFileSync(file) : Buffer.alloc(0);
		hash.update(`${path.relative(projectRoot, file)}\0${content.length}\0`).update(content);
	}
	hash.update(readFileSync(path.join(projectRoot, "node_modules", "esbuild", "package.json")));
	return hash.digest("hex").slice(0, 16);
}

async function compile() {
	mkdirSync(folder, { recursive: true });
	// Written beside its name and renamed: two commands started at once never import half a bundle.
	const partial = `${bundleDir}.${process.pid}.partial`;
	await build({
		// The parse workers' module too, which the loader finds by the name defined below (src/content/load.ts).
		entryPoints: { main: entryFile, "parse-worker": path.join(projectRoot, "src", "content", "parse-worker.ts") },
		outdir: partial,
		outExtension: { ".js": ".mjs" },
		bundle: true,
		platform: "node",
		format: "esm",
		target: "node20",
		// Whitespace only (names stay, stack traces name functions): a smaller source for Node to hold.
		minifyWhitespace: true,
		// Not bundled: packages that run a binary of their own, found from their own folder (esbuild, Pagefind),
		// and Eleventy's dev server, which a build never starts (and whose sources are not strict-mode code).
		external: ["esbuild", "pagefind", "@pagefind/*", "@11ty/eleventy-dev-server", "fsevents"],
		// Packages written as CommonJS call `require` for Node's own modules.
		banner: {
			js: 'import { createRequire as createRequireOfBundle } from "node:module";\nconst require = createRequireOfBundle(import.meta.url);',
		},
		define: {
			"process.env.TOPIC_DIGEST_COMPILED_PARSE_WORKER": JSON.stringify(pathToFileURL(path.join(bundleDir, "parse-worker.mjs")).href),
		},
		logLevel: "error",
		plugins: [ownUrls()],
	});
	// esbuild's service (a process of its own, ~20 MB) is not needed by the build it starts.
	await stop();
	try {
		renameSync(partial, bundleDir);
	} catch (error) {
		// Another command made the same bundle meanwhile: theirs is as good.
		rmSync(partial, { recursive: true, force: true });
		if (!statSync(bundle, { throwIfNoEntry: false })) throw error;
	}
	// Bundles of this entry made from older sources.
	for (const file of readdirSync(folder))
		if (file.startsWith(`${name}-`) && path.join(folder, file) !== bundleDir && !file.endsWith(".partial"))
			rmSync(path.join(folder, file), { recursive: true, force: true });
}

/**
 * Each module keeps its own `import.meta.url` (and a CommonJS one its `__dirname` and `__filename`) inside
 * the bundle: paths are found from it (this project's root, the parse workers, the browser scripts;
 * Eleventy's own package.json), and the parse cache's key hashes the files it names.
 */
function ownUrls() {
	return {
		name: "own-urls",
		setup(esbuild) {
			esbuild.onLoad({ filter: /\.tsx?$/ }, (args) => {
				if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
				return { contents: withOwnUrl(readFileSync(args.path, "utf8"), args.path), loader: args.path.endsWith(".tsx") ? "tsx" : "ts" };
			});
			esbuild.onLoad({ filter: /\.[cm]?js$/ }, (args) => {
				const source = readFileSync(args.path, "utf8");
				if (!/import\.meta\.url|__dirname|__filename/.test(source)) return undefined;
				let contents = withOwnUrl(source, args.path);
				// Declared at the top of the module's own code (esbuild keeps each CommonJS module in a function of
				// its own, and renames what clashes between ES modules), unless the module declares them itself.
				for (const [name, value] of [
					["__dirname", path.dirname(args.path)],
					["__filename", args.path],
				])
					if (new RegExp(`\\b${name}\\b`).test(contents) && !new RegExp(`(?:var|let|const)\\s+${name}\\b`).test(contents))
						contents = `var ${name} = ${JSON.stringify(value)};\n${contents}`;
				return { contents, loader: "js" };
			});
		},
	};
}

function withOwnUrl(source, file) {
	return source.replaceAll("import.meta.url", JSON.stringify(pathToFileURL(file).href));
}
