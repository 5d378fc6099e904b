/**
 * The search page's offline control (markup in layouts/components/SearchView.tsx): it offers to make
 * search available offline with the real download size, shows progress and then the copy's state
 * ("Available offline · updated 18 February") with a way to remove it. A small search data is saved
 * without asking once the page has been used, unless the reader has Save-Data on or removed a copy
 * before. Online, a copy older than the deployed index is brought up to date (only the changed packs).
 * The work is the service worker's (src/browser/service-worker.ts); this only asks and shows.
 */
import { manifestPath, type OfflineCopy, type OfflineManifest, type WorkerAnswer, type WorkerRequest } from "./offline-protocol.ts";
import type { SearchPageStrings } from "../search/contract.ts";
import { fill } from "./search-markup.ts";

/** Set when the reader removed the copy: a small index is then not saved again by itself. */
const declinedKey = "topic-digest-offline-declined";

/** `navigator.connection` is not in TypeScript's DOM library (it is not in every browser). */
interface NetworkInformationLike {
	saveData?: boolean;
}

export interface OfflineControlOptions {
	/** Absolute URL of the site's Pagefind folder (ends in `/`). */
	bundle: string;
	/** The page's words for the status lines (its language's, from the search page's configuration). */
	words: SearchPageStrings;
	/**
	 * Settles once the page's first search is on screen. A small search data is saved unasked only then:
	 * saved at once, its packs (downloaded and unpacked by the service worker the search's own files go
	 * through) were all saved before the first results showed (the 24-article sample: first results at a
	 * median ~0.66 s, ~0.61 s now).
	 */
	firstUse?: Promise<unknown>;
}

/** What the control shows; also written to the control's `data-offline-state` (tests wait on it). */
type Shown = "offered" | "saving" | "updating" | "saved" | "failed";

