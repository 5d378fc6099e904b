/**
 * Every page template of `layouts/pages/`, by file name. Eleventy finds the templates in that folder and
 * asks src/eleventy/layouts.ts for each one's module, which comes from here rather than from an import of
 * the file at run time: a build compiled ahead (scripts/compiled.mjs) runs without a TypeScript loader.
 * A template missing here stops the build with its name (test/unit/page-templates.test.ts checks both lists).
 */
import * as article from "./pages/article.11ty.tsx";
import * as facetFeed from "./pages/facet-feed.11ty.tsx";
import * as facet from "./pages/facet.11ty.tsx";
import * as feedAtom from "./pages/feed-atom.11ty.tsx";
import * as feedJson from "./pages/feed-json.11ty.tsx";
import * as index from "./pages/index.11ty.tsx";
import * as notFound from "./pages/not-found.11ty.tsx";
import * as redirect from "./pages/redirect.11ty.tsx";
import * as robots from "./pages/robots.11ty.tsx";
import * as search from "./pages/search.11ty.tsx";
import * as sitemapPart from "./pages/sitemap-part.11ty.tsx";
import * as sitemap from "./pages/sitemap.11ty.tsx";
import * as timelineMonth from "./pages/timeline-month.11ty.tsx";
import * as timelineYear from "./pages/timeline-year.11ty.tsx";
import * as timeline from "./pages/timeline.11ty.tsx";
import * as topicsIndex from "./pages/topics-index.11ty.tsx";

/** A page template as Eleventy takes it: its front-matter data and its render function. */
export interface PageTemplate {
	readonly data: unknown;
	render(data: never): unknown;
}

export const pageTemplates: Readonly<Record<string, PageTemplate>> = {
	"article.11ty.tsx": article,
	"facet-feed.11ty.tsx": facetFeed,
	"facet.11ty.tsx": facet,
	"feed-atom.11ty.tsx": feedAtom,
	"feed-json.11ty.tsx": feedJson,
	"index.11ty.tsx": index,
	"not-found.11ty.tsx": notFound,
	"redirect.11ty.tsx": redirect,
	"robots.11ty.tsx": robots,
	"search.11ty.tsx": search,
	"sitemap-part.11ty.tsx": sitemapPart,
	"sitemap.11ty.tsx": sitemap,
	"timeline-month.11ty.tsx": timelineMonth,
	"timeline-year.11ty.tsx": timelineYear,
	"timeline.11ty.tsx": timeline,
	"topics-index.11ty.tsx": topicsIndex,
};
