/**
 * One article body rendered as engines write it (src/content/body.ts): what a reader sees, the summary,
 * the warnings with their file lines, and what is left for the loader to resolve.
 */
import { parseHTML } from "linkedom";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { renderBody } from "../../src/content/body.ts";
import { relativeUrl } from "../../src/content/media.ts";
import { createMarkdown } from "../../src/content/markdown.ts";

const plain = createMarkdown({ allowHtml: false });
const withHtml = createMarkdown({ allowHtml: true });
const render = (body: string, { file = "posts/a.md", firstLine = 1, html = false, title = "" } = {}) =>
	renderBody(html ? withHtml : plain, body, { file, firstLine, title });
const dom = (html: string) => parseHTML(`<div id="body">${html}</div>`).document.getElementById("body") as unknown as HTMLElement;

for (const html of [false, true]) {
	const mode = html ? "with raw HTML on" : "with raw HTML off";
	for (const marker of ["<!--more-->", "<!-- more -->", "<!--More-->"]) {
		test(`${marker} on its own line ends the summary and is never shown (${mode})`, () => {
			const out = render(`First paragraph.\n\nSecond *one*.\n\n${marker}\n\nThe rest.`, { html });
			assert.is(out.summary, "First paragraph. Second one.");
			const body = dom(out.html);
			assert.equal(
				[...body.querySelectorAll("p")].map((p) => p.textContent),
				["First paragraph.", "Second one.", "The rest."],
			);
			assert.not.match(out.html, /more/i);
		});
	}
	test(`<!--more--> inside a paragraph cuts the summary there (${mode})`, () => {
		const out = render("The lead sentence. <!--more--> And what follows.", { html });
		assert.is(out.summary, "The lead sentence.");
		assert.is(dom(out.html).textContent?.trim(), "The lead sentence.  And what follows.");
	});
}

test("without <!--more--> the summary is the first paragraph", () => {
	assert.is(render("# Heading\n\nThe *first* one.\n\nThe second.").summary, "The first one.");
});

test("Liquid raw tags are unwrapped and what they hold is shown exactly, without a warning", () => {
	const out = render(
		"{% raw %}{{ page.title }} and {% include x.html %}{% endraw %}\n\n{%- raw -%}\n```\n{{ site.url }}\n```\n{%- endraw -%}",
	);
	const body = dom(out.html);
	assert.is(body.querySelector("p")?.textContent, "{{ page.title }} and {% include x.html %}");
	assert.is(body.querySelector("pre code")?.textContent, "{{ site.url }}\n");
	assert.not.match(out.html, /raw/);
	assert.equal(out.warnings, []);
});

test("an unsupported tag stays as text and is reported once per file, at the file's line of the first one", () => {
	const out = render('Intro.\n\n{{< tweet user="x" id="1" >}}\n\n{% include related.html %}\n\n{{ site.title }}', { firstLine: 7 });
	assert.equal(out.warnings, [
		{ kind: "template-tag", line: 9, message: 'body: unsupported template tag "{{< tweet … >}}" shown as text' },
	]);
	const text = dom(out.html).textContent ?? "";
	for (const shown of ['{{< tweet user="x" id="1" >}}', "{% include related.html %}", "{{ site.title }}"]) assert.match(text, shown);
});

test("tags inside code are code: shown as written and not reported", () => {
	const out = render("```go-html-template\n{{ .Title }}\n```\n\nUse `{{ .Site.Title }}` there.");
	assert.equal(out.warnings, []);
	assert.is(dom(out.html).querySelector("pre code")?.textContent, "{{ .Title }}\n");
});

test("Hugo's escaped shortcode is shown as the shortcode, and comments of both engines are dropped", () => {
	const out = render(
		'Write {{</* figure src="x.png" */>}} to show one.\n\n{% comment %}\nA note to self.\n{% endcomment %}\n\n{{/* hidden */}}Kept.',
	);
	const text = dom(out.html).textContent ?? "";
	assert.match(text, 'Write {{< figure src="x.png" >}} to show one.');
	assert.not.match(text, /note to self|hidden/);
	assert.match(text, "Kept.");
	assert.equal(out.warnings, []);
});

