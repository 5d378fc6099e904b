import { spawn } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseHTML } from "linkedom";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { measureDevLatency } from "../../src/bench/dev-latency.ts";
import { searchServedSite, waitUntil } from "../../src/bench/served-search.ts";
import { type DevServer, startDevServer } from "../../src/commands/dev-server.ts";
import { npmScriptStart } from "../../src/commands/npm-scripts.ts";
import { projectRoot } from "../../src/paths.ts";
import { articleText, tempDir, writeArticles } from "../support/fixtures.ts";
import { runScript } from "../support/run-script.ts";

async function getPage(url: string): Promise<{ status: number; document?: Document }> {
	const response = await fetch(url);
	if (!response.ok) return { status: response.status };
	return { status: response.status, document: parseHTML(await response.text()).document as unknown as Document };
}

const searchServed = searchServedSite;
const waitFor = (what: string, check: () => Promise<boolean>) => waitUntil(what, check, 30_000);

interface Captured {
	out: string[];
	err: string[];
}

async function start(files: Record<string, string>): Promise<{ server: DevServer; articles: string; log: Captured }> {
	const articles = await writeArticles(files);
	const log: Captured = { out: [], err: [] };
	const server = await startDevServer({
		articlesDir: articles,
		outputDir: path.join(await tempDir("dev-site-"), "_site"),
		port: 0,
		log: { log: (line: string) => log.out.push(line), error: (line: string) => log.err.push(line) },
	});
	return { server, articles, log };
}

const registry = "diplomacy:\n  title: Diplomacy\nenergy:\n  title: Energy\n";
const first = articleText({
	title: "Talks open in Riyadh",
	date: "2025-02-18",
	topics: ["diplomacy"],
	body: "Delegations met in the Saudi capital.",
});

test("an added article is served, listed on home, its topic page, the timeline and the feed, and searchable within seconds", async () => {
	const { server, articles } = await start({ "topics.yaml": registry, "2025/02/talks-open.md": first });
	try {
		const origin = server.url.replace("localhost", "127.0.0.1");
		assert.equal(await searchServed(origin, "quokkazebra"), []);
		const written = performance.now();
		await mkdir(path.join(articles, "2025", "03"), { recursive: true });
		await writeFile(
			path.join(articles, "2025", "03", "grain-corridor.md"),
			articleText({
				title: "Grain corridor reopens",
				date: "2025-03-02",
				topics: ["energy", "diplomacy"],
				body: "The quokkazebra convoy sailed from Odesa.",
			}),
		);
		await waitFor("the new article's page", async () => (await getPage(`${origin}articles/2025/03/02/grain-corridor/`)).status === 200);
		const served = performance.now() - written;
		await waitFor("the new article in the search index", async () =>
			(await searchServed(origin, "quokkazebra")).includes("/articles/2025/03/02/grain-corridor/"),
		);
		const searchable = performance.now() - written;
		console.log(
			`  dev server: page served ${(served / 1000).toFixed(2)} s, searchable ${(searchable / 1000).toFixed(2)} s after the file was written`,
		);
		assert.ok(searchable < 15_000, `searchable after ${searchable} ms`);

		const home = (await getPage(origin)).document;
		assert.ok([...(home?.querySelectorAll("a") ?? [])].some((a) => a.textContent === "Grain corridor reopens"));
		const topic = (await getPage(`${origin}topics/energy/`)).document;
		assert.ok(
			[...(topic?.querySelectorAll("a") ?? [])].some((a) => a.textContent === "Grain corridor reopens"),
			"listed on its topic page",
		);
		const month = (await getPage(`${origin}timeline/2025/03/`)).document;
		assert.ok(
			[...(month?.querySelectorAll("a") ?? [])].some((a) => a.textContent === "Grain corridor reopens"),
			"listed on the timeline",
		);
		const feed = await (await fetch(`${origin}feed.xml`)).text();
		assert.match(feed, "Grain corridor reopens");
	} finally {
		await server.stop();
	}
});

test("an invalid edit prints path:line: field: what without a stack trace, and the last good site keeps being served", async () => {
	const { server, articles, log } = await start({ "topics.yaml": registry, "2025/02/talks-open.md": first });
	try {
		const origin = server.url.replace("localhost", "127.0.0.1");
		await waitFor("the search index", async () => (await searchServed(origin, "delegations")).length === 1);
		const file = path.join(articles, "2025", "02", "talks-open.md");
		await writeFile(file, first.replace("date: 2025-02-18", "date: 2025-02-30"));
		await waitFor("the problem report", async () => log.err.some((line) => line.includes(": date: ")));
		const problem = log.err.find((line) => line.includes(": date: ")) ?? "";
		assert.match(problem, /talks-open\.md:3: date: "2025-02-30" is not a real date/);
		assert.not.match(log.err.join("\n"), /\n\s+at |Error:|stack/);
		await waitFor("the rebuild with the last good digest", async () =>
			log.err.some((line) => line.includes("still serving the last good site")),
		);

		const page = await getPage(`${origin}articles/2025/02/18/talks-open/`);
		assert.is(page.status, 200);
		assert.is(page.document?.querySelector("h1")?.textContent, "Talks open in Riyadh");
		assert.equal(await searchServed(origin, "delegations"), ["/articles/2025/02/18/talks-open/"]);

		// Fixing it goes back to normal: the edit's new text is served.
		await writeFile(file, first.replace("Talks open in Riyadh", "Talks resume in Riyadh"));
		await waitFor(
			"the fixed page",
			async () =>
				(await getPage(`${origin}articles/2025/02/18/talks-open/`)).document?.querySelector("h1")?.textContent === "Talks resume in Riyadh",
		);
	} finally {
		await server.stop();
	}
});

