import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../src/model/backend/select.js';
import { computeSaliency } from '../../../src/saliency/methods/index.js';
import { block, featureModel, stepModel, values } from './models.js';
import { maxAbsDiff, softmax, stepProbs } from './reference.js';

const S = 2;
const T = 5;
const F = 3;
const C = 2;
const cells = T * F;
const x = values(S * cells, 21, -2, 2);
const samples = block(x, S, T, F);
const labels = [0, 1];
const sampleOf = (s: number) => x.subarray(s * cells, (s + 1) * cells);

beforeAll(async () => {
  await selectBackend('cpu');
});

describe('occlusion of whole time steps', () => {
  const k = 3;
  const V = values(C * F, 22, -2, 2);
  const U = values(C * F, 23, -1, 1);
  const model = stepModel(V, U, C, F, k);

  it('is nonzero only at the step the model reads, and there p_c(x) − p_c(x with the step zeroed)', async () => {
    const { maps } = await computeSaliency('occlusion-time', model, samples, { kind: 'true', labels }, {}, { batchSize: 4 });
    for (let s = 0; s < S; s++) {
      const occluded = Float64Array.from(sampleOf(s));
      occluded.fill(0, k * F, (k + 1) * F);
      const drop = stepProbs(V, U, sampleOf(s), F, k)[labels[s]] - stepProbs(V, U, occluded, F, k)[labels[s]];
      expect(Math.abs(drop)).toBeGreaterThan(0.01);
      const want = Array.from({ length: cells }, (_, i) => (Math.floor(i / F) === k ? drop : 0));
      expect(maxAbsDiff(maps.data.subarray(s * cells, (s + 1) * cells), want)).toBeLessThan(1e-6);
    }
  });

  it('fills the occluded step with the baseline when one is given', async () => {
    const mean = [0.5, -1, 2];
    const { maps, params } = await computeSaliency('occlusion-time', model, samples, { kind: 'true', labels }, { baseline: { kind: 'mean', mean } }, { batchSize: 3 });
    const occluded = Float64Array.from(sampleOf(0));
    occluded.set(mean, k * F);
    const drop = stepProbs(V, U, sampleOf(0), F, k)[0] - stepProbs(V, U, occluded, F, k)[0];
    expect(maps.data[k * F + 1]).toBeCloseTo(drop, 6);
    expect(params).toMatchObject({ method: 'occlusion-time', baseline: { kind: 'mean', layout: 'per-feature' } });
  });
});

describe('occlusion of whole features', () => {
  const j = 1;
  const V = values(C * T, 24, -2, 2);
  const model = featureModel(V, C, T, F, j);
  const probs = (xs: ArrayLike<number>) => softmax(Array.from({ length: C }, (_, c) => Array.from({ length: T }, (_, t) => V[c * T + t] * xs[t * F + j]).reduce((a, v) => a + v, 0)));

  it('is nonzero only on the feature the model reads, and there p_c(x) − p_c(x with the feature zeroed)', async () => {
    const { maps } = await computeSaliency('occlusion-feature', model, samples, { kind: 'true', labels }, {}, { batchSize: 5 });
    for (let s = 0; s < S; s++) {
      const occluded = Float64Array.from(sampleOf(s));
      for (let t = 0; t < T; t++) occluded[t * F + j] = 0;
      const drop = probs(sampleOf(s))[labels[s]] - probs(occluded)[labels[s]];
      expect(Math.abs(drop)).toBeGreaterThan(0.01);
      const want = Array.from({ length: cells }, (_, i) => (i % F === j ? drop : 0));
      expect(maxAbsDiff(maps.data.subarray(s * cells, (s + 1) * cells), want)).toBeLessThan(1e-6);
    }
  });
});
