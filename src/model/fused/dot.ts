/**
 * Σ_i a[i]·b[bo + i] over a.length values, in Float64 with four running sums: independent
 * chains let the CPU overlap the additions, about twice as fast as one sum in V8.
 */
export function dot(a: Float64Array, b: Float64Array, bo: number): number {
  const n = a.length;
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

/** The transpose of a row-major [rows, cols] matrix, widened to Float64 (V8 multiplies those faster). */
export function transpose64(m: Float32Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(m.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = m[r * cols + c];
  return out;
}
