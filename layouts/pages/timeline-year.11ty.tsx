/** `/timeline/YYYY/`: one page per year with articles. */
import type { TimelineYear } from "../../src/collections.ts";
import type { TemplateData } from "../../src/eleventy/data.ts";
import { onePagePer } from "../../src/eleventy/paginate.ts";
import { Page } from "../components/Page.tsx";
import { TimelineYearView } from "../components/TimelineView.tsx";

type Data = TemplateData & { year: TimelineYear };

export const data = onePagePer("digest.timeline.years", "year", (year: TimelineYear) => `${year.url}index.html`);

export function render({ digest, year }: Data) {
	return (
		<Page model={digest} title={String(year.year)} description={`Articles of ${year.year} in ${digest.site.title}.`} path={year.url}>
			<TimelineYearView model={digest} year={year} />
		</Page>
	);
}
