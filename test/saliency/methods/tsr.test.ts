import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../src/model/backend/select.js';
import { makeBaseline } from '../../../src/saliency/methods/baselines.js';
import { computeSaliency } from '../../../src/saliency/methods/index.js';
import type { BaseMethod } from '../../../src/saliency/methods/method.js';
import { temporalSaliencyRescaling } from '../../../src/saliency/methods/tsr.js';
import { block, linearModel, stepModel, values } from './models.js';
import { linearGradient, maxAbsDiff, stepGradient } from './reference.js';

beforeAll(async () => {
  await selectBackend('cpu');
});

/** A base "method" whose map is the input itself: masking a cell changes the map by |x| there. */
const identityBase: BaseMethod = { rowCount: (s) => s, run: async ({ block }) => ({ maps: Float32Array.from(block.data) }) };
const unusedModel = () => {
  throw new Error('the identity base never calls the model');
};

describe('TSR on a map with known relevance', () => {
  const T = 5;
  const F = 3;
  // Masking step t to 0 changes the identity map by Δ_t = Σ_i |x[t,i]|.
  const x = [
    [1, 0, 0, 0, 1, 0, 3, 2, 1, 0, 0, 2, 1, 1, 0], // Δ = 1, 1, 6, 2, 2
    [0, 0, 1, 5, 0, 0, 0, 0, 0, 1, 1, 1, 0, 2, 0], // Δ = 1, 5, 0, 3, 2
  ].flat();
  const samples = block(x, 2, T, F);
  const tsr = (alpha: number, featurePass: boolean, batchSize: number, onProgress?: (done: number, total: number) => void) =>
    temporalSaliencyRescaling(identityBase, unusedModel, samples, new Int32Array(2), { alpha, featurePass, mask: makeBaseline({ kind: 'zeros' }, samples, 'mask') }, { batchSize, onProgress });

  it('gives the relevant step time score 1 and per-feature scores, the steps below the threshold 0.1', async () => {
    // Sample 0: scaled Δ = 0, 0, 1, 0.2, 0.2; the 0.55-quantile is 0.2, so only step 2 is above;
    // its features change the map by 3, 2, 1, scaled to 1, 0.5, 0; steps 3 and 4 get 0.2 × 0.1.
    // Sample 1: scaled Δ = 0.2, 1, 0, 0.6, 0.4; the quantile is 0.44: steps 1 and 3 are above;
    // step 1's features score 5, 0, 0 → 1, 0, 0; step 3's are all equal, which min–max scales to 0.
    const want = [
      [0, 0, 0, 0, 0, 0, 1, 0.5, 0, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02],
      [0.02, 0.02, 0.02, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0.04, 0.04, 0.04],
    ].flat();
    const progress: [number, number][] = [];
    const maps = await tsr(0.55, true, 4, (done, total) => progress.push([done, total]));
    expect(maxAbsDiff(maps, want)).toBeLessThan(1e-6);
    // 2 × (T + 1) time-pass maps, then F maps for each of the 3 steps above a threshold.
    expect(progress.at(-1)).toEqual([21, 21]);
    expect(progress.every(([done], i) => i === 0 || done >= progress[i - 1][0])).toBe(true);
    // Once the time pass has fixed which steps are above the threshold, the total is exact.
    expect(progress.filter(([done]) => done > 12).every(([, total]) => total === 21)).toBe(true);
  });

  it('lets a lower α send more steps through the feature pass', async () => {
    // Sample 0 with α = 0.3: the quantile is 0.04, so steps 2, 3 and 4 are above it.
    const maps = await tsr(0.3, true, 1);
    expect(maxAbsDiff(maps.subarray(0, T * F), [0, 0, 0, 0, 0, 0, 1, 0.5, 0, 0, 0, 0.2, 0.2, 0.2, 0])).toBeLessThan(1e-6);
  });

  it('skips the feature pass in fast mode: feature score 1 above the threshold', async () => {
    const progress: number[] = [];
    const maps = await tsr(0.55, false, 3, (_, total) => progress.push(total));
    expect(maxAbsDiff(maps.subarray(0, T * F), [0, 0, 0, 0, 0, 0, 1, 1, 1, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02])).toBeLessThan(1e-6);
    expect(new Set(progress)).toEqual(new Set([12]));
  });

  it('does not depend on the internal batch size', async () => {
    expect(Array.from(await tsr(0.55, true, 1))).toEqual(Array.from(await tsr(0.55, true, 7)));
  });
});

