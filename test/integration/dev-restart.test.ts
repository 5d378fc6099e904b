/**
 * `npm start` restarts the dev server when this project's code changes (scripts/restart-on-change.mjs): a
 * layout, a component or any source edited while it runs is compiled again, and the open tab shows what
 * the new code renders. The project is copied into a temporary folder, so that the test edits the copy's
 * layout, never this checkout's.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { cp, readFile, rename, symlink, writeFile } from "node:fs/promises";
import { type AddressInfo, createServer } from "node:net";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { waitUntil } from "../../src/bench/served-search.ts";
import { launchChromium } from "../../src/commands/chromium.ts";
import { npmScripts } from "../../src/commands/npm-scripts.ts";
import { projectRoot } from "../../src/paths.ts";
import { articleText, tempDir, writeArticles } from "../support/fixtures.ts";

/** What `npm start` needs of a checkout; node_modules is linked, not copied. */
const checkoutFiles = ["src", "layouts", "scripts", "eleventy.config.ts", "package.json", "package-lock.json", "tsconfig.json"];

async function copyOfCheckout(): Promise<string> {
	const root = await tempDir("checkout-");
	for (const file of checkoutFiles) await cp(path.join(projectRoot, file), path.join(root, file), { recursive: true });
	await symlink(path.join(projectRoot, "node_modules"), path.join(root, "node_modules"), "dir");
	return root;
}

/** Starts the copy's `npm start` as npm would: its script's words, run in the copy's folder. */
function startScript(root: string, args: string[]): { child: ChildProcess; output: () => string } {
	const [node, ...words] = (npmScripts().start ?? "").split(/\s+/);
	assert.is(node, "node");
	const child = spawn(process.execPath, [...words, ...args], { cwd: root, env: { ...process.env, CI: "1" } });
	let output = "";
	child.stdout?.on("data", (chunk) => {
		output += chunk;
	});
	child.stderr?.on("data", (chunk) => {
		output += chunk;
	});
	return { child, output: () => output };
}

/** A port no one listens on now (the system's pick for port 0). */
function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.on("error", reject);
		server.listen(0, "127.0.0.1", () => {
			const { port } = server.address() as AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

const serving = /Serving 1 articles at (http:\/\/localhost:\d+\/)/g;

test("npm start restarts on an edited layout, and the open tab shows the page the new layout renders", async () => {
	const root = await copyOfCheckout();
	const articles = await writeArticles({
		"topics.yaml": "diplomacy:\n  title: Diplomacy\n",
		"2025/02/talks-open.md": articleText({ title: "Talks open in Riyadh", topics: ["diplomacy"] }),
	});
	const output = path.join(await tempDir("dev-site-"), "_site");
	// A fixed port, free now: the restarted server must come back where the tab is.
	const port = String(await freePort());
	const { child, output: log } = startScript(root, ["--articles", articles, "--output", output, "--port", port]);
	const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
	const browser = await launchChromium();
	try {
		await waitUntil("the first server", async () => [...log().matchAll(serving)].length === 1, 120_000);
		const url = `http://127.0.0.1:${port}/articles/2025/02/18/talks-open/`;
		const page = await browser.newPage();
		await page.goto(url);
		assert.is(await page.locator("h1").textContent(), "Talks open in Riyadh");
		assert.not.match((await page.locator("body > footer").textContent()) ?? "", "Edited footer");

		// The footer changed as `git checkout` and many editors save: a new file renamed over the old one.
		const shell = path.join(root, "layouts", "components", "Page.tsx");
		const source = await readFile(shell, "utf8");
		assert.ok(source.includes("<footer>"));
		const replacement = path.join(root, "Page.tsx.new");
		await writeFile(replacement, source.replace("<footer>", "<footer>\n\t\t\t\t\t\t<p>Edited footer</p>"));
		await rename(replacement, shell);
		await waitUntil("the server to restart", async () => [...log().matchAll(serving)].length === 2, 120_000);
		assert.match(log(), "layouts/components/Page.tsx changed: restarting the dev server");
		// The reader comes back to the tab: Eleventy's reload client reconnects on focus and reloads the page.
		const footerShows = (text: string) =>
			waitUntil(
				`the tab to show "${text}"`,
				async () => {
					await page.evaluate(() => window.dispatchEvent(new Event("focus"))).catch(() => undefined);
					return (
						(await page
							.locator("body > footer")
							.textContent()
							.catch(() => "")) ?? ""
					).includes(text);
				},
				30_000,
			);
		await footerShows("Edited footer");
		assert.is(await page.locator("h1").textContent(), "Talks open in Riyadh");
		assert.match(await (await fetch(url)).text(), "Edited footer");

		// A code error stops the server with the compiler's message and no stack trace; the fix starts it again.
		await writeFile(shell, source.replace("<footer>", "<footer><p>{unclosed</p>"));
		await waitUntil("the server to stop", async () => log().includes("starts again when a layout or source file is saved"), 120_000);
		assert.match(log(), "Page.tsx:");
		assert.not.match(log(), /^\s+at /m);
		// Saved in place this time, after the rename above (the save Node 20's own watch mode misses).
		await writeFile(shell, source.replace("<footer>", "<footer>\n\t\t\t\t\t\t<p>Edited again</p>"));
		await waitUntil("the server to start again", async () => [...log().matchAll(serving)].length === 3, 120_000);
		await footerShows("Edited again");
	} finally {
		await browser.close();
		child.kill("SIGINT");
	}
	assert.is(await exited, 0);
});

test("a dev server whose npm start process is killed stops too, and frees its port", async () => {
	const articles = await writeArticles({
		"topics.yaml": "diplomacy:\n  title: Diplomacy\n",
		"2025/02/talks-open.md": articleText({ title: "Talks open in Riyadh", topics: ["diplomacy"] }),
	});
	const port = String(await freePort());
	const output = path.join(await tempDir("dev-site-"), "_site");
	const { child, output: log } = startScript(projectRoot, ["--articles", articles, "--output", output, "--port", port]);
	await waitUntil("the server", async () => [...log().matchAll(serving)].length === 1, 120_000);
	const home = `http://127.0.0.1:${port}/`;
	assert.is((await fetch(home)).status, 200);
	// Killed outright: no signal it could pass on.
	child.kill("SIGKILL");
	await waitUntil(
		"the server to stop",
		async () =>
			fetch(home).then(
				() => false,
				() => true,
			),
		30_000,
	);
});

test.run();