test("Hugo's figure becomes a figure with an image, a link and a caption, all escaped", () => {
	const out = render('{{< figure src="map.png" alt="A map" caption="The <b>corridor</b>" link="https://example.com/map" title="Map" >}}');
	const figure = dom(out.html).querySelector("figure");
	assert.is(figure?.querySelector("a")?.getAttribute("href"), "https://example.com/map");
	const img = figure?.querySelector("a img");
	assert.equal(
		[img?.getAttribute("src"), img?.getAttribute("alt"), img?.getAttribute("title"), img?.getAttribute("loading")],
		["map.png", "A map", "Map", "lazy"],
	);
	assert.is(figure?.querySelector("figcaption")?.textContent, "The <b>corridor</b>");
	assert.is(figure?.querySelectorAll("b").length, 0);
});

test("a figure over several lines is one figure, and the lines after it keep their numbers", () => {
	const out = render('{{< figure\n  src="map.png"\n  caption="Map"\n>}}\n\n{{< tweet 1 >}}', { firstLine: 10 });
	assert.is(dom(out.html).querySelectorAll("figure img").length, 1);
	assert.is(out.warnings[0]?.line, 15);
});

test("a figure whose src markdown-it refuses is shown as the tag it was, never as an image", () => {
	for (const src of ["javascript:alert(1)", "data:text/html,x", "JaVaScRiPt:alert(1)"]) {
		const out = render(`{{< figure src="${src}" >}}`);
		assert.is(dom(out.html).querySelectorAll("img, figure").length, 0, src);
		assert.match(dom(out.html).textContent ?? "", `{{< figure src="${src}" >}}`);
	}
});

test("youtube, positional or named, becomes a link to the video and never an iframe", () => {
	const out = render('{{< youtube w7Ft2ymGmfc >}}\n\n{{< youtube id="abc_123" title="The talks" >}}\n\n{{< youtube "><script>" >}}');
	const links = [...dom(out.html).querySelectorAll("a")];
	assert.equal(
		links.map((a) => [a.getAttribute("href"), a.textContent]),
		[
			["https://www.youtube.com/watch?v=w7Ft2ymGmfc", "Watch the video on YouTube"],
			["https://www.youtube.com/watch?v=abc_123", "The talks (video on YouTube)"],
		],
	);
	assert.is(dom(out.html).querySelectorAll("iframe, script").length, 0);
	assert.equal(out.warnings.length, 1, "the one that is no video id is reported");
});

test("local images and links are listed with their file line; images lazy; remote ones left alone", () => {
	const out = render("Text.\n\n![A](images/a.png) [pdf](files/r.pdf)\n![B](https://example.com/b.png)", {
		file: "2025/02/x.md",
		firstLine: 5,
	});
	assert.equal(
		out.refs?.links.map(({ path, line, image, inFolder }) => ({ path, line, image, inFolder })),
		[
			{ path: "2025/02/images/a.png", line: 7, image: true, inFolder: "images/a.png" },
			{ path: "2025/02/files/r.pdf", line: 7, image: false, inFolder: "files/r.pdf" },
		],
	);
	const images = [...dom(out.html).querySelectorAll("img")];
	assert.equal(
		images.map((img) => img.getAttribute("loading")),
		["lazy", "lazy"],
	);
	assert.is(images[1]?.getAttribute("src"), "https://example.com/b.png");
});

test("Jekyll's site.baseurl and relative_url before a path mean that path of the site", () => {
	const out = render(
		'![A]({{ site.baseurl }}/assets/a.png) ![B]({{ "/assets/b.png" | relative_url }}) [C]({{site.url}}{{site.baseurl}}/about/)',
		{ file: "_posts/2025-02-18-x.md" },
	);
	assert.equal(
		out.refs?.links.map(({ path, rooted }) => ({ path, rooted })),
		[
			{ path: "assets/a.png", rooted: true },
			{ path: "assets/b.png", rooted: true },
			{ path: "about/", rooted: true },
		],
	);
	assert.equal(out.warnings, []);
});

