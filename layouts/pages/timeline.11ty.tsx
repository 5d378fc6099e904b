/** `/timeline/`: articles per month as a chart, and the years with their months. */
import { sharedViews } from "../../src/model/views.ts";
import type { TemplateData } from "../../src/eleventy/data.ts";
import { Page } from "../components/Page.tsx";
import { TimelineIndexView } from "../components/TimelineView.tsx";

export const data = { permalink: "/timeline/index.html", eleventyExcludeFromCollections: true };

export function render({ digest }: TemplateData) {
	return (
		<Page
			shell={sharedViews(digest).shell}
			title="Timeline"
			description={`Every article in ${digest.site.title}, month by month.`}
			path="/timeline/"
		>
			<TimelineIndexView model={digest} />
		</Page>
	);
}
