/** `/timeline/`: articles per month as a chart, and the years with their months. */
import { sharedViews } from "../../src/model/views.ts";
import type { TemplateData } from "../../src/eleventy/data.ts";
import { Page } from "../components/Page.tsx";
import { TimelineIndexView } from "../components/TimelineView.tsx";
import { t } from "../i18n.ts";

export const data = { permalink: "/timeline/index.html", eleventyExcludeFromCollections: true };

export function render({ digest }: TemplateData) {
	const shell = sharedViews(digest).shell;
	return (
		<Page
			shell={shell}
			title={t(shell.language, "timeline")}
			description={t(shell.language, "timelineDescription", { site: digest.site.title })}
			path="/timeline/"
		>
			<TimelineIndexView model={digest} />
		</Page>
	);
}