test("a link that climbs out of the articles folder is not a file to publish", () => {
	const out = render("![x](../../../../etc/passwd.png) [y](../../../../etc/passwd)", { file: "2025/02/x.md" });
	assert.equal(
		out.refs?.links.map((link) => link.path),
		[undefined],
	);
	assert.ok(dom(out.html).querySelector('a[href="../../../../etc/passwd"]'), "the link itself is left as written");
});

test("markers can never be forged from an editor's text", () => {
	const out = render("Text \uFDD00\uFDD0 and {\uFDD00\uFDD0} and \uFDD1 and \uFDD2.");
	assert.not.match(out.html, /[\uFDD0-\uFDD2]/);
	assert.is(out.refs, undefined);
});

test("a URL between two pages is relative, so it holds under any path prefix", () => {
	assert.is(relativeUrl("/articles/2025/02/18/a/", "/articles/2025/03/11/b/"), "../../../03/11/b/");
	assert.is(relativeUrl("/articles/2025/02/18/a/", "/assets/images/x y.png"), "../../../../../assets/images/x%20y.png");
	assert.is(relativeUrl("/articles/2025/02/18/a/", "/articles/2025/02/18/a/"), "./");
});

for (const html of [false, true]) {
	const mode = html ? "with raw HTML on" : "with raw HTML off";
	test(`a body # heading equal to the title is dropped and every other heading moves down a level (${mode})`, () => {
		const out = render("# The Talks, Again!\n\nLead.\n\n# Background\n\n## Detail\n\n##### Deep\n\n###### Deepest", {
			html,
			title: "The talks again",
		});
		const body = dom(out.html);
		assert.equal(
			[...body.querySelectorAll("h1, h2, h3, h4, h5, h6")].map((heading) => [heading.localName, heading.textContent]),
			[
				["h2", "Background"],
				["h3", "Detail"],
				["h6", "Deep"],
				["h6", "Deepest"],
			],
		);
		assert.is(out.summary, "Lead.");
	});

	test(`HTML comments are never shown, on their own line or inside text (${mode})`, () => {
		const out = render("<!-- deps = 18.5MB -->\nText <!-- inline --> here.\n\n<!--html_preserve-->\n\nAfter.", { html });
		assert.not.match(out.html, /deps|inline|html_preserve|&lt;!--/);
		assert.equal(
			[...dom(out.html).querySelectorAll("p")].map((p) => p.textContent?.replace(/\s+/g, " ").trim()),
			["Text here.", "After."],
		);
	});

	test(`:::note, :::tip Title and :::warning[Title] are labelled asides, nested by colon count (${mode})`, () => {
		const out = render(
			":::::note\n\nOuter.\n\n::::tip Inner title\n\nInner **text**.\n\n::::\n\n:::::\n\n:::warning[Careful <b>now</b>]\nShort.\n:::",
			{ html },
		);
		const body = dom(out.html);
		const asides = [...body.querySelectorAll("aside")].map((aside) => [
			aside.className,
			aside.querySelector(".admonition-label")?.textContent,
		]);
		assert.equal(asides, [
			["admonition admonition-note", "Note"],
			["admonition admonition-tip", "Inner title"],
			["admonition admonition-warning", "Careful <b>now</b>"],
		]);
		assert.ok(body.querySelector("aside.admonition-note aside.admonition-tip strong"), "the inner box is inside the outer one");
		assert.not.match(body.textContent ?? "", /:::/);
	});
}

test("a raw <h1> moves down a level like a Markdown one", () => {
	const body = dom(render("Text.\n\n<h1>Raw</h1>\n\n## Markdown", { html: true }).html);
	assert.equal(
		[...body.querySelectorAll("h1, h2, h3")].map((heading) => [heading.localName, heading.textContent]),
		[
			["h2", "Raw"],
			["h3", "Markdown"],
		],
	);
});

