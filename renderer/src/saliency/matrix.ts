import type { z } from 'zod';
import type { f32Matrix } from '../../../src/api/index.js';

/** A row-major [rows × cols] float32 matrix, as the views use it. */
export interface Matrix {
  rows: number;
  cols: number;
  data: Float32Array;
}

/** Decodes the contract's base64 float32 matrix (little-endian, as every platform the app runs on stores it). */
export function decodeMatrix(m: z.output<typeof f32Matrix>): Matrix {
  const binary = atob(m.data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return { rows: m.rows, cols: m.cols, data: new Float32Array(bytes.buffer, 0, m.rows * m.cols) };
}

/** Row `r` of the matrix (a view, not a copy): with the maps' [time × regions] layout, the regions at step r. */
export function row(m: Matrix, r: number): Float32Array {
  return m.data.subarray(r * m.cols, (r + 1) * m.cols);
}

/** a − b, cell by cell (the difference view of two classes); the shapes must match. */
export function difference(a: Matrix, b: Matrix): Matrix {
  if (a.rows !== b.rows || a.cols !== b.cols) throw new Error(`matrices of different shapes: ${a.rows}×${a.cols} and ${b.rows}×${b.cols}`);
  const data = new Float32Array(a.data.length);
  for (let i = 0; i < data.length; i++) data[i] = a.data[i] - b.data[i];
  return { rows: a.rows, cols: a.cols, data };
}

/** The smallest and largest finite value ([0, 0] for an empty or all-NaN matrix). */
export function extent(data: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : [0, 0];
}
