/**
 * The plain front matter read by js-yaml (src/content/front-matter.ts, `readPlainYaml`) gives what `yaml`
 * gives: the same data, the same line for each key, and anything the two would read apart is left to
 * `yaml`. Generated front matter of the plain shapes, full of values either reader could take another way.
 */
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { LineCounter, parseDocument } from "yaml";
import { readPlainYaml, yamlLineOf } from "../../src/content/front-matter.ts";
import { type Article, loadDigest } from "../../src/content/load.ts";
import { ContentError, formatProblem } from "../../src/content/problems.ts";
import { writeArticles } from "../support/fixtures.ts";

/** What `yaml` reads, and the file line of each top-level key as its document gives it. */
function readByYaml(source: string) {
	const lineCounter = new LineCounter();
	const doc = parseDocument(source, { lineCounter, uniqueKeys: false, prettyErrors: false });
	return {
		errors: doc.errors.length,
		data: doc.errors.length > 0 ? undefined : (doc.toJS() ?? {}),
		lineOf: (key: string) => 1 + yamlLineOf(doc, lineCounter, [key]),
	};
}

// Values a reader might take as a number, a boolean, null, a date, a comment, an alias, a list or a map.
const tricky = [
	"1_000",
	"0b101",
	"-0x1F",
	"+.5",
	"-.5",
	".5",
	"5.",
	"1e3",
	"1E3",
	"-1.5e-3",
	"4E700",
	"1e-400",
	"9".repeat(400),
	`${"9".repeat(330)}.5`,
	"0o17",
	"0x1F",
	"012",
	"-0",
	"+12",
	"9007199254740993",
	"true",
	"True",
	"TRUE",
	"tRUE",
	"yes",
	"No",
	"on",
	"y",
	"null",
	"Null",
	"NULL",
	"~",
	".inf",
	"-.inf",
	"+.inf",
	".NaN",
	"NaN",
	"2025-02-18",
	"2025-02-18T10:00:00Z",
	"12:30",
	"1:20:30",
	"1.2.3",
	"a#b",
	"C#",
	"a #b",
	"a:b",
	"a: b",
	"http://x.y/z?q=1#f",
	"Biden's visit",
	"Q&A",
	"&anchor",
	"*alias",
	"!tag",
	"50%",
	"x*y",
	"a, b",
	"[x] y",
	"{x}",
	"- 5",
	"-5",
	"-",
	"?",
	"? x",
	":x",
	"@x",
	"`x`",
	"|",
	">",
	"%x",
	"a  b",
	"trailing ",
	" leading",
	"Київ",
	"Россия: переговоры",
	"émigré",
	'"quoted"',
	"'quoted'",
	"back\\slash",
	"tab\there",
	"nel\u0085x",
	"line\u2028sep",
	"",
	"__proto__",
];
const textChars = fc.constantFrom(..."abefinoxzAEFINOZ0159 .,:;#-_'\"[]{}&*!|>%@`?~+\\/éЖ".split(""));
// Short runs of what numbers are made of: where the two readers' number rules could part.
const numberLike = fc.string({ unit: fc.constantFrom(..."0123456789._+-eExobXOinfaINFA".split("")), minLength: 1, maxLength: 6 });
const scalar = fc.oneof(fc.constantFrom(...tricky), fc.string({ unit: textChars, maxLength: 12 }), numberLike);
const doubleQuoted = (text: string) => JSON.stringify(text);
const singleQuoted = (text: string) => `'${text.replaceAll("'", "''")}'`;
const written = fc
	.tuple(scalar, fc.constantFrom("plain", "double", "single"))
	.map(([text, form]) => (form === "plain" ? text : form === "double" ? doubleQuoted(text) : singleQuoted(text)));
const keyName = fc.constantFrom("title", "date", "source", "topics", "tags", "summary", "draft", "weight", "null", "true", "a_b", "x-y");
const field = fc.oneof(
	fc.tuple(keyName, written).map(([key, value]) => [`${key}: ${value}`]),
	// A long plain value folded over indented lines, as YAML writers fold titles.
	fc
		.tuple(keyName, scalar, fc.array(fc.tuple(fc.constantFrom(" ", "  ", "    "), scalar), { minLength: 1, maxLength: 3 }))
		.map(([key, first, more]) => [`${key}: ${first}`, ...more.map(([indent, text]) => `${indent}${text}`)]),
	keyName.map((key) => [`${key}:`]),
	fc.tuple(keyName, fc.array(written, { maxLength: 4 })).map(([key, items]) => [`${key}: [${items.join(", ")}]`]),
	fc
		.tuple(keyName, fc.array(written, { minLength: 1, maxLength: 4 }), fc.constantFrom("", "  ", "    "))
		.map(([key, items, indent]) => [`${key}:`, ...items.map((item) => `${indent}- ${item}`)]),
	fc.constantFrom([""], ["# a comment"], ["  # indented: comment"]),
);
const frontMatter = fc.array(field, { maxLength: 8 }).map((fields) => `${fields.flat().join("\n")}\n`);

