/**
 * Reading a pack of search files (written by src/search/packs.ts): a 4-byte big-endian header length,
 * the header (JSON `[[path, bytes], …]`), then the files' bytes in that order, the whole possibly gzipped
 * (`packContent`). No DOM or worker globals beyond streams: the service worker uses it.
 */
export interface PackedFile {
	/** Path inside Pagefind's folder, e.g. `fragment/en_1a2b3c.pf_fragment`. */
	path: string;
	bytes: Uint8Array<ArrayBuffer>;
}

/**
 * A pack's bytes as `unpack` reads them: a compressed pack (the result fragments, gzipped whole by
 * src/search/packs.ts) is recognised by the gzip signature, which a plain pack cannot start with (its
 * first byte is that of a header length under 16 MB: zero).
 */
export async function packContent(buffer: ArrayBuffer): Promise<ArrayBuffer> {
	const start = new Uint8Array(buffer, 0, Math.min(2, buffer.byteLength));
	if (start[0] !== 0x1f || start[1] !== 0x8b) return buffer;
	return new Response(new Blob([buffer]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
}

export function unpack(buffer: ArrayBuffer): PackedFile[] {
	const view = new DataView(buffer);
	const headerLength = view.getUint32(0);
	const header = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 4, headerLength))) as [string, number][];
	const files: PackedFile[] = [];
	let offset = 4 + headerLength;
	for (const [path, length] of header) {
		if (offset + length > buffer.byteLength) throw new Error(`the pack ends inside ${path}`);
		files.push({ path, bytes: new Uint8Array(buffer.slice(offset, offset + length)) });
		offset += length;
	}
	return files;
}

/** The Content-Type a Pagefind file is served with (WebAssembly must be `application/wasm`). */
export function contentTypeOf(path: string): string {
	if (path.endsWith(".pagefind")) return "application/wasm";
	if (path.endsWith(".js")) return "text/javascript";
	if (path.endsWith(".json")) return "application/json";
	return "application/octet-stream";
}
