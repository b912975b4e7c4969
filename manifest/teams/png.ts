import { crc32, deflateSync } from 'node:zlib';

/** An RGBA image, row by row. */
export type Image = { width: number; height: number; pixels: Uint8Array };

/** A minimal PNG encoder (8-bit RGBA, no filtering), with Node's zlib only. */
export function encodePng(image: Image): Buffer {
  const { width, height, pixels } = image;
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0;
    Buffer.from(pixels.buffer, pixels.byteOffset + y * width * 4, width * 4).copy(
      raw,
      y * (width * 4 + 1) + 1,
    );
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Width and height from a PNG's IHDR chunk (what Teams checks), or null if it is no PNG. */
export function pngSize(png: Buffer): { width: number; height: number } | null {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (png.length < 24 || !png.subarray(0, 8).equals(signature) || png.toString('ascii', 12, 16) !== 'IHDR')
    return null;
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Reads back an RGBA PNG written by `encodePng` (for tests: colours of the outline icon). */
export function decodePng(png: Buffer, inflate: (data: Buffer) => Buffer): Image {
  const size = pngSize(png);
  if (!size) throw new Error('not a PNG');
  const parts: Buffer[] = [];
  for (let offset = 8; offset < png.length; ) {
    const length = png.readUInt32BE(offset);
    if (png.toString('ascii', offset + 4, offset + 8) === 'IDAT')
      parts.push(png.subarray(offset + 8, offset + 8 + length));
    offset += length + 12;
  }
  const raw = inflate(Buffer.concat(parts));
  const pixels = new Uint8Array(size.width * size.height * 4);
  for (let y = 0; y < size.height; y++) {
    const row = raw.subarray(y * (size.width * 4 + 1), (y + 1) * (size.width * 4 + 1));
    if (row[0] !== 0) throw new Error('filtered rows are not supported');
    pixels.set(row.subarray(1), y * size.width * 4);
  }
  return { ...size, pixels };
}
