import { crc32, inflateSync } from 'node:zlib';

/** A decoded 8-bit RGB PNG (the only kind the report writes), with every chunk CRC checked by node:zlib. */
export interface DecodedPng {
  width: number;
  height: number;
  rgb: Uint8Array;
}

const SIGNATURE = '89504e470d0a1a0a';

/** Reads the header of any PNG: width and height; throws when it is not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const b = Buffer.from(bytes);
  if (b.subarray(0, 8).toString('hex') !== SIGNATURE) throw new Error('not a PNG signature');
  if (b.subarray(12, 16).toString('latin1') !== 'IHDR') throw new Error('first chunk is not IHDR');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

/** Decodes a non-interlaced 8-bit RGB PNG whose scanlines all use filter 0. */
export function decodeRgbPng(bytes: Uint8Array): DecodedPng {
  const b = Buffer.from(bytes);
  const { width, height } = pngSize(b);
  const idat: Buffer[] = [];
  let off = 8;
  let ended = false;
  while (off < b.length) {
    const len = b.readUInt32BE(off);
    const type = b.subarray(off + 4, off + 8).toString('latin1');
    const body = b.subarray(off + 8, off + 8 + len);
    if (crc32(b.subarray(off + 4, off + 8 + len)) !== b.readUInt32BE(off + 8 + len)) throw new Error(`bad CRC in ${type}`);
    if (type === 'IHDR' && (body[8] !== 8 || body[9] !== 2 || body[12] !== 0)) throw new Error('not 8-bit RGB non-interlaced');
    if (type === 'IDAT') idat.push(body);
    if (type === 'IEND') ended = true;
    off += 12 + len;
  }
  if (!ended) throw new Error('no IEND');
  const raw = inflateSync(Buffer.concat(idat));
  if (raw.length !== height * (width * 3 + 1)) throw new Error(`inflated ${raw.length} bytes`);
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const line = y * (width * 3 + 1);
    if (raw[line] !== 0) throw new Error(`filter ${raw[line]} on line ${y}`);
    rgb.set(raw.subarray(line + 1, line + 1 + width * 3), y * width * 3);
  }
  return { width, height, rgb };
}
