/**
 * The count a build and `check` end with, so an editor sees at once that nothing was lost: every Markdown
 * file of the site is published, skipped for a reason its own engine would skip it too, or refused.
 * `12 files: 9 published, 2 skipped (1 draft, 1 section list), 1 refused`.
 */

/** Why a file is not an article on the site, each as the engines themselves decide it; in report order. */
export const skipReasons = {
	draft: ["draft", "drafts"],
	unpublished: ["marked published: false", "marked published: false"],
	scheduled: ["scheduled", "scheduled"],
	expired: ["expired", "expired"],
	page: ["site page", "site pages"],
	section: ["section list", "section lists"],
	headless: ["headless bundle", "headless bundles"],
	resource: ["bundle resource", "bundle resources"],
	"template-only": ["template-only page", "template-only pages"],
	empty: ["empty file", "empty files"],
} satisfies Record<string, [one: string, many: string]>;
export type SkipReason = keyof typeof skipReasons;

export interface FileTally {
	/** The Markdown files of the site: published + skipped + refused. */
	files: number;
	published: number;
	skipped: Partial<Record<SkipReason, number>>;
	/** Files with a problem (the build stops on them). */
	refused: number;
}

/**
 * The count as `build` would make it, from a load that included drafts as articles (`check` validates
 * drafts, but a build does not publish them).
 */
export function draftsLeftOut(tally: FileTally, articles: readonly { draft: boolean; unpublished?: true }[]): FileTally {
	const skipped = { ...tally.skipped };
	let published = tally.published;
	for (const article of articles) {
		if (!article.draft) continue;
		const reason = article.unpublished ? "unpublished" : "draft";
		skipped[reason] = (skipped[reason] ?? 0) + 1;
		published--;
	}
	return { ...tally, published, skipped };
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** `12 files: 9 published, 2 skipped (1 draft, 1 section list), 1 refused`. */
export function formatTally(tally: FileTally): string {
	const reasons = (Object.keys(skipReasons) as SkipReason[])
		.filter((reason) => (tally.skipped[reason] ?? 0) > 0)
		.map((reason) => plural(tally.skipped[reason] ?? 0, ...skipReasons[reason]));
	const skipped = Object.values(tally.skipped).reduce((sum, count) => sum + (count ?? 0), 0);
	return `${plural(tally.files, "file", "files")}: ${tally.published} published, ${skipped} skipped${reasons.length > 0 ? ` (${reasons.join(", ")})` : ""}, ${tally.refused} refused`;
}
