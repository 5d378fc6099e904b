/**
 * `npm run screenshots` makes the README's pictures from the current code: a fresh build of the digest,
 * photographed in Chromium. What the README relies on: two PNGs of exactly the viewport's size (they
 * sit side by side), the search one taken with results on screen, and the same bytes on a second run,
 * so regenerating them shows up in a diff only when the site's look changed.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { imageSize } from "image-size";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { takeScreenshots } from "../../src/docs/screenshots.ts";
import { sampleArticlesDir } from "../../src/paths.ts";

test("screenshots of the home page and a search are PNGs of the viewport's size, identical on a second run", async () => {
	const imagesDir = await mkdtemp(path.join(tmpdir(), "screenshots-"));
	try {
		const viewport = { width: 900, height: 700 };
		const first = await takeScreenshots({ articlesDir: sampleArticlesDir, imagesDir, viewport });
		assert.equal(
			first.map((file) => path.basename(file)),
			["home.png", "search.png"],
		);
		const bytes = await Promise.all(first.map((file) => readFile(file)));
		for (const image of bytes) assert.equal({ ...imageSize(image) }, { height: 700, width: 900, type: "png" });
		assert.not.equal(bytes[0], bytes[1], "home and search are different pictures");

		const second = await takeScreenshots({ articlesDir: sampleArticlesDir, imagesDir, viewport });
		const again = await Promise.all(second.map((file) => readFile(file)));
		assert.ok(again[0]!.equals(bytes[0]!) && again[1]!.equals(bytes[1]!), "a second run writes the same bytes");
	} finally {
		await rm(imagesDir, { recursive: true, force: true });
	}
});

test("a search with no results fails instead of photographing an empty page", async () => {
	const imagesDir = await mkdtemp(path.join(tmpdir(), "screenshots-"));
	try {
		const error = await takeScreenshots({ articlesDir: sampleArticlesDir, imagesDir, query: "xyzzyplugh", resultsTimeoutMs: 3000 }).then(
			() => undefined,
			(reason: unknown) => reason as Error,
		);
		assert.ok(error, "the run fails");
		assert.match(error.message, /no results for "xyzzyplugh"/);
	} finally {
		await rm(imagesDir, { recursive: true, force: true });
	}
});

test.run();
