import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { measureHugo, postsFolder, writeShortcodeStubs } from "../../src/bench/hugo.ts";
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

test("a theme's shortcodes the posts use get a minimal template: the inner content when closed, nothing when not", async () => {
	const posts = await tempDir("bench-shortcodes-");
	await mkdir(path.join(posts, "2025"), { recursive: true });
	await writeFile(
		path.join(posts, "2025", "a.md"),
		'---\ntitle: A\n---\n{{% notice info %}}Updated.{{% /notice %}}\n{{< figure src="x.png" >}}\n{{< tweet user="x" id="1" >}}\n{{<alert>}}\n',
	);
	const stubs = path.join(await tempDir("bench-stubs-"), "shortcodes");
	assert.equal(await writeShortcodeStubs(posts, stubs), ["alert", "notice", "tweet"], "figure is Hugo's own; tweet fetches an embed");
	assert.is(await readFile(path.join(stubs, "notice.html"), "utf8"), "{{ .Inner }}");
	assert.is(await readFile(path.join(stubs, "alert.html"), "utf8"), "");
});

test("the anchor builds every migrated site the loader reads, theme shortcodes and refs included", async () => {
	for (const [name, pages] of [
		["hugo", 6],
		["jekyll", 5],
		["zola", 5],
		["news", 30],
	] as const) {
		const measured = await measureHugo(migrated(name), path.join(await tempDir("bench-anchor-"), name), "minimal");
		assert.is(measured.indexed, pages, `${name}: pages Pagefind indexed from Hugo's build`);
	}
});

test.run();