test("a deleted article's page, topic page and search entry disappear", async () => {
	const second = articleText({
		title: "Energy pause agreed",
		date: "2025-03-18",
		topics: ["energy"],
		body: "A pause on strikes against power plants.",
	});
	const { server, articles } = await start({ "topics.yaml": registry, "2025/02/talks-open.md": first, "2025/03/energy-pause.md": second });
	try {
		const origin = server.url.replace("localhost", "127.0.0.1");
		assert.is((await getPage(`${origin}topics/energy/`)).status, 200);
		await waitFor("the search index", async () => (await searchServed(origin, "power plants")).length === 1);
		// chokidar reports a deletion only once it watches the sub-folder, a moment after it says it is ready.
		await new Promise((resolve) => setTimeout(resolve, 1000));
		await rm(path.join(articles, "2025", "03", "energy-pause.md"));
		await waitFor("the page to go", async () => (await getPage(`${origin}articles/2025/03/18/energy-pause/`)).status === 404);
		await waitFor("the topic page to go", async () => (await getPage(`${origin}topics/energy/`)).status === 404);
		await waitFor("the search entry to go", async () => (await searchServed(origin, "power plants")).length === 0);
		const home = (await getPage(origin)).document;
		assert.not.ok([...(home?.querySelectorAll("a") ?? [])].some((a) => a.textContent === "Energy pause agreed"));
	} finally {
		await server.stop();
	}
});

test("a digest that is invalid at start is reported file by file and no server is started", async () => {
	const articles = await writeArticles({ "2025/02/a.md": articleText({ date: "nope" }), "2025/02/b.md": "---\ntitle: B\n---\n" });
	try {
		await startDevServer({ articlesDir: articles, outputDir: path.join(await tempDir("dev-site-"), "_site"), port: 0 });
		assert.unreachable("the server should not start");
	} catch (error) {
		const problems = (error as { problems?: { path: string; field: string }[] }).problems ?? [];
		assert.equal(problems.map((problem) => `${path.basename(problem.path)} ${problem.field}`).sort(), ["a.md date", "b.md date"]);
	}
	assert.ok((await readFile(path.join(articles, "2025/02/a.md"), "utf8")).includes("nope"));
});

test("npm start serves the digest it is pointed at on the port it is given, and stops on Ctrl+C", async () => {
	const articles = await writeArticles({ "topics.yaml": registry, "2025/02/talks-open.md": first });
	const output = path.join(await tempDir("dev-site-"), "_site");
	// As npm start starts it (package.json).
	const start = npmScriptStart("start");
	const child = spawn(process.execPath, [...start.args, start.entry, "--articles", articles, "--output", output, "--port", "0"], {
		cwd: projectRoot,
		env: { ...process.env, CI: "1" },
	});
	let stdout = "";
	child.stdout.on("data", (chunk) => {
		stdout += chunk;
	});
	const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
	try {
		await waitFor("the server's address", async () => /Serving 1 articles at http:\/\/localhost:\d+\//.test(stdout));
		const url = /Serving 1 articles at (http:\/\/localhost:\d+\/)/.exec(stdout)?.[1] ?? "";
		const page = await getPage(`${url.replace("localhost", "127.0.0.1")}articles/2025/02/18/talks-open/`);
		assert.is(page.document?.querySelector("h1")?.textContent, "Talks open in Riyadh");
	} finally {
		child.kill("SIGINT");
	}
	assert.is(await exited, 0);
});

test("npm start --help and the latency script's --help describe their flags", async () => {
	const start = await runScript("start.ts", ["--help"]);
	assert.is(start.code, 0);
	for (const flag of ["--articles", "--port", "--output"]) assert.match(start.stdout, flag);
	const latency = await runScript("dev-latency.ts", ["--help"]);
	assert.is(latency.code, 0);
	assert.match(latency.stdout, "--articles");
});

test("the latency measurement adds an article to a generated digest and times it until served and searchable", async () => {
	const report = await measureDevLatency({ articles: 40, timeoutMs: 60_000 });
	assert.is(report.articles, 40);
	assert.ok(report.served > 0 && report.served <= report.searchable, JSON.stringify(report));
	assert.ok(report.searchable < 30_000, JSON.stringify(report));
});

test.run();
