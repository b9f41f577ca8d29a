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

/** Float32 values from little-endian bytes, copied into their own (4-byte aligned) buffer. */
export function fromLittleEndian(bytes: Uint8Array): Float32Array {
  const copy = new Uint8Array(bytes);
  if (BIG_ENDIAN_HOST) Buffer.from(copy.buffer).swap32();
  return new Float32Array(copy.buffer);
}
