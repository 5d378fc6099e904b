/** Links between the pages of a paginated list: newer/older and a window of page numbers around this one. */
import { t, usePageLanguage } from "../i18n.ts";
import { href, type LinkContext } from "./links.ts";

export interface PaginationProps {
	links: LinkContext;
	/** 1-based. */
	pageNumber: number;
	pageCount: number;
	/** The site path of page N. */
	urlFor: (pageNumber: number) => string;
	label: string;
}

/** Page numbers to show: the first, the last and two either side of the current one; 0 marks a gap. */
export function pageWindow(pageNumber: number, pageCount: number, reach = 2): number[] {
	const pages = new Set([1, pageCount]);
	for (let page = Math.max(1, pageNumber - reach); page <= Math.min(pageCount, pageNumber + reach); page++) pages.add(page);
	const shown: number[] = [];
	for (const page of [...pages].sort((a, b) => a - b)) {
		const last = shown.at(-1);
		if (last !== undefined && page > last + 1) shown.push(0);
		shown.push(page);
	}
	return shown;
}

export function Pagination({ links, pageNumber, pageCount, urlFor, label }: PaginationProps) {
	const lang = usePageLanguage();
	if (pageCount <= 1) return null;
	return (
		<nav class="pagination" aria-label={label}>
			<ul>
				<li class="pagination-step">
					{pageNumber > 1 ? (
						<a href={href(links, urlFor(pageNumber - 1))} rel="prev">
							{t(lang, "newer")}
						</a>
					) : null}
				</li>
				{pageWindow(pageNumber, pageCount).map((page, index) =>
					page === 0 ? (
						<li key={`gap-${index}`} class="pagination-gap" aria-hidden="true">
							…
						</li>
					) : (
						<li key={page}>
							<a
								href={href(links, urlFor(page))}
								aria-current={page === pageNumber ? "page" : undefined}
								aria-label={t(lang, "page", { n: page })}
							>
								{page}
							</a>
						</li>
					),
				)}
				<li class="pagination-step">
					{pageNumber < pageCount ? (
						<a href={href(links, urlFor(pageNumber + 1))} rel="next">
							{t(lang, "older")}
						</a>
					) : null}
				</li>
			</ul>
		</nav>
	);
}
