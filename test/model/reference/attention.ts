/**
 * Float64 reference of input-cell attention the direct O(T²) way, as the official code does:
 * at every step t the softmax over j ≤ t is computed afresh from the scores of steps 0..t.
 */
import type { AttentionVariant } from '../../../src/model/types.js';
import { vecMat } from './cells.js';

export interface AttentionWeights {
  /** [N, d_a] row-major (x·W1). */
  w1: Float64Array;
  b1: Float64Array;
  /** [d_a, r] row-major. */
  w2: Float64Array;
  b2: Float64Array;
}

/** Softmax of a vector (shifted by its maximum, which does not change the result). */
export function softmax(v: readonly number[]): number[] {
  const top = Math.max(...v);
  const e = v.map((s) => Math.exp(s - top));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((p) => p / sum);
}

/** Scores of one step for every hop: e = W2·tanh(W1·x + b1) + b2. */
export function referenceScores(x: readonly number[], w: AttentionWeights): number[] {
  const hops = w.b2.length;
  const a = vecMat(x, w.w1, w.b1.length).map((v, i) => Math.tanh(v + w.b1[i]));
  return vecMat(a, w.w2, hops).map((v, k) => v + w.b2[k]);
}

/** What the cell takes at each step: M_t averaged over hops (`mean`) or flattened hop by hop (`matrix`). */
export function referenceAttention(xs: readonly number[][], w: AttentionWeights, variant: AttentionVariant): number[][] {
  const hops = w.b2.length;
  const N = xs[0].length;
  const e = xs.map((x) => referenceScores(x, w)); // [T][r]
  return xs.map((_, t) => {
    const m: number[][] = [];
    for (let k = 0; k < hops; k++) {
      const a = softmax(e.slice(0, t + 1).map((row) => row[k]));
      m.push([...Array(N).keys()].map((n) => a.reduce((acc, aj, j) => acc + aj * xs[j][n], 0)));
    }
    if (variant === 'matrix') return m.flat();
    return [...Array(N).keys()].map((n) => m.reduce((acc, row) => acc + row[n], 0) / hops);
  });
}
