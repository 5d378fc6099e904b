/** `/timeline/YYYY/MM/`: one page per month with articles; each article is on exactly one. */
import type { TemplateData } from "../../src/eleventy/data.ts";
import { pageKindData, viewOf } from "../../src/model/page-kinds.ts";
import { Page } from "../components/Page.tsx";
import { monthName } from "../components/periods.ts";
import { TimelineMonthView } from "../components/TimelineView.tsx";
import { t } from "../i18n.ts";

export const data = pageKindData("months");

export function render(data: TemplateData & { item: unknown }) {
	const view = viewOf("months", data);
	const lang = view.shell.language;
	const name = monthName(view.month.year, view.month.month, lang);
	return (
		<Page
			shell={view.shell}
			title={name}
			description={t(lang, "periodDescription", { period: name, site: view.shell.title })}
			path={view.month.url}
		>
			<TimelineMonthView view={view} />
		</Page>
	);
}
