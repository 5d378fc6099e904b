/** The page shell every page shares: head, header with search, navigation and footer. */
import type { ComponentChildren } from "preact";
import type { SiteModel } from "../../src/collections.ts";
import { href } from "./links.ts";

export interface PageProps {
	model: SiteModel;
	/** The page's own title; the site's name is appended. */
	title: string;
	description?: string;
	/** This page's path without the prefix (for the canonical link and the current navigation item). */
	path: string;
	/** Extra `<head>` elements (OpenGraph, JSON-LD, feeds). */
	head?: ComponentChildren;
	/**
	 * Link the stylesheet and scripts relative to this page, so that it also works opened straight from
	 * disk (`file://`), where `/assets/…` means the root of the file system. Only for pages at a fixed
	 * depth that are never served under another URL (not the 404 page).
	 * @default false
	 */
	portable?: boolean;
	children: ComponentChildren;
}

/**
 * What the page may load and run. No inline script or style anywhere, so injected markup can do nothing.
 * Pagefind needs `'wasm-unsafe-eval'` to compile its WebAssembly and `blob:` workers; `blob:` scripts let
 * search import Pagefind from bytes when the site is opened from disk (only script already running here
 * can make a blob URL). Article images may come from other sites over https.
 */
export const contentSecurityPolicy = [
	"default-src 'self'",
	"script-src 'self' 'wasm-unsafe-eval' blob:",
	"style-src 'self'",
	"img-src 'self' data: https:",
	"font-src 'self'",
	"connect-src 'self'",
	"worker-src 'self' blob:",
	"manifest-src 'self'",
	"object-src 'none'",
	"base-uri 'self'",
	"form-action 'self'",
].join("; ");

const navigation = [
	{ path: "/", label: "Home" },
	{ path: "/topics/", label: "Topics" },
	{ path: "/people/", label: "People" },
	{ path: "/places/", label: "Places" },
	{ path: "/timeline/", label: "Timeline" },
	{ path: "/search/", label: "Search" },
];

export function Page({ model, title, description, path, head, portable = false, children }: PageProps) {
	const { site } = model;
	const asset = (file: string) =>
		portable ? `${"../".repeat(path.split("/").filter(Boolean).length)}assets/${file}` : href(model, `/assets/${file}`);
	const fullTitle = path === "/" ? site.title : `${title} · ${site.title}`;
	const current = (item: string) => (item === "/" ? path === "/" : path.startsWith(item));
	return (
		<html lang={site.language}>
			<head>
				<meta charset="utf-8" />
				<meta http-equiv="Content-Security-Policy" content={contentSecurityPolicy} />
				<meta name="viewport" content="width=device-width, initial-scale=1" />
				<title>{fullTitle}</title>
				{description ? <meta name="description" content={description} /> : null}
				<meta name="color-scheme" content="light dark" />
				{model.siteUrl ? <link rel="canonical" href={`${model.siteUrl}${path}`} /> : null}
				<link rel="stylesheet" href={asset("style.css")} />
				<script
					defer
					src={asset("site-search.js")}
					data-service-worker={model.serviceWorker ? href(model, "/sw.js") : undefined}
					data-scope={model.pathPrefix}
				/>
				{/* Marks what is new since the reader's last visit: the newest article time and a key per site. */}
				<script defer src={asset("new-since.js")} data-newest={model.articles[0]?.date} data-site={model.pathPrefix} />
				<link rel="alternate" type="application/atom+xml" title={`${site.title} (Atom)`} href={href(model, "/feed.xml")} />
				<link rel="alternate" type="application/feed+json" title={`${site.title} (JSON Feed)`} href={href(model, "/feed.json")} />
				{head}
			</head>
			<body>
				<a class="skip-link" href="#main">
					Skip to content
				</a>
				<header class="site-header">
					<div class="wrap header-row">
						<a class="site-name" href={href(model, "/")}>
							{site.title}
						</a>
						<nav aria-label="Main">
							<ul class="nav-list">
								{navigation.map((item) => (
									<li key={item.path}>
										<a href={href(model, item.path)} aria-current={current(item.path) ? "page" : undefined}>
											{item.label}
										</a>
									</li>
								))}
							</ul>
						</nav>
						<form class="search-box" role="search" action={href(model, "/search/")} method="get">
							<label class="visually-hidden" for="site-search">
								Search the digest
							</label>
							<input id="site-search" type="search" name="q" placeholder="Search…" autocomplete="off" />
							<button type="submit">Search</button>
						</form>
					</div>
				</header>
				<main id="main" class="wrap">
					{children}
				</main>
				<footer class="site-footer">
					<div class="wrap">
						<p>
							{site.title}
							{site.description ? ` — ${site.description}` : ""}
						</p>
						<p>
							Feeds: <a href={href(model, "/feed.xml")}>Atom</a> · <a href={href(model, "/feed.json")}>JSON</a>
						</p>
					</div>
				</footer>
			</body>
		</html>
	);
}
