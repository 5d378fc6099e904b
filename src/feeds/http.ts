/**
 * Asking an outlet for its feed politely: a conditional GET (the `ETag` and `Last-Modified` it sent last
 * time), a `User-Agent` that names the digest, compressed transfer (Node's fetch asks for gzip and
 * decompresses), a time limit per feed and a size limit.
 */

/** Why a feed could not be read, in a few words for the report. */
export class FeedFailure extends Error {
	override name = "FeedFailure";
}

export interface Validators {
	etag?: string;
	lastModified?: string;
}

export type FeedAnswer =
	| { kind: "not-modified" }
	| { kind: "feed"; text: string; contentType: string; url: string; validators: Validators };

export interface HttpOptions {
	timeoutMs: number;
	maxBytes: number;
	userAgent: string;
}

export const feedUserAgent = "topic-digest-fetch/1 (a news digest that follows this feed; polls at most hourly)";

export async function getFeed(url: string, previous: Validators, options: HttpOptions): Promise<FeedAnswer> {
	const headers: Record<string, string> = {
		"user-agent": options.userAgent,
		accept:
			"application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5",
	};
	if (previous.etag) headers["if-none-match"] = previous.etag;
	if (previous.lastModified) headers["if-modified-since"] = previous.lastModified;
	const signal = AbortSignal.timeout(options.timeoutMs);
	let response: Response;
	try {
		response = await fetch(url, { redirect: "follow", signal, headers });
	} catch (error) {
		throw new FeedFailure(networkReason(error, options.timeoutMs));
	}
	if (response.status === 304) {
		await response.body?.cancel();
		return { kind: "not-modified" };
	}
	if (!response.ok) {
		await response.body?.cancel();
		throw new FeedFailure(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`);
	}
	let text: string;
	try {
		text = await readLimited(response, options.maxBytes);
	} catch (error) {
		if (error instanceof FeedFailure) throw error;
		throw new FeedFailure(networkReason(error, options.timeoutMs));
	}
	return {
		kind: "feed",
		text,
		contentType: response.headers.get("content-type") ?? "",
		url: response.url || url,
		validators: {
			etag: response.headers.get("etag") ?? undefined,
			lastModified: response.headers.get("last-modified") ?? undefined,
		},
	};
}

/** A page for `--full`: the same manners, any successful HTML answer. */
export async function getPage(url: string, options: HttpOptions): Promise<{ html: string; url: string }> {
	let response: Response;
	try {
		response = await fetch(url, {
			redirect: "follow",
			signal: AbortSignal.timeout(options.timeoutMs),
			headers: { "user-agent": options.userAgent, accept: "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5" },
		});
	} catch (error) {
		throw new FeedFailure(networkReason(error, options.timeoutMs));
	}
	if (!response.ok) {
		await response.body?.cancel();
		throw new FeedFailure(`HTTP ${response.status}`);
	}
	try {
		return { html: await readLimited(response, options.maxBytes), url: response.url || url };
	} catch (error) {
		if (error instanceof FeedFailure) throw error;
		throw new FeedFailure(networkReason(error, options.timeoutMs));
	}
}

/** The body as text, refused past `maxBytes` without reading the rest. */
async function readLimited(response: Response, maxBytes: number): Promise<string> {
	const declared = Number(response.headers.get("content-length") ?? 0);
	if (declared > maxBytes) {
		await response.body?.cancel();
		throw new FeedFailure(`${declared} bytes, over the ${maxBytes}-byte limit`);
	}
	const chunks: Uint8Array[] = [];
	let size = 0;
	for await (const chunk of response.body ?? []) {
		size += chunk.byteLength;
		if (size > maxBytes) throw new FeedFailure(`over the ${maxBytes}-byte limit`);
		chunks.push(chunk);
	}
	const bytes = Buffer.concat(chunks);
	return new TextDecoder(charsetOf(response.headers.get("content-type"), bytes)).decode(bytes);
}

/**
 * The charset the server declares, else the one the XML declaration names (Russian and Ukrainian outlets
 * still serve windows-1251), when the decoder knows it; else UTF-8, the default of XML and JSON.
 */
function charsetOf(contentType: string | null, bytes: Buffer): string {
	const declared = /charset=["']?([\w.:-]+)/i.exec(contentType ?? "")?.[1];
	const xmlDeclared = /^\s*<\?xml[^>]*\bencoding=["']([\w.:-]+)["']/.exec(bytes.subarray(0, 200).toString("latin1"))?.[1];
	const charset = (declared ?? xmlDeclared ?? "utf-8").toLowerCase();
	try {
		new TextDecoder(charset);
		return charset;
	} catch {
		return "utf-8";
	}
}

function networkReason(error: unknown, timeoutMs: number): string {
	const named = error as { name?: string; cause?: { code?: string; message?: string }; message?: string };
	if (named.name === "TimeoutError" || named.cause?.code === "UND_ERR_HEADERS_TIMEOUT")
		return `no answer within ${timeoutMs / 1000} s (timed out)`;
	const code = named.cause?.code;
	if (code && code in networkCodes) return `${networkCodes[code]} (${code})`;
	return code ?? named.cause?.message ?? named.message ?? String(error);
}

const networkCodes: Record<string, string> = {
	ENOTFOUND: "no such host",
	EAI_AGAIN: "the host name could not be looked up",
	ECONNREFUSED: "connection refused",
	ECONNRESET: "the connection was reset",
	CERT_HAS_EXPIRED: "the server's certificate has expired",
	UND_ERR_SOCKET: "the connection closed before the answer was complete",
};