test("an iframe is a link to its page unless its host is in embeds; a script-URL iframe leaves nothing", () => {
	const source =
		'<iframe src="https://www.youtube-nocookie.com/embed/x" title="Talk" onload="alert(1)"></iframe>\n<iframe src="//maps.example.com/m"></iframe>\n<iframe src="javascript:alert(1)"></iframe>';
	const withEmbeds = renderBody(createMarkdown({ embeds: ["www.youtube-nocookie.com"] }), source, { file: "a.md", firstLine: 1 });
	const body = dom(withEmbeds.html);
	assert.equal(
		[...body.querySelectorAll("iframe")].map((frame) => [frame.getAttribute("src"), frame.getAttribute("onload")]),
		[["https://www.youtube-nocookie.com/embed/x", null]],
	);
	assert.equal(
		[...body.querySelectorAll("a")].map((a) => [a.getAttribute("href"), a.textContent]),
		[["https://maps.example.com/m", "Embedded content from maps.example.com"]],
	);
	assert.not.match(withEmbeds.html, /javascript|<span/);
	const without = dom(renderBody(createMarkdown(), source, { file: "a.md", firstLine: 1 }).html);
	assert.is(without.querySelectorAll("iframe").length, 0);
	assert.equal(
		[...without.querySelectorAll("a")].map((a) => a.textContent),
		["Talk", "Embedded content from maps.example.com"],
	);
});

test("MDX: imports and exports are dropped, comments and truncate are not shown, a string expression is its text", () => {
	const out = render(
		"import A from '../a';\nexport const meta = { x: 1 };\n\nFirst {'one'} para.\n\n{/* truncate */}\n\nSecond {/* note */} para.",
		{
			file: "blog/post.mdx",
		},
	);
	assert.is(out.summary, "First one para.");
	assert.equal(
		[...dom(out.html).querySelectorAll("p")].map((p) => p.textContent),
		["First one para.", "Second  para."],
	);
	assert.equal(out.warnings, []);
});

test("MDX: what MDX refuses but Markdown reads (a lone < or {, an HTML comment) stays text, and later components still work", () => {
	const out = render(
		'If a < b and { is open, <!-- hidden --> fine.\n\n<Tabs>\n<TabItem value="x" label="X tab">\n\nInside.\n\n</TabItem>\n</Tabs>',
		{
			file: "blog/post.mdx",
		},
	);
	const body = dom(out.html);
	assert.is(body.querySelector("p")?.textContent, "If a < b and { is open,  fine.");
	assert.equal(
		[...body.querySelectorAll("h3")].map((heading) => heading.textContent),
		["X tab"],
	);
	assert.equal(out.warnings, []);
});

test("MDX: unknown components keep their children's text and are reported once per file at the first one's file line", () => {
	const out = render(
		'Intro.\n\n<Callout kind="x" style={{ a: 1 }}>\n\nInside **bold**.\n\n</Callout>\n\nAnd <Badge>inline</Badge> text {props.value}.',
		{
			file: "blog/post.mdx",
			firstLine: 6,
		},
	);
	assert.equal(out.warnings, [
		{ kind: "mdx-component", line: 8, message: "body: MDX component <Callout> is not run: its text is shown, the rest left out" },
	]);
	const text = dom(out.html).textContent ?? "";
	assert.match(text, "Inside bold.");
	assert.match(text, "And inline text .");
	assert.not.match(text, /Callout|Badge|props|style/);
});

test("a .md file without MDX syntax is never read as MDX: braces and tags stay as Markdown has them", () => {
	const out = render("Set {x} to 1 and <kbd>Ctrl</kbd>.", { file: "posts/a.md", html: true });
	assert.is(dom(out.html).querySelector("p")?.innerHTML, "Set {x} to 1 and <kbd>Ctrl</kbd>.");
});

test("old HTML in capitals in a .md file is HTML, not MDX components: the table is kept, nothing is reported", () => {
	const out = render("Results:\n\n<TABLE>\n<TR><TD>Riyadh</TD><TD>4.5</TD></TR>\n</TABLE>\n\nEnd.", { file: "posts/old.md", html: true });
	assert.equal(
		[...dom(out.html).querySelectorAll("td")].map((cell) => cell.textContent),
		["Riyadh", "4.5"],
	);
	assert.equal(out.warnings, []);
});

test.run();
