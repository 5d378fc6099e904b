import { test } from "uvu";
import * as assert from "uvu/assert";
import { type ContentWarning, summariseWarnings } from "../../src/content/warnings.ts";

test("a kind with one warning is reported as that warning, path:line: message", () => {
	const lines = summariseWarnings([{ kind: "missing-image", path: "posts/a.md", line: 7, message: 'body: image "a.png" is not there' }]);
	assert.equal(lines, ['warning: posts/a.md:7: body: image "a.png" is not there']);
});

test("thousands of warnings of a kind are one headline with counts, the first few files and how many more", () => {
	const warnings: ContentWarning[] = Array.from({ length: 10_000 }, (_, index) => ({
		kind: "no-topics",
		path: `posts/${String(index).padStart(5, "0")}.md`,
		line: 1,
		message: "has no topics",
	}));
	warnings.push({ kind: "template-tag", path: "posts/00001.md", line: 4, message: "body: tag" });
	warnings.push({ kind: "template-tag", path: "posts/00001.md", line: 9, message: "body: tag" });
	const lines = summariseWarnings(warnings);
	assert.equal(lines, [
		"warning: no-topics (10000): articles without topics: on every page except topic pages",
		"  posts/00000.md:1: has no topics",
		"  posts/00001.md:1: has no topics",
		"  posts/00002.md:1: has no topics",
		"  … and 9997 more",
		"warning: template-tag (2 in 1 files): template tags the digest does not run, shown as text",
		"  posts/00001.md:4: body: tag",
		"  posts/00001.md:9: body: tag",
	]);
});

test.run();
