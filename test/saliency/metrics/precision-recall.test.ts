import { describe, expect, it } from 'vitest';
import { DEFAULT_FRACTIONS, precisionRecall } from '../../../src/saliency/metrics/index.js';
import { block } from './block.js';

// One sample, 2 steps × 3 features: |map| = [0, 1, 2, 3, 4, 0] → s = [0, .25, .5, .75, 1, 0], Σ s = 2.5.
// Mask on cells 2 and 3 (s = .5, .75): Σ_mask s = 1.25.
// Cells by descending s: 4 (1), 3 (.75), 2 (.5), 1 (.25), then 0 and 5; running sums 1, 1.75, 2.25, 2.5.
const maps = block(1, 2, 3, [0, -1, 2, 3, -4, 0]);
const mask = Uint8Array.from([0, 0, 1, 1, 0, 0]);

function rounded(values: ArrayLike<number>): number[] {
  return Array.from(values, (v) => Math.round(v * 1e12) / 1e12);
}

describe('weighted precision and recall', () => {
  it('keeps the fewest top cells holding p of the saliency mass', () => {
    // p = .4: 1 ≥ 1 → keep {4}: hit 0 of kept 1 → P 0, R 0.
    // p = .7: 1.75 ≥ 1.75 → keep {4, 3}: hit .75 of 1.75 → P 3/7, R .75 / 1.25 = .6.
    // p = 1: keep {4, 3, 2, 1}: hit 1.25 of 2.5 → P .5, R 1.
    const r = precisionRecall(maps, mask, { ps: [0.4, 0.7, 1] });
    expect(rounded(r.precision.curve)).toEqual(rounded([0, 3 / 7, 0.5]));
    expect(rounded(r.recall.curve)).toEqual(rounded([0, 0.6, 1]));
    // Trapezoids over p, divided by the range .6:
    // AUP = (.3·(0 + 3/7)/2 + .3·(3/7 + .5)/2) / .6 = (6/7 + .5) / 4 = 19/56; AUR = (0 + 2·.6 + 1) / 4 = .55.
    expect(r.aup.mean).toBeCloseTo(19 / 56, 12);
    expect(r.aur.mean).toBeCloseTo(0.55, 12);
  });

  it('keeps round(p · cells) top cells when counting by cells', () => {
    // p = .5: 3 cells {4, 3, 2}: hit 1.25 of 2.25 → P 5/9, R 1. p = 1: all six: P 1.25 / 2.5 = .5, R 1.
    const r = precisionRecall(maps, mask, { ps: [0.5, 1], keepBy: 'cells' });
    expect(rounded(r.precision.perSample)).toEqual(rounded([5 / 9, 0.5]));
    expect(rounded(r.recall.perSample)).toEqual([1, 1]);
    expect(r.aup.mean).toBeCloseTo((5 / 9 + 0.5) / 2, 12);
  });

  it('skips a constant map for precision and a map with nothing inside the mask for recall', () => {
    // Sample 0 as above; sample 1 constant (s ≡ 0); sample 2: s = [1, 0, 0, 0, 0, 0], mask cells hold 0.
    const three = block(3, 2, 3, [0, -1, 2, 3, -4, 0, 2, 2, 2, 2, 2, 2, 9, 0, 0, 0, 0, 0]);
    const masks = Uint8Array.from([...mask, ...mask, ...mask]);
    const r = precisionRecall(three, masks, { ps: [0.4, 0.7, 1] });
    expect(r.precision.perSample.slice(3, 6).every(Number.isNaN)).toBe(true);
    expect(Array.from(r.precision.perSample.slice(6))).toEqual([0, 0, 0]);
    expect(r.recall.perSample.slice(3).every(Number.isNaN)).toBe(true);
    expect([r.aup.skipped, r.aur.skipped]).toEqual([1, 2]);
    // Precision curve: mean of samples 0 and 2 → [0, 3/14, 1/4]; recall only from sample 0.
    expect(rounded(r.precision.curve)).toEqual(rounded([0, 3 / 14, 0.25]));
    expect(rounded(r.recall.curve)).toEqual(rounded([0, 0.6, 1]));
    // The mean of the per-sample areas is the area under the mean curve.
    expect(r.aup.mean).toBeCloseTo((0.3 * (0 + 3 / 14) / 2 + 0.3 * (3 / 14 + 0.25) / 2) / 0.6, 12);
  });

  it('defaults to p = 10 % … 90 % of the mass', () => {
    const r = precisionRecall(maps, mask);
    expect(r.ps).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]);
    expect(DEFAULT_FRACTIONS).toEqual(r.ps);
    expect(r.keepBy).toBe('mass');
  });

  it('rejects fractions that are not increasing in (0, 1] or too few for an area', () => {
    expect(() => precisionRecall(maps, mask, { ps: [0.5] })).toThrow(/ps = \[0.5\]; expected at least 2 fractions/);
    expect(() => precisionRecall(maps, mask, { ps: [0.5, 0.3] })).toThrow(/strictly increasing fractions in \(0, 1\]/);
    expect(() => precisionRecall(maps, mask, { ps: [0, 0.5] })).toThrow(/strictly increasing/);
    expect(() => precisionRecall(maps, mask, { keepBy: 'top' as never })).toThrow(/keepBy = "top"; expected one of mass, cells/);
  });
});
