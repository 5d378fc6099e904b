/**
 * Every kind of page in real Chromium: axe-core finds no serious or critical violation in the light or the
 * dark colour scheme; the page runs under its Content-Security-Policy without a violation or an error;
 * it fits a 320 px screen; focus is visible; print hides the site's chrome and is dark on white.
 */
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { projectRoot } from "../../src/paths.ts";
import { launchChromium, type StaticServer, serveStatic } from "../support/browser.ts";
import { fullArticlePath, gatePrefix, gateSite, htmlPages, missingKinds, onePagePerKind } from "../support/gate-site.ts";

const axePath = path.join(projectRoot, "node_modules", "axe-core", "axe.min.js");

interface Target {
	kind: string;
	/** Site path, with a query where the page shows more with one. */
	url: string;
	/** What shows that the page's scripts have rendered it, when they do. */
	ready?: string;
}

interface AxeViolation {
	id: string;
	impact: string | null;
	help: string;
	nodes: { target: string[] }[];
}

let browser: Browser;
let server: StaticServer;
let targets: Target[];

test.before(async () => {
	const outputDir = await gateSite();
	const kinds = onePagePerKind(await htmlPages(outputDir));
	targets = [...kinds].map(([kind, sitePath]) => ({ kind, url: sitePath }));
	// The search page with a query shows results, filters and counts: that state is checked too.
	// An article with every optional field shows markup the generated ones lack (source link, authors, lists).
	targets.push({ kind: "article with every field", url: fullArticlePath });
	targets.push({ kind: "search results", url: "/search/?q=talks", ready: "main a[href*='/articles/']" });
	server = await serveStatic(outputDir, gatePrefix);
	browser = await launchChromium();
});

test.after(async () => {
	await browser?.close();
	await server?.close();
});

const urlOf = (target: Target) => `${server.origin}${gatePrefix}${target.url.slice(1)}`;

/** Loads a page and waits until its scripts have settled (search results rendered, nothing busy). */
async function open(context: BrowserContext, target: Target, onProblem?: (problem: string) => void): Promise<Page> {
	const page = await context.newPage();
	if (onProblem) {
		page.on("console", (message) => {
			if (message.type() === "error" || /Content.Security.Policy/i.test(message.text())) onProblem(`${target.url}: ${message.text()}`);
		});
		page.on("pageerror", (error) => onProblem(`${target.url}: ${error.message}`));
	}
	const response = await page.goto(urlOf(target), { waitUntil: "load" });
	assert.is(response?.status(), 200, target.url);
	if (target.ready) await page.waitForSelector(target.ready, { timeout: 10_000 });
	await page.waitForFunction(() => !document.querySelector("[aria-busy=true]"), undefined, { timeout: 10_000 });
	return page;
}

/** Injects axe-core (the context must bypass the page's CSP) and returns its violations. */
async function runAxe(page: Page): Promise<AxeViolation[]> {
	await page.addScriptTag({ path: axePath });
	return page.evaluate(async () => {
		const { axe } = window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } };
		return (await axe.run(document, { resultTypes: ["violations"] })).violations;
	});
}

test("the pages checked cover every required kind", () => {
	assert.equal(missingKinds(targets.map((target) => target.kind)), []);
});

for (const colorScheme of ["light", "dark"] as const) {
	test(`axe-core finds no serious or critical violation on any kind of page (${colorScheme})`, async () => {
		// axe is injected as a script, which the page's own CSP forbids: only this context bypasses it.
		const context = await browser.newContext({ colorScheme, bypassCSP: true, viewport: { width: 1280, height: 900 } });
		const failures: string[] = [];
		try {
			for (const target of targets) {
				const page = await open(context, target);
				const violations = await runAxe(page);
				for (const violation of violations.filter((v) => v.impact === "serious" || v.impact === "critical")) {
					failures.push(
						`${target.kind} ${target.url}: ${violation.id} (${violation.impact}) ${violation.help} at ${violation.nodes
							.map((node) => node.target.join(" "))
							.slice(0, 3)
							.join(", ")}`,
					);
				}
				await page.close();
			}
		} finally {
			await context.close();
		}
		assert.equal(failures, []);
	});
}

test("every kind of page runs under its CSP without a violation or script error, and fits a 320 px screen", async () => {
	const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
	const problems: string[] = [];
	const overflowing: string[] = [];
	try {
		for (const target of targets) {
			const page = await open(context, target, (problem) => problems.push(problem));
			const width = await page.evaluate(() => document.documentElement.scrollWidth);
			if (width > 320) overflowing.push(`${target.url}: ${width} px wide`);
			await page.close();
		}
	} finally {
		await context.close();
	}
	assert.equal(problems, [], "CSP violations and errors");
	assert.equal(overflowing, [], "pages wider than the screen");
});

test("axe as run here does report a critical violation when a page has one", async () => {
	const context = await browser.newContext({ bypassCSP: true });
	try {
		const page = await open(context, targets[0] as Target);
		await page.evaluate(() => document.querySelector("main")?.append(document.createElement("button")));
		const ids = (await runAxe(page)).map((violation) => `${violation.id} ${violation.impact}`);
		assert.ok(ids.includes("button-name critical"), ids.join(", "));
	} finally {
		await context.close();
	}
});

test("keyboard focus is visible: the skip link appears and every focused control has an outline", async () => {
	for (const colorScheme of ["light", "dark"] as const) {
		const context = await browser.newContext({ colorScheme });
		try {
			const page = await open(context, targets.find((target) => target.kind === "article with every field") as Target);
			await page.keyboard.press("Tab");
			const skip = await page.evaluate(() => {
				const element = document.activeElement as HTMLElement;
				const box = element.getBoundingClientRect();
				return {
					text: element.textContent?.trim(),
					visible: box.top >= 0 && box.bottom <= window.innerHeight,
					outline: getComputedStyle(element).outlineStyle,
				};
			});
			assert.equal(skip, { text: "Skip to content", visible: true, outline: "solid" }, colorScheme);
			for (let i = 0; i < 8; i++) {
				await page.keyboard.press("Tab");
				const focused = await page.evaluate(() => {
					const element = document.activeElement as HTMLElement;
					const style = getComputedStyle(element);
					return { tag: element.localName, outline: style.outlineStyle, width: Number.parseFloat(style.outlineWidth) };
				});
				assert.ok(
					focused.outline !== "none" && focused.width >= 2,
					`${colorScheme}: focused ${focused.tag} has outline ${focused.outline} ${focused.width}px`,
				);
			}
		} finally {
			await context.close();
		}
	}
});

test("printing an article leaves out the site's chrome and prints dark on white, also for a reader in dark mode", async () => {
	const context = await browser.newContext({ colorScheme: "dark" });
	try {
		const page = await open(context, targets.find((target) => target.kind === "article with every field") as Target);
		await page.emulateMedia({ media: "print" });
		const printed = await page.evaluate(() => ({
			// The header, footer and skip link are found by place (they carry no class); a part that is not
			// there at all fails rather than counting as hidden.
			hidden: ["body > header", "body > footer", 'body > a[href="#main"]', ".breadcrumbs"].map((selector) => {
				const element = document.querySelector(selector);
				return element ? getComputedStyle(element).display : `${selector} is missing`;
			}),
			background: getComputedStyle(document.body).backgroundColor,
			heading: getComputedStyle(document.querySelector("h1") as Element).color,
		}));
		assert.equal(printed, { hidden: ["none", "none", "none", "none"], background: "rgb(255, 255, 255)", heading: "rgb(0, 0, 0)" });
		assert.ok(await page.locator("h1").isVisible());
	} finally {
		await context.close();
	}
});

test.run();
