/**
 * "New since your last visit" in Chromium: nothing is marked on a first visit; after a newer build, the
 * second visit marks exactly the articles published since on home, topic, people, places and timeline
 * pages, and the topics index counts them; the state is one localStorage entry under the path prefix, with
 * no cookie and no request of its own; a later visit to the same build marks nothing again.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { buildSite } from "../../src/commands/build.ts";
import { launchChromium, serveStatic } from "../support/browser.ts";
import { articleText, listedTitle, tempDir, writeArticles } from "../support/fixtures.ts";

const prefix = "/repo/";

const first = {
	"2025/03/old-one.md": articleText({
		title: "Old talks in Riyadh",
		date: "2025-03-01",
		topics: ["diplomacy"],
		extra: "source: AP\npeople: [Marco Rubio]\nplaces: [Riyadh]",
	}),
	"2025/03/old-two.md": articleText({
		title: "Old ceasefire proposal",
		date: "2025-03-02",
		topics: ["ceasefire"],
		extra: "source: Reuters\npeople: [Marco Rubio]\nplaces: [Jeddah]",
	}),
};
const added = {
	"2025/03/fresh.md": articleText({
		title: "Fresh round of talks",
		date: "2025-03-10T09:30:00Z",
		topics: ["diplomacy"],
		extra: "source: DW\npeople: [Marco Rubio]\nplaces: [Riyadh]",
	}),
};

test("marks appear after a second visit with a newer build, on every list page, and never on a first visit", async () => {
	const articlesDir = await writeArticles(first);
	const outputDir = path.join(await tempDir("site-"), "_site");
	const build = () => buildSite({ articlesDir, outputDir, pathPrefix: prefix });
	const digest = (await build()).digest;
	assert.ok(digest.articles.length === 2);
	const server = await serveStatic(outputDir, prefix);
	const browser = await launchChromium();
	try {
		const context = await browser.newContext();
		const page = await context.newPage();
		const requests: string[] = [];
		page.on("request", (request) => requests.push(request.url()));
		const at = (sitePath: string) => `${server.origin}${prefix}${sitePath.replace(/^\//, "")}`;
		const marked = async () => page.locator(`${listedTitle.replace("> li", "> li.is-new")} a`).allTextContents();

		// First visit: the state is recorded, nothing is marked, on any page.
		for (const sitePath of ["/", "/topics/diplomacy/", "/people/marco-rubio/", "/places/riyadh/", "/timeline/2025/03/", "/topics/"]) {
			await page.goto(at(sitePath));
			assert.equal(await marked(), [], `nothing marked on ${sitePath} at the first visit`);
			assert.is(await page.locator(".new-mark:not(:empty)").count(), 0);
		}
		const stored = await page.evaluate(() => Object.keys(localStorage));
		assert.equal(stored, [`topic-digest:last-visit:${prefix}`]);

		// A newer build appears; the reader comes back.
		for (const [file, text] of Object.entries(added)) {
			await mkdir(path.dirname(path.join(articlesDir, file)), { recursive: true });
			await writeFile(path.join(articlesDir, file), text);
		}
		const newer = await build();
		const key = `topic-digest:last-visit:${prefix}`;
		const visitState = async () =>
			page.evaluate((stateKey) => JSON.parse(localStorage.getItem(stateKey) ?? "null"), key) as Promise<{
				seen: string;
				since: string;
				at: number;
			}>;
		// An article page shows no marks and carries no newest time: it continues the visit and moves nothing seen.
		const before = await visitState();
		const fresh = newer.digest.articles.find((article) => article.title === "Fresh round of talks");
		await page.goto(at(fresh?.url ?? ""));
		assert.is(await page.locator("script[data-newest]").count(), 0, "no newest time on an article page");
		const afterArticle = await visitState();
		assert.is(afterArticle.seen, before.seen, "reading an article page does not count as seeing the newer lists");
		assert.ok(afterArticle.at >= before.at, "the page view is recorded");
		for (const sitePath of ["/", "/topics/diplomacy/", "/people/marco-rubio/", "/places/riyadh/", "/timeline/2025/03/"]) {
			await page.goto(at(sitePath));
			assert.equal(await marked(), ["Fresh round of talks"], `${sitePath} marks the new article only`);
			assert.is(await page.locator("li.is-new .new-mark").first().textContent(), "New");
		}
		await page.goto(at("/topics/"));
		assert.is((await page.locator("tr:has(a[href$='/topics/diplomacy/']) [data-new-count]").textContent())?.trim(), "1 new");
		assert.is((await page.locator("tr:has(a[href$='/topics/ceasefire/']) [data-new-count]").textContent())?.trim(), "");
		await page.goto(at("/people/"));
		assert.is((await page.locator("tr:has(a[href$='/people/marco-rubio/']) [data-new-count]").textContent())?.trim(), "1 new");

		// No cookie, and every request was for the site's own pages and assets under the prefix.
		assert.equal(await context.cookies(), []);
		for (const url of requests) assert.ok(url.startsWith(`${server.origin}${prefix}`), `request under the prefix: ${url}`);
		assert.ok(!requests.some((url) => /\.json|last-visit/.test(url)), "no request for the state");

		// A later visit (over 30 minutes after the last page view) to the same build, starting on an article
		// page: the visit is a new one from there, and the lists mark nothing new any more.
		await page.evaluate((stateKey) => {
			const state = JSON.parse(localStorage.getItem(stateKey) ?? "{}");
			localStorage.setItem(stateKey, JSON.stringify({ ...state, at: state.at - 31 * 60 * 1000 }));
		}, key);
		await page.goto(at(fresh?.url ?? ""));
		const newVisit = await visitState();
		assert.is(newVisit.since, newVisit.seen, "an article page starts the new visit");
		await page.goto(at("/"));
		assert.equal(await marked(), [], "a new visit to the same build marks nothing");

		// A reader whose first visit is to the newer build sees no marks either, also after an article page.
		const newcomer = await (await browser.newContext()).newPage();
		await newcomer.goto(at(fresh?.url ?? ""));
		assert.equal(await newcomer.evaluate(() => Object.keys(localStorage)), [], "an article page alone starts no state");
		await newcomer.goto(at("/"));
		assert.is(await newcomer.locator("li.is-new").count(), 0);
	} finally {
		await browser.close();
		await server.close();
	}
});

test.run();
