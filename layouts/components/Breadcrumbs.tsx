/** Where a page sits in the site: Home › Timeline › 2025 › February 2025, the last crumb being the page itself. */
import { monthUrl, yearUrl } from "../../src/model/collections.ts";
import { t, usePageLanguage } from "../i18n.ts";
import { href, type LinkContext } from "./links.ts";
import { monthName } from "./periods.ts";

export interface Crumb {
	label: string;
	/** Site path without the prefix; absent for the current page. */
	path?: string;
}

export function Breadcrumbs({ links, trail }: { links: LinkContext; trail: Crumb[] }) {
	const lang = usePageLanguage();
	return (
		<nav class="breadcrumbs" aria-label={t(lang, "breadcrumbs")}>
			<ol>
				{trail.map((crumb, index) => (
					<li key={`${index}-${crumb.label}`}>
						{crumb.path ? <a href={href(links, crumb.path)}>{crumb.label}</a> : <span aria-current="page">{crumb.label}</span>}
					</li>
				))}
			</ol>
		</nav>
	);
}

/**
 * The trail down the timeline to a year or a month, then `current` (the page's own name, unlinked). The
 * deepest period given is linked only when `current` follows it.
 */
export function timelineTrail(period: { year: number; month?: number }, current?: string, lang = "en"): Crumb[] {
	const trail: Crumb[] = [
		{ label: t(lang, "home"), path: "/" },
		{ label: t(lang, "timeline"), path: "/timeline/" },
		{ label: String(period.year), path: period.month || current ? yearUrl(period.year) : undefined },
	];
	if (period.month)
		trail.push({ label: monthName(period.year, period.month, lang), path: current ? monthUrl(period.year, period.month) : undefined });
	if (current) trail.push({ label: current });
	return trail;
}
