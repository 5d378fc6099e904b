/** Small valid image files for fixtures, made here so that their width and height are known. */
import { crc32, deflateSync } from "node:zlib";

/** A PNG of `width` × `height` grey pixels (8-bit greyscale), valid enough for any decoder. */
export function pngBytes(width: number, height: number): Buffer {
	const chunk = (type: string, data: Buffer) => {
		const length = Buffer.alloc(4);
		length.writeUInt32BE(data.length);
		const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
		const crc = Buffer.alloc(4);
		crc.writeUInt32BE(crc32(body));
		return Buffer.concat([length, body, crc]);
	};
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header.writeUInt8(8, 8); // bit depth
	header.writeUInt8(0, 9); // greyscale
	// Each row: filter byte 0, then one byte per pixel.
	const rows = Buffer.alloc((width + 1) * height, 0x80);
	for (let row = 0; row < height; row++) rows[row * (width + 1)] = 0;
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk("IHDR", header),
		chunk("IDAT", deflateSync(rows)),
		chunk("IEND", Buffer.alloc(0)),
	]);
}
