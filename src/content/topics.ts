/**
 * Topic identity. Topics are one topic when their slugs match: `Law and crime`, `Law and Crime` and
 * `law-and-crime` are the same. The registry (`topics.yaml` in the articles folder) gives a topic its
 * title, description and aliases; without an entry, the most frequent spelling names it.
 */
import { z } from "zod";
import { slugFor } from "./slugs.ts";

/** One entry of `topics.yaml`, keyed by the topic's slug. */
export const topicEntrySchema = z.object({
	/** The topic's display name; wins over every spelling used in articles. */
	title: z.string().trim().min(1),
	/** A sentence or two shown on the topic's page. */
	description: z.string().trim().optional(),
	/** Other spellings that mean this topic (e.g. `Russia-US relations`). */
	aliases: z.array(z.string().trim().min(1)).optional().default([]),
});
export const topicRegistrySchema = z.record(z.string(), topicEntrySchema);
export type TopicRegistry = z.output<typeof topicRegistrySchema>;

export interface Topic {
	slug: string;
	title: string;
	description?: string;
	/** Whether the registry names this topic (a topic outside it gets one summary warning). */
	registered: boolean;
	/**
	 * Every other spelling of it: the registry's aliases and those articles used (`Kiev`, `Київ`, `Киев`
	 * for Kyiv), so that search finds its articles by any of them.
	 */
	aliases?: string[];
}

/** Resolves the spellings used in articles to topics, and names each topic once all spellings are seen. */
export class TopicResolver {
	readonly #bySlug = new Map<string, string>(); // any known spelling's slug -> canonical slug
	readonly #registry: TopicRegistry;
	readonly #spellings = new Map<string, Map<string, number>>(); // canonical slug -> spelling -> count
	readonly #ownSlugs = new Map<string, string>(); // spelling -> its own slug

	constructor(registry: TopicRegistry = {}) {
		this.#registry = registry;
		for (const [key, entry] of Object.entries(registry)) {
			const slug = slugFor(key);
			for (const spelling of [key, entry.title, ...entry.aliases]) this.#bySlug.set(slugFor(spelling), slug);
		}
	}

	/** The canonical slug for a spelling, counting the spelling for naming unregistered topics. */
	resolve(spelling: string): string {
		// slugify dominates a cached load: each spelling is slugified once, however many articles use it.
		let own = this.#ownSlugs.get(spelling);
		if (own === undefined) this.#ownSlugs.set(spelling, (own = slugFor(spelling)));
		const slug = this.#bySlug.get(own) ?? own;
		let counts = this.#spellings.get(slug);
		if (!counts) this.#spellings.set(slug, (counts = new Map()));
		counts.set(spelling, (counts.get(spelling) ?? 0) + 1);
		return slug;
	}

	/** Every topic seen, named by the registry or else by its most frequent spelling (ties: alphabetical). */
	topics(): Map<string, Topic> {
		const registryBySlug = new Map(Object.entries(this.#registry).map(([key, entry]) => [slugFor(key), entry]));
		const result = new Map<string, Topic>();
		for (const slug of [...this.#spellings.keys()].sort()) {
			const entry = registryBySlug.get(slug);
			const counts = [...(this.#spellings.get(slug) ?? new Map<string, number>()).entries()];
			const spellings = (title: string) =>
				[...new Set([...(entry?.aliases ?? []), ...counts.map(([spelling]) => spelling)])].filter((name) => name !== title).sort();
			if (entry) {
				result.set(slug, { slug, title: entry.title, description: entry.description, registered: true, aliases: spellings(entry.title) });
				continue;
			}
			counts.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
			const title = counts[0]?.[0] ?? slug;
			result.set(slug, { slug, title, registered: false, aliases: spellings(title) });
		}
		return result;
	}
}
