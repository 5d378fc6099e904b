/** `/timeline/YYYY/MM/`: one page per month with articles; each article is on exactly one. */
import type { TimelineMonth } from "../../src/collections.ts";
import type { TemplateData } from "../../src/eleventy/data.ts";
import { onePagePer } from "../../src/eleventy/paginate.ts";
import { Page } from "../components/Page.tsx";
import { monthName } from "../components/periods.ts";
import { TimelineMonthView } from "../components/TimelineView.tsx";

type Data = TemplateData & { month: TimelineMonth };

export const data = onePagePer("pages.monthPages", "month", (month: TimelineMonth) => `${month.url}index.html`);

export function render({ digest, month }: Data) {
	const name = monthName(month.year, month.month);
	return (
		<Page model={digest} title={name} description={`Articles of ${name} in ${digest.site.title}.`} path={month.url}>
			<TimelineMonthView model={digest} month={month} />
		</Page>
	);
}
