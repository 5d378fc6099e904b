/**
 * The page left at an article's old URL (`aliases`, `redirect_from`): GitHub Pages has no server
 * redirects, so it sends the reader on with a meta refresh, tells search engines where the page lives
 * now (canonical, noindex), and shows a plain link for anything that does not follow the refresh. A
 * whole document of its own: nothing to load, nothing to index.
 */
import type { RedirectPageView } from "../../src/model/views.ts";
import { publicUrl } from "../../src/eleventy/feeds.ts";
import { href } from "./links.ts";
import { contentSecurityPolicy } from "./Page.tsx";

export function RedirectPage({ view }: { view: RedirectPageView }) {
	const { shell, redirect } = view;
	const target = href(shell, redirect.to);
	const canonical = publicUrl(shell, redirect.to);
	return (
		<html lang={shell.language}>
			<head>
				<meta charset="utf-8" />
				<meta http-equiv="Content-Security-Policy" content={contentSecurityPolicy} />
				<meta name="viewport" content="width=device-width, initial-scale=1" />
				<title>{`Moved: ${redirect.title} · ${shell.title}`}</title>
				<meta name="robots" content="noindex" />
				<link rel="canonical" href={canonical} />
				<meta http-equiv="refresh" content={`0; url=${target}`} />
			</head>
			<body>
				<main>
					<h1>This page has moved</h1>
					<p>
						It is now at <a href={target}>{redirect.title}</a>.
					</p>
				</main>
			</body>
		</html>
	);
}
