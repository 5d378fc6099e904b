import { test } from "uvu";
import * as assert from "uvu/assert";
import { slugFor, slugFromFileName } from "../../src/content/slugs.ts";
import { TopicResolver } from "../../src/content/topics.ts";

test("case and punctuation do not make a different topic", () => {
	const resolver = new TopicResolver();
	const slugs = ["Law and crime", "Law and Crime", "law-and-crime", "Law & Crime?"].map((s) => resolver.resolve(s));
	assert.equal([...new Set(slugs)], ["law-and-crime"]);
	assert.is(resolver.topics().size, 1);
});

test("Cyrillic and Arabic topics are transliterated into stable slugs", () => {
	assert.is(slugFor("Война в Украине"), "voyna-v-ukraine");
	assert.is(slugFor("Война в Украине"), slugFor("ВОЙНА В УКРАИНЕ"));
	assert.match(slugFor("الرياض"), /^[a-z0-9-]+$/);
});

test("a title of emoji only still gets a valid, repeatable slug", () => {
	const slug = slugFor("🚀🔥");
	assert.match(slug, /^x-[0-9a-f]{10}$/);
	assert.is(slugFor("🚀🔥"), slug);
	assert.is.not(slugFor("🌍"), slug);
});

test("a slug can never climb out of its folder", () => {
	for (const hostile of ["../../etc/passwd", "a/b", "..", "%2e%2e/x", "C:\\windows"]) {
		const slug = slugFor(hostile);
		assert.not.ok(slug.includes("/") || slug.includes("\\") || slug.includes(".."), `${hostile} -> ${slug}`);
		assert.ok(slug.length > 0);
	}
});

test("file names lose their extension and Jekyll date prefix", () => {
	assert.is(slugFromFileName("2025-02-18-Riyadh-Talks.md"), "riyadh-talks");
	assert.is(slugFromFileName("trump-putin-call.markdown"), "trump-putin-call");
});

test("the registry's title, key and aliases all resolve to its slug, and its title wins", () => {
	const resolver = new TopicResolver({
		"us-russia-relations": { title: "U.S.–Russia relations", aliases: ["Russia-US relations"] },
	});
	for (const spelling of ["us-russia-relations", "U.S.–Russia relations", "Russia-US relations", "US Russia Relations"]) {
		assert.is(resolver.resolve(spelling), "us-russia-relations", spelling);
	}
	const topic = resolver.topics().get("us-russia-relations");
	assert.is(topic?.title, "U.S.–Russia relations");
	assert.ok(topic?.registered);
});

test("an unregistered topic is named by its most frequent spelling", () => {
	const resolver = new TopicResolver();
	for (const spelling of ["Black Sea", "black sea", "Black Sea", "BLACK SEA"]) resolver.resolve(spelling);
	const topic = resolver.topics().get("black-sea");
	assert.is(topic?.title, "Black Sea");
	assert.not.ok(topic?.registered);
});

test.run();
