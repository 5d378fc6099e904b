/** `/timeline/YYYY/`: one page per year with articles. */
import type { TemplateData } from "../../src/eleventy/data.ts";
import { pageKindData, viewOf } from "../../src/model/page-kinds.ts";
import { Page } from "../components/Page.tsx";
import { TimelineYearView } from "../components/TimelineView.tsx";
import { t } from "../i18n.ts";

export const data = pageKindData("years");

export function render(data: TemplateData & { item: unknown }) {
	const view = viewOf("years", data);
	return (
		<Page
			shell={view.shell}
			title={String(view.year)}
			description={t(view.shell.language, "periodDescription", { period: view.year, site: view.shell.title })}
			path={view.url}
		>
			<TimelineYearView view={view} />
		</Page>
	);
}
