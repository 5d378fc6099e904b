import { writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ContentError } from "../../src/content/problems.ts";
import { findCustomDomain, pagesTarget } from "../../src/github-pages.ts";
import { tempDir } from "../support/fixtures.ts";

test("a project site is served under /<repository name>/ on <owner>.github.io", () => {
	assert.equal(pagesTarget("Alice/topic-digest"), { pathPrefix: "/topic-digest/", siteUrl: "https://alice.github.io/topic-digest" });
});

test("a user or organisation site (<owner>.github.io) is served at the root", () => {
	assert.equal(pagesTarget("alice/Alice.github.io"), { pathPrefix: "/", siteUrl: "https://alice.github.io" });
});

test("a CNAME custom domain puts the site at the root of that domain", () => {
	assert.equal(pagesTarget("alice/topic-digest", "news.example.org", "https://alice.github.io/topic-digest/"), {
		pathPrefix: "/",
		siteUrl: "https://news.example.org",
	});
});

test("the URL from the Pages settings wins, also for a custom domain set there rather than in a file", () => {
	assert.equal(pagesTarget("alice/topic-digest", undefined, "https://alice.github.io/topic-digest/"), {
		pathPrefix: "/topic-digest/",
		siteUrl: "https://alice.github.io/topic-digest",
	});
	assert.equal(pagesTarget("alice/topic-digest", undefined, "https://news.example.org"), {
		pathPrefix: "/",
		siteUrl: "https://news.example.org",
	});
});

test("a repository that is not owner/name is refused", () => {
	assert.throws(() => pagesTarget("topic-digest"), /owner\/name/);
	assert.throws(() => pagesTarget("a/b/c"), /owner\/name/);
});

test("the articles folder's CNAME wins over the project's, and its first line is the domain", async () => {
	const articles = await tempDir();
	const root = await tempDir();
	await writeFile(path.join(root, "CNAME"), "root.example.org\n");
	assert.equal(await findCustomDomain(articles, root), { domain: "root.example.org", file: path.join(root, "CNAME") });
	await writeFile(path.join(articles, "CNAME"), "\n  News.Example.org  \r\nignored\n");
	assert.equal(await findCustomDomain(articles, root), { domain: "news.example.org", file: path.join(articles, "CNAME") });
	assert.is(await findCustomDomain(await tempDir(), await tempDir()), undefined);
});

test("a CNAME that is not a domain name is reported as path:1: CNAME: what is wrong", async () => {
	for (const text of ["https://news.example.org/", "news example.org", "", "localhost"]) {
		const articles = await tempDir();
		await writeFile(path.join(articles, "CNAME"), text);
		const error = await findCustomDomain(articles, await tempDir()).catch((caught: unknown) => caught);
		assert.instance(error, ContentError, text);
		const [problem] = (error as ContentError).problems;
		assert.equal([problem?.path, problem?.line, problem?.field], [path.join(articles, "CNAME"), 1, "CNAME"]);
		assert.match(problem?.message ?? "", "is not a domain name");
	}
});

test.run();
