/**
 * Search results link the people and places of each article to their pages, under the path prefix, in
 * the registry's spelling (the names and paths come from the article's Pagefind meta `facets`).
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { launchChromium, serveStatic } from "../support/browser.ts";
import { articleText, buildFixture } from "../support/fixtures.ts";

test("a search result links its people and places to their pages under the prefix", async () => {
	const { outputDir } = await buildFixture(
		{
			"people.yaml": "sergey-lavrov:\n  title: Sergey Lavrov\n  aliases: [Sergei Lavrov]\n",
			"2025/02/riyadh.md": articleText({
				title: "Talks in Riyadh",
				body: "Delegations met at a palace in Riyadh for talks.",
				extra: "source: AP\npeople: [Sergei Lavrov, Marco Rubio]\nplaces: [Riyadh]",
			}),
		},
		{ pathPrefix: "/repo/" },
	);
	const server = await serveStatic(outputDir, "/repo/");
	const browser = await launchChromium();
	try {
		const page = await browser.newPage();
		await page.goto(`${server.origin}/repo/search/?q=palace`);
		await page.waitForSelector(".search-result", { timeout: 60_000 });
		const links = await page.$$eval(".search-result-facets a", (anchors) =>
			anchors.map((anchor) => [anchor.textContent, anchor.getAttribute("href")]),
		);
		assert.equal(links, [
			["Sergey Lavrov", "/repo/people/sergey-lavrov/"],
			["Marco Rubio", "/repo/people/marco-rubio/"],
			["Riyadh", "/repo/places/riyadh/"],
		]);
		await page.locator(".search-result-facets a", { hasText: "Sergey Lavrov" }).click();
		await page.waitForURL("**/people/sergey-lavrov/");
		assert.is(await page.locator("h1").textContent(), "Sergey Lavrov");
	} finally {
		await browser.close();
		await server.close();
	}
});

test.run();