export function startOfflineControl(box: HTMLElement, { bundle, words, firstUse }: OfflineControlOptions): void {
	if (location.protocol === "file:" || !("serviceWorker" in navigator)) return;
	const status = box.querySelector<HTMLElement>("[data-offline-status]");
	const progress = box.querySelector("progress");
	const save = box.querySelector<HTMLButtonElement>("[data-offline-save]");
	const remove = box.querySelector<HTMLButtonElement>("[data-offline-remove]");
	if (!status || !progress || !save || !remove) return;
	// The button's words come with the page, in its language; the script adds the size.
	const saveLabel = save.textContent?.trim() || "Make search available offline";
	const manifestUrl = new URL(manifestPath.replace(/^pagefind\//, ""), bundle).href;
	const saveData = (navigator as Navigator & { connection?: NetworkInformationLike }).connection?.saveData === true;
	let manifest: OfflineManifest | null = null;
	let worker: ServiceWorker | null = null;

	const show = (shown: Shown, text: string) => {
		box.hidden = false;
		box.dataset.offlineState = shown;
		status.textContent = text;
		progress.hidden = shown !== "saving" && shown !== "updating";
		save.hidden = shown !== "offered" && shown !== "failed";
		remove.hidden = shown !== "saved";
		if (manifest) save.textContent = `${saveLabel} (${size(manifest.bytes)})`;
	};
	const showCopy = (copy: OfflineCopy | null) => {
		if (copy) show("saved", `${words.availableOffline}${copy.updated ? fill(words.updatedOn, { q: readableDay(copy.updated) }) : ""}`);
		else if (manifest) show("offered", "");
		else box.hidden = true;
	};

	/**
	 * Sends `request` to the worker; resolves with its answer, reporting progress on the way, or with null
	 * when that worker is replaced before it answers. After a deploy the new worker takes over at once
	 * (skipWaiting, clients.claim), and the one this page was talking to may be stopped mid-answer: seen in
	 * CI as a control that never left its first state after an update.
	 */
	const ask = (request: WorkerRequest, onProgress?: (done: number, total: number) => void) =>
		new Promise<WorkerAnswer | null>((resolve) => {
			const target = worker;
			if (!target) return resolve(null);
			const replaced = () => {
				if (target.state !== "redundant") return;
				target.removeEventListener("statechange", replaced);
				resolve(null);
			};
			target.addEventListener("statechange", replaced);
			const channel = new MessageChannel();
			channel.port1.onmessage = (event: MessageEvent<WorkerAnswer>) => {
				if (event.data.type === "progress") onProgress?.(event.data.done, event.data.total);
				else {
					target.removeEventListener("statechange", replaced);
					resolve(event.data);
				}
			};
			target.postMessage(request, [channel.port2]);
			replaced();
		});

	const saveCopy = async (updating: boolean) => {
		const verb = updating ? words.updatingOffline : words.savingOffline;
		progress.value = 0;
		show(updating ? "updating" : "saving", `${verb}…`);
		// Announced in steps of a tenth, not at every chunk.
		let announced = -1;
		const answer = await ask({ type: "offline-save", manifest: manifestUrl }, (done, total) => {
			progress.max = Math.max(total, 1);
			progress.value = done;
			const step = total > 0 ? Math.floor((done / total) * 10) : 10;
			if (step !== announced) {
				announced = step;
				status.textContent = `${verb}: ${fill(words.sizeOf, { n: size(done), q: size(total) })}`;
			}
		});
		if (answer === null) await connect();
		else if (answer.type === "copy") showCopy(answer.copy);
		else if (answer.type === "failed") show("failed", fill(words.saveFailed, { q: answer.message }));
	};

	save.addEventListener("click", () => {
		localStorage.removeItem(declinedKey);
		void saveCopy(false);
	});
	remove.addEventListener("click", async () => {
		localStorage.setItem(declinedKey, "true");
		let answer = await ask({ type: "offline-remove" });
		// The worker that took over holds the same caches: it is asked again.
		while (answer === null) {
			worker = await activeWorker();
			answer = await ask({ type: "offline-remove" });
		}
		if (answer.type === "copy") showCopy(answer.copy);
		save.focus();
	});

	/**
	 * The registration's active worker, once it is not one being replaced. The header script registers
	 * the worker; a page without one (the dev server) never gets past `ready`.
	 */
	const activeWorker = async (): Promise<ServiceWorker | null> => {
		for (;;) {
			const active = (await navigator.serviceWorker.ready).active;
			if (active?.state !== "redundant") return active;
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	};

	/** Finds the active worker and the copy's state, and updates or saves the copy when it should. */
	const connect = async (): Promise<void> => {
		worker = await activeWorker();
		if (!worker) return;
		// Revalidated, never an old list: it names the packs of the deployed index.
		manifest ??= await fetch(manifestUrl, { cache: "no-cache" })
			.then((response) => (response.ok ? (response.json() as Promise<OfflineManifest>) : null))
			.catch(() => null);
		const state = await ask({ type: "offline-state" });
		// Replaced before it answered: the worker that took over is asked.
		if (state === null) return connect();
		const copy = state.type === "copy" ? state.copy : null;
		if (copy && manifest && copy.version !== manifest.version) await saveCopy(true);
		else if (!copy && manifest?.automatic && !saveData && localStorage.getItem(declinedKey) === null) {
			await firstUse;
			await saveCopy(false);
		} else showCopy(copy);
	};
	void connect();
}

/** Bytes as a reader reads a download size: `640 kB`, `6.6 MB`. */
function size(bytes: number): string {
	return bytes < 1_000_000 ? `${Math.round(bytes / 1000)} kB` : `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** `2025-02-18` as `18 February` (`18 февраля` on a Russian page), with the year when it is not this year's. */
function readableDay(day: string): string {
	const [year, month, date] = day.split("-").map(Number);
	if (!year || !month || !date) return day;
	const sameYear = year === new Date().getUTCFullYear();
	const lang = document.documentElement.lang || "en";
	return new Intl.DateTimeFormat(lang.toLowerCase().startsWith("en") ? "en-GB" : lang, {
		timeZone: "UTC",
		day: "numeric",
		month: "long",
		...(sameYear ? {} : { year: "numeric" }),
	}).format(Date.UTC(year, month - 1, date));
}
