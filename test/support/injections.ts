/**
 * A DOM scan for injected script: what a hostile article could smuggle into a page if escaping failed
 * anywhere. Shared by the hostile-input tests on built files and in Chromium.
 */

/** Attributes a browser follows or runs as a URL. */
const urlAttributes = new Set([
	"href",
	"src",
	"action",
	"formaction",
	"xlink:href",
	"data",
	"poster",
	"background",
	"ping",
	"cite",
	"srcset",
]);
/** Elements that load or run something, or retarget the page, whatever their attributes. */
const activeElements = new Set(["iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal"]);

/** A URL a browser would run or render as a document, its scheme read by the WHATWG URL parser (as the
 * browser reads it: controls and spaces around it dropped, tabs and newlines inside removed). */
function isScriptUrl(value: string, base: URL): boolean {
	let protocol: string;
	try {
		protocol = new URL(value, base).protocol;
	} catch {
		return false; // a URL a browser cannot parse is not followed
	}
	return ["javascript:", "vbscript:", "data:"].includes(protocol);
}

/**
 * Everything in `document` that could run script: a script element the site did not put there (its own
 * are JSON-LD and scripts loaded from its /assets/ or /pagefind/), an active element, an `on*` attribute,
 * a script URL. `pageUrl` resolves relative script sources (the search page uses them for file://).
 */
export function injections(document: Document, pageUrl: URL, pathPrefix: string): string[] {
	const found: string[] = [];
	for (const element of document.querySelectorAll("*")) {
		const tag = element.localName.toLowerCase();
		const where = `<${tag}> in ${pageUrl.pathname}`;
		if (tag === "script") {
			const src = element.getAttribute("src");
			const type = element.getAttribute("type") ?? "";
			// Data blocks (JSON-LD, the search page's configuration) are never run: they must stay JSON.
			if (src === null && (type === "application/ld+json" || type === "application/json")) {
				try {
					JSON.parse(element.textContent ?? "");
				} catch {
					found.push(`${where}: ${type === "application/ld+json" ? "JSON-LD" : "JSON data"} that is not JSON (broken out of?)`);
				}
			} else if (src === null) {
				found.push(`${where}: inline script ${JSON.stringify((element.textContent ?? "").slice(0, 80))}`);
			} else {
				const resolved = new URL(src, pageUrl);
				const own =
					resolved.origin === pageUrl.origin &&
					[`${pathPrefix}assets/`, `${pathPrefix}pagefind/`].some((dir) => resolved.pathname.startsWith(dir));
				if (!own || (element.textContent ?? "").trim() !== "") found.push(`${where}: script from ${src}`);
			}
		}
		if (activeElements.has(tag)) found.push(`${where}: active element`);
		if (tag === "meta" && (element.getAttribute("http-equiv") ?? "").toLowerCase() === "refresh") found.push(`${where}: meta refresh`);
		for (const { name, value } of [...element.attributes]) {
			const attribute = name.toLowerCase();
			if (attribute.startsWith("on")) found.push(`${where}: event handler ${name}=${JSON.stringify(value)}`);
			if (
				urlAttributes.has(attribute) &&
				(attribute === "srcset" ? value.split(",").map((part) => part.trim()) : [value]).some((url) => isScriptUrl(url, pageUrl))
			) {
				found.push(`${where}: script URL ${name}=${JSON.stringify(value)}`);
			}
			if (attribute === "style" && /javascript:|expression\(|url\(/i.test(value)) found.push(`${where}: style ${JSON.stringify(value)}`);
		}
	}
	return found;
}