test("plain front matter read by js-yaml is what yaml reads, key lines included; what they would read apart goes to yaml", () => {
	let read = 0;
	let runs = 0;
	fc.assert(
		fc.property(frontMatter, (source) => {
			runs++;
			const fast = readPlainYaml(source);
			if (!fast) return;
			read++;
			const slow = readByYaml(source);
			assert.is(slow.errors, 0, source);
			assert.equal(fast.data, slow.data, source);
			for (const key of Object.keys(fast.data)) assert.is(fast.lineOf([key]), slow.lineOf(key), `${key} in ${source}`);
			assert.is(fast.lineOf(["absent"]), slow.lineOf("absent"));
		}),
		{ numRuns: 3000, seed: 20261205 },
	);
	// The property holds for front matter the fast reader took, not only for what it left to yaml.
	assert.ok(read > runs / 4, `js-yaml read ${read} of ${runs}`);
});

test("values the two readers take apart, nested maps, anchors and repeated keys are left to yaml", () => {
	for (const value of ["1_000", "0b101", "-0x1F", "+.5", "-.5", "4E700", "9".repeat(400), "[1, 0b11]"])
		assert.is(readPlainYaml(`title: T\nweight: ${value}\n`), undefined, value);
	assert.is(readPlainYaml("title: T\ntaxonomies:\n  tags: [a]\n"), undefined);
	assert.is(readPlainYaml("title: &t T\nsummary: *t\n"), undefined);
	assert.is(readPlainYaml("title: A\ntitle: B\n"), undefined);
	assert.is(readPlainYaml("summary: |\n  Two\n  lines\n"), undefined);
	assert.is(readPlainYaml('title: "continued\nline"\n'), undefined);
	assert.equal(readPlainYaml("title: Summit\ntopics:\n  - riyadh-talks\n  - ceasefire\nweight: 012\n")?.data, {
		title: "Summit",
		topics: ["riyadh-talks", "ceasefire"],
		weight: 12,
	});
});

test("front matter as Jekyll, Hugo and a WordPress exporter write it, in Russian and Ukrainian, is read by js-yaml as yaml reads it", () => {
	const written = [
		'layout: post\ntitle: "Переговоры в Эр-Рияде: что известно"\ndate: 2025-02-18 10:30:00 +0300\ncategories: новости дипломатия\ntags: [США, Россия, Украина]\n',
		'title: "Третя річниця: Київ"\ndate: 2025-02-24T09:00:00+02:00\ndraft: false\ntags:\n  - Київ\n  - війна\nimages: ["/img/kyiv.jpg"]\n',
		'title: "Путин и Трамп: телефонный разговор"\ndate: "2025-03-18"\ncategories: \n  - "новости"\ncoverImage: "call.jpg"\n',
		"title: Встреча делегаций США и России в Эр-Рияде завершилась договорённостью\n  о восстановлении работы посольств\ndate: 2025-02-18\n",
	];
	for (const source of written) {
		const fast = readPlainYaml(source);
		const slow = readByYaml(source);
		assert.ok(fast, source);
		assert.equal(fast.data, slow.data, source);
		for (const key of Object.keys(fast.data)) assert.is(fast.lineOf([key]), slow.lineOf(key), `${key} in ${source}`);
	}
});

async function load(files: Record<string, string>) {
	const dir = await writeArticles(files);
	return loadDigest(dir, { displayPath: (p) => p.slice(dir.length + 1) });
}

test("an article's fields and the lines its problems name are the same whichever reader read its front matter", async () => {
	const plain = "---\ntitle: Talks in Riyadh\ndate: 2025-02-18\nsource: Reuters\ntopics:\n  - riyadh-talks\nimage: 12\n---\nBody.\n";
	// The same fields with a nested map (read by yaml): the problem's line and field are the same.
	const nested = plain.replace("source: Reuters\n", "source: Reuters\nextra:\n  note: kept\n");
	const frontMatterOf = (text: string) => text.split("---\n")[1] ?? "";
	assert.ok(readPlainYaml(frontMatterOf(plain)), "js-yaml reads the plain one");
	assert.is(readPlainYaml(frontMatterOf(nested)), undefined, "yaml reads the nested one");
	const problems: string[][] = [];
	for (const text of [plain, nested]) {
		try {
			await load({ "talks.md": text });
			assert.unreachable("a number is not an image");
		} catch (error) {
			if (!(error instanceof ContentError)) throw error;
			problems.push(error.problems.map(formatProblem));
		}
	}
	assert.equal(problems[0], ["talks.md:7: image: must be an image file name or URL"]);
	assert.equal(problems[1], ["talks.md:9: image: must be an image file name or URL"]);
	const { articles } = await load({ "a.md": plain.replace("image: 12\n", "weight: 1_000\n"), "b.md": plain.replace("image: 12\n", "") });
	const byFile = (file: string) => articles.find((article) => article.file === file) as Article;
	assert.is(byFile("a.md").title, "Talks in Riyadh");
	assert.equal(byFile("b.md").topics, byFile("a.md").topics);
});

test.run();
