import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { measureHugo, postsMount, writeShortcodeTemplates } from "../../src/bench/hugo.ts";
import { projectRoot } from "../../src/paths.ts";
import { tempDir } from "../support/fixtures.ts";

const migrated = (name: string) => path.join(projectRoot, "test", "fixtures", "migrated", name);

test("the Hugo anchor reads a real site's posts where its engine keeps them, not its configuration, themes or layouts", async () => {
	assert.equal(await postsMount(migrated("hugo-ru")), { source: path.join(migrated("hugo-ru"), "content"), target: "content" });
	assert.equal(await postsMount(migrated("zola-sections")), {
		source: path.join(migrated("zola-sections"), "content"),
		target: "content/articles",
	});
	assert.equal(await postsMount(migrated("jekyll-lenient")), {
		source: path.join(migrated("jekyll-lenient"), "_posts"),
		target: "content/articles",
	});
	assert.equal(await postsMount(migrated("docusaurus")), { source: path.join(migrated("docusaurus"), "blog"), target: "content/articles" });
});

test("a plain folder of articles is mounted as it is, as the articles section", async () => {
	const folder = await tempDir("bench-posts-");
	assert.equal(await postsMount(folder), { source: folder, target: "content/articles" });
	assert.equal(await postsMount(path.join(projectRoot, "articles")), {
		source: path.join(projectRoot, "articles"),
		target: "content/articles",
	});
});

test("a theme's shortcodes the posts use get a minimal template: the inner content when closed, nothing when not", async () => {
	const posts = await tempDir("bench-shortcodes-");
	await mkdir(path.join(posts, "2025"), { recursive: true });
	await writeFile(
		path.join(posts, "2025", "a.md"),
		'---\ntitle: A\n---\n{{% notice info %}}Updated.{{% /notice %}}\n{{< figure src="x.png" >}}\n{{< tweet user="x" id="1" >}}\n{{<alert>}}\n',
	);
	const templates = path.join(await tempDir("bench-shortcodes-out-"), "shortcodes");
	assert.equal(
		await writeShortcodeTemplates(posts, templates),
		["alert", "notice", "tweet"],
		"figure is Hugo's own; tweet fetches an embed",
	);
	assert.is(await readFile(path.join(templates, "notice.html"), "utf8"), "{{ .Inner }}");
	assert.is(await readFile(path.join(templates, "alert.html"), "utf8"), "");
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
