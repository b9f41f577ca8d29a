/** Rows `indices` of a row-major array of `size`-long rows, copied into a new array of the same type. */
export function pickRows<T extends Float32Array | Uint8Array>(source: T, indices: readonly number[], size: number): T {
  const out = new (source.constructor as new (n: number) => T)(indices.length * size);
  indices.forEach((row, k) => out.set(source.subarray(row * size, (row + 1) * size), k * size));
  return out;
}
