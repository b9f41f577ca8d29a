/**
 * Σ_i a[i]·b[bo + i] over n values, in Float64 with four running sums: independent
 * chains let the CPU overlap the additions, about twice as fast as one sum in V8.
 */
export function dot(a: Float64Array, b: Float64Array, bo: number, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    s0 += a[i] * b[bo + i];
    s1 += a[i + 1] * b[bo + i + 1];
    s2 += a[i + 2] * b[bo + i + 2];
    s3 += a[i + 3] * b[bo + i + 3];
  }
  for (; i < n; i++) s0 += a[i] * b[bo + i];
  return s0 + s1 + (s2 + s3);
}

/** The transpose of a row-major [rows, cols] matrix, into `out` (Float64 where V8 multiplies it). */
export function transpose<T extends Float32Array | Float64Array>(m: Float32Array, rows: number, cols: number, out: T): T {
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = m[r * cols + c];
  return out;
}
