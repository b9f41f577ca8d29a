import { endianness } from 'node:os';

const BIG_ENDIAN_HOST = endianness() === 'BE';

/** The bytes of `values` as little-endian float32 (our files' byte order on every host). */
export function toLittleEndian(values: Float32Array): Uint8Array {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  if (!BIG_ENDIAN_HOST) return bytes;
  const swapped = Buffer.from(bytes);
  swapped.swap32();
  return swapped;
}

/**
 * Float32 values from little-endian bytes, in a buffer of their own (4-byte aligned): the bytes'
 * buffer itself when they fill it alone on a little-endian host (a large file read: no copy of
 * hundreds of MB), else a copy.
 */
export function fromLittleEndian(bytes: Uint8Array): Float32Array {
  if (!BIG_ENDIAN_HOST && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.byteLength % 4 === 0 && bytes.buffer instanceof ArrayBuffer) {
    return new Float32Array(bytes.buffer);
  }
  const copy = new Uint8Array(bytes);
  if (BIG_ENDIAN_HOST) Buffer.from(copy.buffer).swap32();
  return new Float32Array(copy.buffer);
}
