import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../src/model/backend/select.js';
import { computeSaliency } from '../../../src/saliency/methods/index.js';
import { block, linearModel, values } from './models.js';
import { linearGradient, linearProbs, maxAbsDiff } from './reference.js';

const S = 5;
const T = 4;
const F = 3;
const C = 3;
const cells = T * F;
const W = values(C * cells, 1, -2, 2);
const b = values(C, 2);
const x = values(S * cells, 3, -1.5, 1.5);
const labels = [0, 2, 1, 1, 0];
const samples = block(x, S, T, F);
const sampleOf = (s: number) => x.subarray(s * cells, (s + 1) * cells);

beforeAll(async () => {
  await selectBackend('cpu');
});

/** The reference map of every sample, from a per-sample Float64 formula. */
function expected(cell: (g: Float64Array, s: number, i: number) => number, target: (s: number) => number): Float64Array {
  const out = new Float64Array(S * cells);
  for (let s = 0; s < S; s++) linearGradient(W, b, sampleOf(s), target(s)).forEach((g, i, all) => (out[s * cells + i] = cell(all, s, i)));
  return out;
}

describe('gradient saliency of a linear softmax model', () => {
  const model = linearModel(W, b, cells);

  it('grad is |∂p_c/∂x| = |p_c (W_c − Σ p_c′ W_c′)| for the true class', async () => {
    const { maps, targets } = await computeSaliency('grad', model, samples, { kind: 'true', labels }, {}, { batchSize: 2 });
    expect(Array.from(targets)).toEqual(labels);
    expect(maxAbsDiff(maps.data, expected((g, _, i) => Math.abs(g[i]), (s) => labels[s]))).toBeLessThan(1e-6);
    expect(maps.data.every((v) => v >= 0)).toBe(true);
  });

  it('grad for the predicted class explains the most probable class', async () => {
    const predicted = Array.from({ length: S }, (_, s) => {
      const p = linearProbs(W, b, sampleOf(s));
      return p.indexOf(Math.max(...p));
    });
    expect(new Set(predicted).size).toBeGreaterThan(1);
    const { maps, targets } = await computeSaliency('grad', model, samples, { kind: 'predicted' }, {}, { batchSize: 3 });
    expect(Array.from(targets)).toEqual(predicted);
    expect(maxAbsDiff(maps.data, expected((g, _, i) => Math.abs(g[i]), (s) => predicted[s]))).toBeLessThan(1e-6);
  });

  it('gradxinput is the signed gradient times the input', async () => {
    const { maps } = await computeSaliency('gradxinput', model, samples, { kind: 'true', labels }, {}, { batchSize: 4 });
    const want = expected((g, s, i) => g[i] * x[s * cells + i], (s) => labels[s]);
    expect(maxAbsDiff(maps.data, want)).toBeLessThan(1e-6);
    expect(maps.data.some((v) => v < 0)).toBe(true);
  });

  it('gives identical maps whatever the internal batch size', async () => {
    for (const method of ['grad', 'gradxinput', 'smoothgrad'] as const) {
      const run = (batchSize: number) => computeSaliency(method, model, samples, { kind: 'true', labels }, { noiseSamples: 4 }, { batchSize });
      expect(Array.from((await run(1)).maps.data)).toEqual(Array.from((await run(7)).maps.data));
    }
  });
});

describe('SmoothGrad', () => {
  it('equals grad as the noise level goes to zero', async () => {
    const model = linearModel(W, b, cells);
    const { maps } = await computeSaliency('smoothgrad', model, samples, { kind: 'true', labels }, { sigma: 1e-7, noiseSamples: 3 }, { batchSize: 4 });
    expect(maxAbsDiff(maps.data, expected((g, _, i) => Math.abs(g[i]), (s) => labels[s]))).toBeLessThan(1e-6);
  });

  it('is |W_c| for a model linear in x, whatever the noise', async () => {
    const model = linearModel(W, b, cells, { softmax: false });
    const { maps } = await computeSaliency('smoothgrad', model, samples, { kind: 'true', labels }, { sigma: 0.5, noiseSamples: 5 }, { batchSize: 4 });
    const want = Float64Array.from({ length: S * cells }, (_, k) => Math.abs(W[labels[Math.floor(k / cells)] * cells + (k % cells)]));
    expect(maxAbsDiff(maps.data, want)).toBeLessThan(1e-6);
  });

  it('averages |gradient| over noisy copies: differs from grad, reproducible by seed', async () => {
    const model = linearModel(W, b, cells);
    const run = (seed: number) => computeSaliency('smoothgrad', model, samples, { kind: 'true', labels }, { sigma: 0.3, noiseSamples: 8, seed }, { batchSize: 5 });
    const a = await run(1);
    expect(Array.from((await run(1)).maps.data)).toEqual(Array.from(a.maps.data));
    expect(maxAbsDiff((await run(2)).maps.data, a.maps.data)).toBeGreaterThan(1e-4);
    expect(maxAbsDiff(a.maps.data, expected((g, _, i) => Math.abs(g[i]), (s) => labels[s]))).toBeGreaterThan(1e-4);
    expect(a.params).toMatchObject({ method: 'smoothgrad', noiseSamples: 8, sigma: 0.3, seed: 1, target: 'true', tsr: false });
  });
});

describe('tensor hygiene', () => {
  it('leaves no tensors behind', async () => {
    const model = linearModel(W, b, cells);
    const before = tf.memory().numTensors;
    for (const method of ['grad', 'gradxinput', 'smoothgrad', 'ig', 'occlusion-time', 'occlusion-feature'] as const) {
      await computeSaliency(method, model, samples, { kind: 'predicted' }, { steps: 3, noiseSamples: 2, tsr: method === 'ig' }, { batchSize: 3 });
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
