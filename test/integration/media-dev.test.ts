/**
 * The dev server and the files articles show: a changed image is published again and its page re-rendered
 * with the new size, without re-rendering the site; an image no article shows any more leaves the served
 * folder. After each change the served folder equals a fresh render of the same articles.
 */
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { waitUntil } from "../../src/bench/served-search.ts";
import { type DevServer, startDevServer } from "../../src/commands/dev-server.ts";
import { withSearchConfig } from "../../src/search/page-config.ts";
import { articleText, devChangeSettled, filesOutsideSearch, readPage, tempDir } from "../support/fixtures.ts";
import { pngBytes } from "../support/images.ts";

const quiet = { log: () => {}, error: () => {} };

/** The served files that a fresh render must equal (search indexes and the content hash differ legitimately). */
async function siteFiles(outputDir: string): Promise<Map<string, string>> {
	const files = new Map<string, string>();
	for (const relative of await filesOutsideSearch(outputDir)) {
		const bytes = await readFile(path.join(outputDir, relative));
		files.set(
			relative,
			withSearchConfig(bytes.toString("latin1"), (config) => ({ ...config, indexVersion: "" })),
		);
	}
	return files;
}

async function freshRender(articlesDir: string): Promise<Map<string, string>> {
	const outputDir = path.join(await tempDir("media-dev-fresh-"), "_site");
	const server = await startDevServer({ articlesDir, outputDir, port: 0, log: quiet });
	await server.stop();
	return siteFiles(outputDir);
}

test("the dev server republishes a changed image with its new size, re-rendering only its page, and removes one no longer shown", async () => {
	const articles = await tempDir("media-dev-");
	const write = async (relative: string, content: string | Buffer) => {
		await mkdir(path.dirname(path.join(articles, relative)), { recursive: true });
		await writeFile(path.join(articles, relative), content);
	};
	for (let day = 1; day <= 28; day++) {
		const date = `2025-02-${String(day).padStart(2, "0")}`;
		await write(`2025/02/${date}-story.md`, articleText({ title: `Story of ${date}`, date, topics: [`topic-${day % 5}`] }));
	}
	await write(
		"2025/03/2025-03-01-pictured.md",
		articleText({ title: "Pictured", date: "2025-03-01", body: "Lead.\n\n![Map](images/map.png)" }),
	);
	await write("2025/03/images/map.png", pngBytes(10, 10));
	const outputDir = path.join(await tempDir("media-dev-site-"), "_site");
	const rebuilds: string[] = [];
	const server: DevServer = await startDevServer({
		articlesDir: articles,
		outputDir,
		port: 0,
		log: { log: (line: string) => rebuilds.push(line), error: () => {} },
	});
	try {
		const pictured = server.digest().articles.find((article) => article.title === "Pictured");
		assert.ok(pictured);
		const url = pictured?.url ?? "";
		const imageFile = path.join(outputDir, url, "images/map.png");
		const sizeOnPage = async () => {
			const img = (await readPage(outputDir, url)).querySelector('.article-body img[alt="Map"]');
			return [img?.getAttribute("width"), img?.getAttribute("height")];
		};
		assert.equal(await sizeOnPage(), ["10", "10"]);
		assert.equal(await readFile(imageFile), pngBytes(10, 10));
		const fullRender = server.pagesRendered();
		await new Promise((resolve) => setTimeout(resolve, 1000));

		const steps: [string, () => Promise<void>, () => Promise<void>][] = [
			[
				"replace the image with a bigger one",
				() => write("2025/03/images/map.png", pngBytes(20, 15)),
				async () => {
					assert.equal(await sizeOnPage(), ["20", "15"]);
					assert.equal(await readFile(imageFile), pngBytes(20, 15));
				},
			],
			[
				"take the image out of the article",
				() => write("2025/03/2025-03-01-pictured.md", articleText({ title: "Pictured", date: "2025-03-01", body: "Lead only." })),
				async () => {
					assert.not.ok(
						await readFile(imageFile).then(
							() => true,
							() => false,
						),
						"the image is no longer served",
					);
				},
			],
			["delete the image", () => rm(path.join(articles, "2025/03/images/map.png")), async () => {}],
		];
		for (const [step, change, check] of steps) {
			const before = rebuilds.length;
			await change();
			// Settled once the whole search index is rebuilt after this change's rebuild: that stamps the search
			// page (its filters and index parts), which a comparison made before could catch half-way.
			await waitUntil(`the rebuild after "${step}"`, async () => devChangeSettled(rebuilds, before), 60_000);
			await check();
			assert.ok(server.pagesRendered() < fullRender / 2, `${step}: rendered ${server.pagesRendered()} of ${fullRender} pages`);
			const served = await siteFiles(outputDir);
			const fresh = await freshRender(articles);
			assert.equal([...served.keys()].sort(), [...fresh.keys()].sort(), `${step}: the same files as a fresh render`);
			assert.equal(
				[...fresh.keys()].filter((file) => served.get(file) !== fresh.get(file)),
				[],
				`${step}: files that differ from a fresh render`,
			);
		}
	} finally {
		await server.stop();
	}
});

test.run();
