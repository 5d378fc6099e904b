/** The page shell every page shares: head, header with search, navigation and footer. */
import type { ComponentChildren } from "preact";
import type { ShellView } from "../../src/model/views.ts";
import { publicUrl } from "../../src/eleventy/feeds.ts";
import { PageLanguage, t, type UiKey } from "../i18n.ts";
import { href } from "./links.ts";

export interface PageProps {
	/** What every page shows around its content: the site's name, navigation, links, what is newest. */
	shell: ShellView;
	/** The page's own title; the site's name is appended. */
	title: string;
	description?: string;
	/** This page's path without the prefix (for the canonical link and the current navigation item). */
	path: string;
	/** The page's language, when it is not the site's (an article's own). */
	lang?: string;
	/** Extra `<head>` elements (OpenGraph, JSON-LD, feeds). */
	head?: ComponentChildren;
	/**
	 * Link the stylesheet and scripts relative to this page, so that it also works opened straight from
	 * disk (`file://`), where `/assets/…` means the root of the file system. Only for pages at a fixed
	 * depth that are never served under another URL (not the 404 page).
	 * @default false
	 */
	portable?: boolean;
	/**
	 * Whether the page carries the newest article's time for the new-since-last-visit marks. An article
	 * page shows no marks: without the time its bytes stay the same when a newer article comes, and a
	 * rebuild links it from the last site instead of rewriting it (10,000 of a news digest's 17,000 pages).
	 * @default true
	 */
	marksNew?: boolean;
	children: ComponentChildren;
}

/**
 * What the page may load and run. No inline script or style anywhere, so injected markup can do nothing.
 * Pagefind needs `'wasm-unsafe-eval'` to compile its WebAssembly and `blob:` workers; `blob:` scripts let
 * search import Pagefind from bytes when the site is opened from disk (only script already running here
 * can make a blob URL). Article images, audio and video may come from other sites over https; frames only
 * from the hosts site.yaml's `embeds` names (a frame's own script runs in its origin, never in this page's).
 *
 * Only the directives that differ from `default-src` are written: style, font, connect and manifest
 * fall back to it, workers to `script-src` (CSP 3), so the policy is the same as spelling each out, and
 * ~190 bytes shorter on every page (~27 MB at 140,000 pages).
 */
export const contentSecurityPolicy = [
	"default-src 'self'",
	"script-src 'self' 'wasm-unsafe-eval' blob:",
	"img-src 'self' data: https:",
	"media-src 'self' https:",
	"object-src 'none'",
	"base-uri 'self'",
	"form-action 'self'",
].join("; ");

/** The policy, with `frame-src` for the hosts whose iframes articles may embed (none: frames fall back to `'self'`). */
export const policyWithEmbeds = (embeds: readonly string[] = []): string =>
	embeds.length === 0 ? contentSecurityPolicy : `${contentSecurityPolicy}; frame-src ${embeds.map((host) => `https://${host}`).join(" ")}`;

const navigation: { path: string; label: UiKey }[] = [
	{ path: "/", label: "home" },
	{ path: "/topics/", label: "topics" },
	{ path: "/people/", label: "people" },
	{ path: "/places/", label: "places" },
	{ path: "/timeline/", label: "timeline" },
	{ path: "/search/", label: "search" },
];

/** People and places are in the navigation once the digest names any (their index pages exist either way). */
const hasEntries = (shell: ShellView, path: string): boolean =>
	path === "/people/" ? shell.navigation.people : path === "/places/" ? shell.navigation.places : true;

export function Page({ shell, title, description, path, lang, head, portable = false, marksNew = true, children }: PageProps) {
	const language = lang ?? shell.language;
	const asset = (file: string) =>
		portable ? `${"../".repeat(path.split("/").filter(Boolean).length)}assets/${file}` : href(shell, `/assets/${file}`);
	const fullTitle = path === "/" ? shell.title : `${title} · ${shell.title}`;
	const current = (item: string) => (item === "/" ? path === "/" : path.startsWith(item));
	return (
		<PageLanguage.Provider value={language}>
			<html lang={language}>
				<head>
					<meta charset="utf-8" />
					<meta http-equiv="Content-Security-Policy" content={policyWithEmbeds(shell.embeds)} />
					<meta name="viewport" content="width=device-width, initial-scale=1" />
					<title>{fullTitle}</title>
					{description ? <meta name="description" content={description} /> : null}
					{shell.siteUrl ? <link rel="canonical" href={publicUrl(shell, path)} /> : null}
					<link rel="stylesheet" href={asset("style.css")} />
					{/* Search shortcut, service worker, and what is new since the reader's last visit (the newest
					    article's time; the prefix keys the visit per site, and is left out when it is "/", which the
					    script assumes). */}
					<script
						defer
						src={asset("site-search.js")}
						data-service-worker={shell.serviceWorker ? href(shell, "/sw.js") : undefined}
						data-scope={shell.pathPrefix === "/" ? undefined : shell.pathPrefix}
						data-newest={marksNew ? shell.newest : undefined}
					/>
					{/* The site's feeds are announced by the home page (feed readers look there) and linked from every
					    page's footer; other pages announce their own feed through `head`. */}
					{path === "/" ? (
						<>
							<link rel="alternate" type="application/atom+xml" title={`${shell.title} (Atom)`} href={href(shell, "/feed.xml")} />
							<link rel="alternate" type="application/feed+json" title={`${shell.title} (JSON Feed)`} href={href(shell, "/feed.json")} />
						</>
					) : null}
					{head}
				</head>
				<body>
					{/* The shell's parts carry no class: the stylesheet finds them by place (`body > header`, …), which
					    is the same for readers and ~170 bytes less on every page (~23 MB at 137,000 pages). */}
					<a href="#main">{t(language, "skipToContent")}</a>
					<header>
						<div>
							<a href={href(shell, "/")}>{shell.title}</a>
							<nav aria-label={t(language, "mainNavigation")}>
								{/* Links without a list around them: the same for readers, ~65 bytes less on every page. */}
								{navigation
									.filter((item) => hasEntries(shell, item.path))
									.map((item) => (
										<a key={item.path} href={href(shell, item.path)} aria-current={current(item.path) ? "page" : undefined}>
											{t(language, item.label)}
										</a>
									))}
							</nav>
							<form role="search" action={href(shell, "/search/")}>
								{/* Named by aria-label rather than a hidden label: the same name, less markup on every page. */}
								<input
									id="site-search"
									type="search"
									name="q"
									aria-label={t(language, "searchTheDigest")}
									placeholder={t(language, "searchPlaceholder")}
									autocomplete="off"
								/>
								<button type="submit">{t(language, "search")}</button>
							</form>
						</div>
					</header>
					<main id="main">{children}</main>
					<footer>
						<div>
							<p>
								{shell.title}
								{shell.description ? ` — ${shell.description}` : ""}
							</p>
							<p>
								{t(language, "feeds")} <a href={href(shell, "/feed.xml")}>Atom</a> · <a href={href(shell, "/feed.json")}>JSON</a>
							</p>
						</div>
					</footer>
				</body>
			</html>
		</PageLanguage.Provider>
	);
}
