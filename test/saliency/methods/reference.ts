/** Float64 reference formulas, written independently of src/saliency/methods. */

export function softmax(z: number[]): number[] {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

/** Probabilities of the linear softmax model for one sample x (cells values). */
export function linearProbs(W: Float64Array, b: Float64Array, x: ArrayLike<number>): number[] {
  const cells = x.length;
  return softmax(Array.from(b, (bc, c) => bc + dot(W.subarray(c * cells, (c + 1) * cells), x)));
}

/** ∂p_c/∂x = Σ_c' p_c (δ_cc' − p_c') W_c' for the linear softmax model. */
export function linearGradient(W: Float64Array, b: Float64Array, x: ArrayLike<number>, c: number): Float64Array {
  const cells = x.length;
  const p = linearProbs(W, b, x);
  const g = new Float64Array(cells);
  p.forEach((pk, k) => {
    const coef = p[c] * ((k === c ? 1 : 0) - pk);
    for (let i = 0; i < cells; i++) g[i] += coef * W[k * cells + i];
  });
  return g;
}

/** Probabilities of the step-k model. */
export function stepProbs(V: Float64Array, U: Float64Array, x: ArrayLike<number>, features: number, k: number): number[] {
  const classes = V.length / features;
  const z = Array.from({ length: classes }, (_, c) => {
    let sum = 0;
    for (let i = 0; i < features; i++) {
      const v = x[k * features + i];
      sum += V[c * features + i] * v + U[c * features + i] * v * v;
    }
    return sum;
  });
  return softmax(z);
}

/** ∂p_c/∂x of the step-k model (zero outside step k). */
export function stepGradient(V: Float64Array, U: Float64Array, x: ArrayLike<number>, features: number, k: number, c: number): Float64Array {
  const p = stepProbs(V, U, x, features, k);
  const g = new Float64Array(x.length);
  p.forEach((pj, j) => {
    const coef = p[c] * ((j === c ? 1 : 0) - pj);
    for (let i = 0; i < features; i++) g[k * features + i] += coef * (V[j * features + i] + 2 * U[j * features + i] * x[k * features + i]);
  });
  return g;
}

/** ∫₀¹ g(α) dα by composite Simpson with `n` (even) intervals, for reference IG. */
export function simpson(g: (alpha: number) => Float64Array, n: number): Float64Array {
  const out = g(0).map(() => 0);
  for (let k = 0; k <= n; k++) {
    const w = (k === 0 || k === n ? 1 : k % 2 ? 4 : 2) / (3 * n);
    g(k / n).forEach((v, i) => (out[i] += w * v));
  }
  return out;
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Largest |a_i − b_i|. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}