describe('TSR over grad of real models', () => {
  it('finds the one step a model reads and ranks its features', async () => {
    const [T, F, C, k] = [4, 3, 2, 2];
    const V = values(C * F, 31, -2, 2);
    const U = values(C * F, 32, -1, 1);
    const x = values(T * F, 33, -1.5, 1.5);
    const model = stepModel(V, U, C, F, k);
    const { maps, params } = await computeSaliency('grad', model, block(x, 1, T, F), { kind: 'true', labels: [1] }, { tsr: true }, { batchSize: 4 });
    // Feature relevance of cell (k, i): how much the |gradient| map moves when x[k,i] is zeroed.
    const R = stepGradient(V, U, x, F, k, 1).map(Math.abs);
    const relevance = Array.from({ length: F }, (_, i) => {
      const masked = Float64Array.from(x);
      masked[k * F + i] = 0;
      return stepGradient(V, U, masked, F, k, 1).reduce((a, g, j) => a + Math.abs(Math.abs(g) - R[j]), 0);
    });
    const [lo, hi] = [Math.min(...relevance), Math.max(...relevance)];
    const want = Array.from({ length: T * F }, (_, i) => (Math.floor(i / F) === k ? (relevance[i % F] - lo) / (hi - lo) : 0));
    expect(maxAbsDiff(maps.data, want)).toBeLessThan(1e-4);
    expect(Math.max(...maps.data)).toBeCloseTo(1, 6);
    expect(params.tsr).toEqual({ alpha: 0.55, featurePass: true, mask: { kind: 'zeros' } });
  });

  it('matches a naive Float64 TSR on a linear softmax model, whole map', async () => {
    const [T, F, C, S] = [4, 3, 3, 2];
    const cells = T * F;
    const W = values(C * cells, 41, -2, 2);
    const b = values(C, 42);
    const x = values(S * cells, 43, -1.5, 1.5);
    const labels = [2, 0];
    const { maps } = await computeSaliency('grad', linearModel(W, b, cells), block(x, S, T, F), { kind: 'true', labels }, { tsr: { alpha: 0.5 } }, { batchSize: 5 });
    for (let s = 0; s < S; s++) {
      const want = naiveTsr((xs) => linearGradient(W, b, xs, labels[s]).map(Math.abs), x.subarray(s * cells, (s + 1) * cells), T, F, 0.5);
      expect(maxAbsDiff(maps.data.subarray(s * cells, (s + 1) * cells), want)).toBeLessThan(1e-4);
      expect(want.some((v) => v > 0 && v < 0.1)).toBe(true);
    }
  });
});

/** TSR written out directly from the paper's Algorithm 1 with the reference code's quantile and 0.1. */
function naiveTsr(map: (x: Float64Array) => Float64Array, x: Float64Array, T: number, F: number, alpha: number): Float64Array {
  const R = map(x);
  const change = (cellsToZero: number[]) => {
    const masked = Float64Array.from(x);
    for (const i of cellsToZero) masked[i] = 0;
    return map(masked).reduce((a, v, i) => a + Math.abs(v - R[i]), 0);
  };
  const scale = (v: number[]) => {
    const lo = Math.min(...v);
    const hi = Math.max(...v);
    return v.map((e) => (hi > lo ? (e - lo) / (hi - lo) : 0));
  };
  const time = scale(Array.from({ length: T }, (_, t) => change(Array.from({ length: F }, (_, i) => t * F + i))));
  const sorted = [...time].sort((a, b) => a - b);
  const h = (T - 1) * alpha;
  const threshold = sorted[Math.floor(h)] + (h - Math.floor(h)) * ((sorted[Math.floor(h) + 1] ?? sorted[Math.floor(h)]) - sorted[Math.floor(h)]);
  const out = new Float64Array(T * F);
  for (let t = 0; t < T; t++) {
    const feature = time[t] > threshold ? scale(Array.from({ length: F }, (_, i) => change([t * F + i]))) : new Array(F).fill(0.1);
    for (let i = 0; i < F; i++) out[t * F + i] = time[t] * feature[i];
  }
  return out;
}
