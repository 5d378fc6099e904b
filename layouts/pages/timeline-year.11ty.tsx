/** `/timeline/YYYY/`: one page per year with articles. */
import type { TimelineYear } from "../../src/collections.ts";
import type { TemplateData } from "../../src/eleventy/data.ts";
import { Page } from "../components/Page.tsx";
import { TimelineYearView } from "../components/TimelineView.tsx";

type Data = TemplateData & { year: TimelineYear };

export const data = {
	pagination: { data: "digest.timeline.years", size: 1, alias: "year", addAllPagesToCollections: false },
	permalink: (data: Data) => `${data.year.url}index.html`,
	eleventyExcludeFromCollections: true,
};

export function render({ digest, year }: Data) {
	return (
		<Page model={digest} title={String(year.year)} description={`Articles of ${year.year} in ${digest.site.title}.`} path={year.url}>
			<TimelineYearView model={digest} year={year} />
		</Page>
	);
}
