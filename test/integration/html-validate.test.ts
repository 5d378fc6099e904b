/**
 * Every page of a built site, of every kind, is valid HTML by html-validate (rules: `.htmlvalidaterc.json`,
 * the recommended set with the output's own spelling of the doctype and void elements; `role="list"` on
 * bullet-less lists is kept on purpose, and news titles are long) and carries nothing the
 * Content-Security-Policy would block: no inline script or style, no event handler attributes.
 */
import { readFileSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { HtmlValidate } from "html-validate";
import { parseHTML } from "linkedom";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { contentSecurityPolicy } from "../../layouts/components/Page.tsx";
import { projectRoot } from "../../src/paths.ts";
import { gatePrefix, gateSite, htmlPages, missingKinds, onePagePerKind, pageKind } from "../support/gate-site.ts";

const validator = new HtmlValidate(JSON.parse(readFileSync(path.join(projectRoot, ".htmlvalidaterc.json"), "utf8")));
const fileOf = (outputDir: string, sitePath: string) => path.join(outputDir, sitePath.endsWith("/") ? `${sitePath}index.html` : sitePath);

interface BuiltPage {
	sitePath: string;
	html: string;
	document: Document;
}

let pages: Promise<BuiltPage[]> | undefined;
function builtPages(): Promise<BuiltPage[]> {
	pages ??= (async () => {
		const outputDir = await gateSite();
		return Promise.all(
			(await htmlPages(outputDir)).map(async (sitePath) => {
				const html = await readFile(fileOf(outputDir, sitePath), "utf8");
				return { sitePath, html, document: parseHTML(html).document as unknown as Document };
			}),
		);
	})();
	return pages;
}

async function problemsIn(html: string, name: string): Promise<string[]> {
	const report = await validator.validateString(html, name);
	return report.results.flatMap((result) =>
		result.messages.map((message) => `${name}:${message.line}:${message.column}: ${message.ruleId}: ${message.message}`),
	);
}

test("the build makes every kind of page the gates must cover", async () => {
	const kinds = onePagePerKind((await builtPages()).map((page) => page.sitePath));
	assert.equal(missingKinds(kinds.keys()), [], `kinds found: ${[...kinds.keys()].join(", ")}`);
});

test("every page of every kind is valid HTML by html-validate", async () => {
	const all = await builtPages();
	const problems = (await Promise.all(all.map((page) => problemsIn(page.html, page.sitePath)))).flat();
	assert.ok(all.length > 60, `${all.length} pages checked`);
	assert.equal(problems.slice(0, 20), [], `${problems.length} problems`);
});

test("html-validate with the project's rules reports an inline style, a duplicate id and a missing alt", async () => {
	const html =
		'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"/><title>t</title></head><body><main id="a"><p id="a" style="color: red">x</p><img src="x.png"/></main></body></html>';
	const rules = (await problemsIn(html, "bad.html")).map((problem) => problem.split(": ")[1]);
	for (const rule of ["no-inline-style", "no-dup-id", "wcag/h37"]) assert.ok(rules.includes(rule), `${rule} in ${rules.join(", ")}`);
});

test("no page has an inline script, inline style or event handler, and the CSP meta comes before anything loads", async () => {
	for (const { sitePath, document } of await builtPages()) {
		// A data block (JSON-LD, the search page's configuration) is never run, so the policy allows it.
		const dataBlocks = new Set(["application/ld+json", "application/json"]);
		const inlineScripts = [...document.querySelectorAll("script:not([src])")].filter(
			(script) => !dataBlocks.has(script.getAttribute("type") ?? ""),
		);
		assert.is(inlineScripts.length, 0, `${sitePath}: inline script`);
		assert.is(document.querySelectorAll("style, [style]").length, 0, `${sitePath}: inline style`);
		const handlers = [...document.querySelectorAll("*")].flatMap((element) =>
			[...element.attributes].filter((attribute) => /^on/i.test(attribute.name)),
		);
		assert.is(handlers.length, 0, `${sitePath}: event handler attribute`);
		const head = [...(document.head?.children ?? [])];
		const csp = head.findIndex((element) => element.getAttribute("http-equiv") === "Content-Security-Policy");
		assert.is(head[csp]?.getAttribute("content"), contentSecurityPolicy, `${sitePath}: CSP meta`);
		const firstLoad = head.findIndex((element) => element.matches("link[href], script[src]"));
		assert.ok(csp >= 0 && csp < firstLoad, `${sitePath}: the CSP precedes the first stylesheet or script`);
	}
});

test("the CSP allows only this site's own scripts and styles, plus what Pagefind needs", () => {
	const directives = new Map(
		contentSecurityPolicy.split("; ").map((directive) => [directive.split(" ")[0], directive.split(" ").slice(1)]),
	);
	// What a browser applies: a directive left out falls back to `default-src`, `worker-src` to `script-src`.
	const effective = (name: string) =>
		directives.get(name) ?? (name === "worker-src" ? directives.get("script-src") : undefined) ?? directives.get("default-src");
	assert.equal(effective("default-src"), ["'self'"]);
	for (const name of ["style-src", "font-src", "connect-src", "manifest-src"]) assert.equal(effective(name), ["'self'"], name);
	assert.equal(effective("script-src"), ["'self'", "'wasm-unsafe-eval'", "blob:"]);
	assert.equal(effective("worker-src"), ["'self'", "'wasm-unsafe-eval'", "blob:"]);
	assert.equal(effective("object-src"), ["'none'"]);
	assert.equal(effective("base-uri"), ["'self'"]);
	assert.equal(effective("form-action"), ["'self'"]);
	assert.not.match(contentSecurityPolicy, /unsafe-inline|'unsafe-eval'|\*/);
});

test("no script blocks rendering: every script is deferred, async or a module", async () => {
	for (const { sitePath, document } of await builtPages()) {
		for (const script of document.querySelectorAll("script[src]")) {
			const deferred = script.hasAttribute("defer") || script.hasAttribute("async") || script.getAttribute("type") === "module";
			assert.ok(deferred, `${sitePath}: ${script.getAttribute("src")} blocks rendering`);
		}
	}
});

test("each page has a language, a title, one h1, and a skip link to its main content", async () => {
	for (const { sitePath, document } of await builtPages()) {
		assert.ok(document.documentElement.getAttribute("lang"), `${sitePath}: lang`);
		assert.ok(document.title.trim(), `${sitePath}: title`);
		assert.is(document.querySelectorAll("h1").length, 1, `${sitePath} (${pageKind(sitePath)}): one h1`);
		const skip = document.querySelector("body a");
		assert.is(skip?.getAttribute("href"), "#main", `${sitePath}: the first link skips to the content`);
		assert.is(document.querySelector("main")?.id, "main", `${sitePath}: main is the skip target`);
	}
});

test("the stylesheet is one small file", async () => {
	const outputDir = await gateSite();
	const { size } = await stat(path.join(outputDir, "assets", "style.css"));
	assert.ok(size < 32 * 1024, `style.css is ${size} bytes`);
	const stylesheets = new Set(
		(await builtPages()).flatMap(({ sitePath, document }) =>
			[...document.querySelectorAll("link[rel=stylesheet]")].map(
				(link) => new URL(link.getAttribute("href") ?? "", `http://site${gatePrefix}${sitePath.slice(1)}`).pathname,
			),
		),
	);
	assert.equal([...stylesheets], ["/topic-digest/assets/style.css"]);
});

test.run();
