import { describe, expect, it } from 'vitest';
import { importanceBars, temporalOption } from '../../renderer/src/components/saliency/chart-options.js';
import { computeRequestOf, initialComputeForm } from '../../renderer/src/components/saliency/compute-form.js';
import { computeRequest } from '../../src/api/index.js';
import { columnMeans, regionOrder } from '../../renderer/src/saliency/order.js';
import { maxAbs, rowMeans, topRegions } from '../../renderer/src/saliency/top-regions.js';

/** A seeded generator (mulberry32), so the comparison with the naive sort is repeatable. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The reference: sort everything, stable by index. */
const naiveTop = (values: number[], k: number, byMagnitude: boolean) => values
  .map((value, region) => ({ region, value }))
  .sort((a, b) => (byMagnitude ? Math.abs(b.value) - Math.abs(a.value) : b.value - a.value) || a.region - b.region)
  .slice(0, k);

describe('top regions', () => {
  it('agrees with a full sort, ties by index, for values and for magnitudes', () => {
    const next = random(7);
    for (let trial = 0; trial < 50; trial++) {
      // Rounded to a few levels so ties are common.
      const values = Array.from({ length: 1 + Math.floor(next() * 120) }, () => Math.round((next() - 0.5) * 8) / 4);
      for (const k of [1, 3, 10]) {
        expect(topRegions(Float32Array.from(values), k)).toEqual(naiveTop(values, k, false));
        expect(topRegions(Float32Array.from(values), k, true)).toEqual(naiveTop(values, k, true));
      }
    }
  });

  it('skips NaN and answers fewer than k for few regions', () => {
    expect(topRegions([0.2, NaN, 0.5], 10)).toEqual([{ region: 2, value: 0.5 }, { region: 0, value: 0.2 }]);
  });

  it('measures the largest magnitude and row means', () => {
    expect(maxAbs([0.1, -0.7, 0.3])).toBeCloseTo(0.7, 12);
    expect(rowMeans(Float32Array.from([1, 2, 3, 4, 5, 6]), 2, 3)).toEqual([2, 5]);
    expect(Array.from(columnMeans(Float32Array.from([1, 2, 3, 4, 5, 6]), 2, 3))).toEqual([2.5, 3.5, 4.5]);
  });
});

describe('region order', () => {
  const input = { names: ['b_R', 'a_L', 'c_L'], labels: [30, null, 10], importance: [0.2, 0.5, 0.2] };
  it('sorts by importance (ties by position), by name, by atlas label (a missing label by position)', () => {
    expect(regionOrder(input, 'importance')).toEqual([1, 0, 2]);
    expect(regionOrder(input, 'name')).toEqual([1, 0, 2]);
    expect(regionOrder(input, 'atlas')).toEqual([1, 2, 0]);
    expect(regionOrder(input, 'importance', ' _l ')).toEqual([1, 2]);
    expect(regionOrder(input, 'name', 'zzz')).toEqual([]);
  });
});

describe('compute request', () => {
  it('starts from the paper\'s gradient of the true class on the test split, with the cascading randomisation check, and passes the contract', () => {
    const request = computeRequestOf(initialComputeForm('run-a'));
    expect(request).toEqual({ run: 'run-a', method: 'grad', tsr: false, samples: 'test', target: 'true', randomisation: 'cascading' });
    expect(computeRequest.parse(request)).toEqual(request);
  });

  it('sends IG\'s options at their Captum defaults', () => {
    const request = computeRequestOf({ ...initialComputeForm('run-a'), method: 'ig' });
    expect(request).toEqual({ run: 'run-a', method: 'ig', options: { baseline: 'zeros', steps: 50, rule: 'gausslegendre' }, tsr: false, samples: 'test', target: 'true', randomisation: 'cascading' });
    expect(computeRequest.parse(request)).toEqual(request);
  });

  it('sends the randomisation check off when it is turned off', () => {
    const request = computeRequestOf({ ...initialComputeForm('run-a'), randomisation: 'off' });
    expect(request.randomisation).toBe('off');
    expect(computeRequest.parse(request).randomisation).toBe('off');
  });

  it('sends occlusion only its baseline, and TSR with α', () => {
    const form = { ...initialComputeForm('run-a'), method: 'occlusion-time' as const, tsr: true, alpha: 0.7 };
    form.options = { ...form.options, baseline: 'random', steps: 9 };
    expect(computeRequestOf(form)).toMatchObject({ method: 'occlusion-time', options: { baseline: 'random' }, tsr: { alpha: 0.7 } });
    expect(computeRequestOf(form).options).toEqual({ baseline: 'random' });
  });
});

describe('chart options', () => {
  it('draws the temporal band from mean − sd to mean + sd and marks the step', () => {
    const option = temporalOption({ mean: [1, 2], sd: [0.5, null] }, 1, 2);
    const [lower, band, mean] = option.series as { data: number[]; markLine?: { data: { xAxis: number }[] } }[];
    expect(lower.data).toEqual([0.5, 2]);
    expect(band.data).toEqual([1, 0]);
    expect(mean.markLine?.data).toEqual([{ xAxis: 1 }]);
    expect(temporalOption({ mean: [1, 2], sd: null }, 0, null).series).toHaveLength(1);
  });

  it('keeps the 20 most important regions, largest first', () => {
    const mean = Array.from({ length: 25 }, (_, i) => (i % 5) / 10 + i / 1000);
    const bars = importanceBars({ mean, sd: null }, mean.map((_, i) => `r${i}`));
    expect(bars).toHaveLength(20);
    expect(bars.slice(0, 3).map((b) => b.region)).toEqual([24, 19, 14]);
    expect(bars.every((b, i) => i === 0 || bars[i - 1].mean >= b.mean)).toBe(true);
  });
});
