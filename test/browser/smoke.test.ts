import { test } from "uvu";
import * as assert from "uvu/assert";
import { launchChromium, serveStatic } from "../support/browser.ts";
import { articleText, buildFixture } from "../support/fixtures.ts";

test("a built article page renders in Chromium with its title as the heading", async () => {
	const { outputDir } = await buildFixture({ "2025/02/riyadh.md": articleText({ title: "Talks in Riyadh" }) }, { pathPrefix: "/repo/" });
	const server = await serveStatic(outputDir, "/repo/");
	const browser = await launchChromium();
	try {
		const page = await browser.newPage();
		const response = await page.goto(`${server.origin}/repo/articles/2025/02/18/riyadh/`);
		assert.is(response?.status(), 200);
		assert.is(await page.locator("h1").textContent(), "Talks in Riyadh");
		const cssLoaded = await page.evaluate(() => getComputedStyle(document.body).margin === "0px");
		assert.ok(cssLoaded, "the stylesheet loads under the prefix");
	} finally {
		await browser.close();
		await server.close();
	}
});

test.run();
