import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { postsFolder } from "../../src/bench/hugo.ts";
import { projectRoot } from "../../src/paths.ts";
import { tempDir } from "../support/fixtures.ts";

const migrated = (name: string) => path.join(projectRoot, "test", "fixtures", "migrated", name);

test("the Hugo anchor reads a real site's posts where its engine keeps them, not its configuration, themes or layouts", async () => {
	assert.is(await postsFolder(migrated("hugo-ru")), path.join(migrated("hugo-ru"), "content"));
	assert.is(await postsFolder(migrated("zola-sections")), path.join(migrated("zola-sections"), "content"));
	assert.is(await postsFolder(migrated("jekyll-lenient")), path.join(migrated("jekyll-lenient"), "_posts"));
	assert.is(await postsFolder(migrated("docusaurus")), path.join(migrated("docusaurus"), "blog"));
});

test("a plain folder of articles is mounted as it is", async () => {
	const folder = await tempDir("bench-posts-");
	assert.is(await postsFolder(folder), folder);
	assert.is(await postsFolder(path.join(projectRoot, "articles")), path.join(projectRoot, "articles"));
});

test.run();
