/** Where a page sits in the site: Home › Timeline › 2025 › February 2025, the last crumb being the page itself. */
import type { SiteModel } from "../../src/collections.ts";
import { href } from "./links.ts";

export interface Crumb {
	label: string;
	/** Site path without the prefix; absent for the current page. */
	path?: string;
}

export function Breadcrumbs({ model, trail }: { model: SiteModel; trail: Crumb[] }) {
	return (
		<nav class="breadcrumbs" aria-label="Breadcrumbs">
			<ol>
				{trail.map((crumb, index) => (
					<li key={`${index}-${crumb.label}`}>
						{crumb.path ? <a href={href(model, crumb.path)}>{crumb.label}</a> : <span aria-current="page">{crumb.label}</span>}
					</li>
				))}
			</ol>
		</nav>
	);
}
