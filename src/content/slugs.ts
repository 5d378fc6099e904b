/**
 * Slugs for URLs and topic identity. `@sindresorhus/slugify` transliterates Cyrillic, Arabic, Greek and
 * more, so `Война` becomes `voyna` and not an empty string; what transliterates to nothing (emoji only)
 * falls back to a short stable hash so that the URL stays valid and the same on every build.
 */
import { createHash } from "node:crypto";
import slugify from "@sindresorhus/slugify";

export function slugFor(text: string): string {
	const slug = slugify(text, { decamelize: false });
	if (slug) return slug.slice(0, 80).replace(/-+$/, "");
	const digest = createHash("sha256").update(text.normalize("NFC")).digest("hex").slice(0, 10);
	return `x-${digest}`;
}

/** The article slug from its file name: the name without `.md` and without a `YYYY-MM-DD-` prefix. */
export function slugFromFileName(fileName: string): string {
	return slugFor(fileName.replace(/\.(md|mdx|markdown)$/i, "").replace(/^\d{4}-\d{2}-\d{2}-/, ""));
}
