/**
 * The search page's offline control (markup in layouts/components/SearchView.tsx): it offers to make
 * search available offline with the real download size, shows progress and then the copy's state
 * ("Available offline · updated 18 February") with a way to remove it. A small search data is saved
 * without asking once the page has been used, unless the reader has Save-Data on or removed a copy
 * before. Online, a copy older than the deployed index is brought up to date (only the changed packs).
 * The work is the service worker's (src/browser/service-worker.ts); this only asks and shows.
 */
import { manifestPath, type OfflineCopy, type OfflineManifest, type WorkerAnswer, type WorkerRequest } from "./offline-protocol.ts";

/** Set when the reader removed the copy: a small index is then not saved again by itself. */
const declinedKey = "topic-digest-offline-declined";

/** `navigator.connection` is not in TypeScript's DOM library (it is not in every browser). */
interface NetworkInformationLike {
	saveData?: boolean;
}

export interface OfflineControlOptions {
	/** Absolute URL of the site's Pagefind folder (ends in `/`). */
	bundle: string;
}

/** What the control shows; also written to the control's `data-offline-state` (tests wait on it). */
type Shown = "offered" | "saving" | "updating" | "saved" | "failed";

export function startOfflineControl(box: HTMLElement, { bundle }: OfflineControlOptions): void {
	if (location.protocol === "file:" || !("serviceWorker" in navigator)) return;
	const status = box.querySelector<HTMLElement>("[data-offline-status]");
	const progress = box.querySelector("progress");
	const save = box.querySelector<HTMLButtonElement>("[data-offline-save]");
	const remove = box.querySelector<HTMLButtonElement>("[data-offline-remove]");
	if (!status || !progress || !save || !remove) return;
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
		if (manifest) save.textContent = `Make search available offline (${size(manifest.bytes)})`;
	};
	const showCopy = (copy: OfflineCopy | null) => {
		if (copy) show("saved", `Available offline${copy.updated ? ` · updated ${readableDay(copy.updated)}` : ""}`);
		else if (manifest) show("offered", "");
		else box.hidden = true;
	};

	/** Sends `request` to the worker; resolves with its answer, reporting progress on the way. */
	const ask = (request: WorkerRequest, onProgress?: (done: number, total: number) => void) =>
		new Promise<WorkerAnswer>((resolve) => {
			const channel = new MessageChannel();
			channel.port1.onmessage = (event: MessageEvent<WorkerAnswer>) => {
				if (event.data.type === "progress") onProgress?.(event.data.done, event.data.total);
				else resolve(event.data);
			};
			worker?.postMessage(request, [channel.port2]);
		});

	const saveCopy = async (updating: boolean) => {
		const verb = updating ? "Updating the offline copy" : "Saving search for offline use";
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
				status.textContent = `${verb}: ${size(done)} of ${size(total)}`;
			}
		});
		if (answer.type === "copy") showCopy(answer.copy);
		else if (answer.type === "failed") show("failed", `Search could not be saved for offline use (${answer.message}).`);
	};

	save.addEventListener("click", () => {
		localStorage.removeItem(declinedKey);
		void saveCopy(false);
	});
	remove.addEventListener("click", async () => {
		localStorage.setItem(declinedKey, "true");
		const answer = await ask({ type: "offline-remove" });
		if (answer.type === "copy") showCopy(answer.copy);
		save.focus();
	});

	void (async () => {
		// The header script registers the worker; a page without one (the dev server) never gets here.
		const registration = await navigator.serviceWorker.ready;
		worker = registration.active;
		if (!worker) return;
		// Revalidated, never an old list: it names the packs of the deployed index.
		manifest = await fetch(manifestUrl, { cache: "no-cache" })
			.then((response) => (response.ok ? (response.json() as Promise<OfflineManifest>) : null))
			.catch(() => null);
		const state = await ask({ type: "offline-state" });
		const copy = state.type === "copy" ? state.copy : null;
		if (copy && manifest && copy.version !== manifest.version) await saveCopy(true);
		else if (!copy && manifest?.automatic && !saveData && localStorage.getItem(declinedKey) === null) await saveCopy(false);
		else showCopy(copy);
	})();
}

/** Bytes as a reader reads a download size: `640 kB`, `6.6 MB`. */
function size(bytes: number): string {
	return bytes < 1_000_000 ? `${Math.round(bytes / 1000)} kB` : `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** `2025-02-18` as `18 February`, with the year when it is not this year's. */
function readableDay(day: string): string {
	const [year, month, date] = day.split("-").map(Number);
	if (!year || !month || !date) return day;
	const sameYear = year === new Date().getUTCFullYear();
	return new Intl.DateTimeFormat("en-GB", {
		timeZone: "UTC",
		day: "numeric",
		month: "long",
		...(sameYear ? {} : { year: "numeric" }),
	}).format(Date.UTC(year, month - 1, date));
}
