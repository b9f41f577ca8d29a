import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../src/model/backend/select.js';
import { computeSaliency, INTEGRATION_RULES, type SaliencyOptions } from '../../../src/saliency/methods/index.js';
import { block, linearModel, values } from './models.js';
import { linearGradient, linearProbs, maxAbsDiff, simpson } from './reference.js';

const S = 3;
const T = 3;
const F = 2;
const C = 2;
const cells = T * F;
const W = values(C * cells, 11, -3, 3);
const b = values(C, 12);
const x = values(S * cells, 13, -1, 1);
const labels = [1, 0, 1];
const samples = block(x, S, T, F);
const sampleOf = (s: number) => x.subarray(s * cells, (s + 1) * cells);
const target = { kind: 'true', labels } as const;

beforeAll(async () => {
  await selectBackend('cpu');
});

const ig = (model: ReturnType<typeof linearModel>, options: SaliencyOptions, batchSize = 4) => computeSaliency('ig', model, samples, target, options, { batchSize });

describe('IG of a model linear in x', () => {
  const model = linearModel(W, b, cells, { softmax: false });
  /** x' recovered from IG = (x − x')·W_c, which holds exactly for a constant gradient. */
  const recoverBaseline = (maps: Float32Array) => Float64Array.from(maps, (a, k) => x[k] - a / W[labels[Math.floor(k / cells)] * cells + (k % cells)]);

  it('is (x − baseline) × W_c exactly, for every rule, with delta 0', async () => {
    const want = Float64Array.from({ length: S * cells }, (_, k) => x[k] * W[labels[Math.floor(k / cells)] * cells + (k % cells)]);
    for (const rule of INTEGRATION_RULES) {
      const { maps, delta } = await ig(model, { rule, steps: 3 });
      expect(maxAbsDiff(maps.data, want)).toBeLessThan(1e-5);
      expect(maxAbsDiff(delta!, [0, 0, 0])).toBeLessThan(1e-5);
    }
  });

  it('uses the training mean, per [time, features] or per feature, as the baseline', async () => {
    const full = values(cells, 14);
    const perFeature = [0.25, -0.5];
    const a = await ig(model, { baseline: { kind: 'mean', mean: full } });
    expect(maxAbsDiff(recoverBaseline(a.maps.data), [...full, ...full, ...full])).toBeLessThan(1e-4);
    const p = await ig(model, { baseline: { kind: 'mean', mean: perFeature } });
    expect(maxAbsDiff(recoverBaseline(p.maps.data), Array.from({ length: S * cells }, (_, k) => perFeature[k % F]))).toBeLessThan(1e-4);
    expect(p.params.baseline).toEqual({ kind: 'mean', layout: 'per-feature' });
  });

  it("draws a random baseline within each sample's range, reproducibly by seed", async () => {
    const run = (seed: number) => ig(model, { baseline: { kind: 'random', seed } });
    const first = recoverBaseline((await run(5)).maps.data);
    for (let s = 0; s < S; s++) {
      const own = sampleOf(s);
      for (const v of first.subarray(s * cells, (s + 1) * cells)) {
        expect(v).toBeGreaterThanOrEqual(Math.min(...own) - 1e-4);
        expect(v).toBeLessThanOrEqual(Math.max(...own) + 1e-4);
      }
    }
    expect(maxAbsDiff(recoverBaseline((await run(5)).maps.data), first)).toBe(0);
    expect(maxAbsDiff(recoverBaseline((await run(6)).maps.data), first)).toBeGreaterThan(0.01);
  });
});

describe('IG of a softmax model', () => {
  const model = linearModel(W, b, cells);
  /** Float64 IG from baseline x′ by Simpson's rule with many intervals, and p_c(x) − p_c(x′). */
  const reference = (s: number, base: Float64Array) => {
    const xs = sampleOf(s);
    const integral = simpson((alpha) => linearGradient(W, b, base.map((v, i) => v + alpha * (xs[i] - v)), labels[s]), 2000);
    const gap = linearProbs(W, b, xs)[labels[s]] - linearProbs(W, b, base)[labels[s]];
    return { attributions: integral.map((g, i) => g * (xs[i] - base[i])), gap };
  };
  const mean = values(cells, 15, -1, 1);

  for (const [name, base, options] of [
    ['zeros', new Float64Array(cells), {}],
    ['the training mean', mean, { baseline: { kind: 'mean', mean } }],
  ] as const) {
    it(`matches a Float64 reference from ${name} and is complete within the reported delta`, async () => {
      const { maps, delta } = await ig(model, { ...options, steps: 50 });
      for (let s = 0; s < S; s++) {
        const mine = maps.data.subarray(s * cells, (s + 1) * cells);
        const { attributions, gap } = reference(s, base);
        expect(maxAbsDiff(mine, attributions)).toBeLessThan(1e-5);
        const sum = mine.reduce((a, v) => a + v, 0);
        // The reported delta is the completeness gap, recomputed here from reference probabilities.
        expect(delta![s]).toBeCloseTo(sum - gap, 5);
        expect(Math.abs(sum - gap)).toBeLessThan(1e-5);
        expect(Math.abs(gap)).toBeGreaterThan(0.02);
      }
    });
  }

  it('has a delta that shrinks as steps increase', async () => {
    const worst = async (steps: number) => Math.max(...Array.from((await ig(model, { steps, rule: 'riemann_trapezoid' })).delta!, Math.abs));
    const [d4, d16, d64] = [await worst(4), await worst(16), await worst(64)];
    expect(d4).toBeGreaterThan(1e-3);
    expect(d16).toBeLessThan(d4 / 8);
    expect(d64).toBeLessThan(d16 / 8);
  });

  it('converges faster with Gauss–Legendre than with a Riemann rule', async () => {
    const worst = async (rule: SaliencyOptions['rule']) => Math.max(...Array.from((await ig(model, { steps: 8, rule })).delta!, Math.abs));
    const gauss = await worst('gausslegendre');
    expect(gauss).toBeLessThan(1e-4);
    for (const rule of ['riemann_trapezoid', 'riemann_middle', 'riemann_left'] as const) expect(await worst(rule)).toBeGreaterThan(50 * gauss);
  });

  it('records every parameter it used', async () => {
    const { params } = await ig(model, { steps: 7, rule: 'riemann_middle', sigma: 3 }, 2);
    expect(params).toEqual({ method: 'ig', steps: 7, rule: 'riemann_middle', baseline: { kind: 'zeros' }, target: 'true', batchSize: 2, tsr: false });
  });
});
