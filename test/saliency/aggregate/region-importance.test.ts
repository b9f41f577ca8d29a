import { describe, expect, it } from 'vitest';
import { regionImportance } from '../../../src/saliency/aggregate/index.js';
import { block } from '../metrics/block.js';
import { maps, rounded } from './fixture.js';

describe('region importance', () => {
  it('normalises each sample’s mean |map| per region to sum 1, then takes mean, sd and rank', () => {
    // Sample 0: region means (1 + 2 + 0)/3 = 1 and (3 + 0 + 3)/3 = 2 → shares 1/3, 2/3.
    // Sample 1: (2 + 4 + 0)/3 = 2 and (2 + 0 + 0)/3 = 2/3 → total 8/3 → shares 3/4, 1/4.
    // Means (1/3 + 3/4)/2 = 13/24 and (2/3 + 1/4)/2 = 11/24; sd of two values = |a − b| / √2 = (5/12)/√2.
    const r = regionImportance(maps);
    expect(rounded(r.perSample)).toEqual(rounded([1 / 3, 2 / 3, 3 / 4, 1 / 4]));
    expect(rounded(r.mean)).toEqual(rounded([13 / 24, 11 / 24]));
    expect(rounded(r.sd)).toEqual(rounded([5 / 12 / Math.SQRT2, 5 / 12 / Math.SQRT2]));
    expect(Array.from(r.rank)).toEqual([1, 2]);
    expect(r.skipped).toBe(0);
  });

  it('ranks equal means by region index and skips all-zero maps', () => {
    // Sample 0: region means 1, 2, 1 → shares ¼, ½, ¼; sample 1 is all zero and has no shares.
    const r = regionImportance(block(2, 1, 3, [1, 2, 1, 0, 0, 0]));
    expect(Array.from(r.mean)).toEqual([0.25, 0.5, 0.25]);
    expect(Array.from(r.rank)).toEqual([2, 1, 3]);
    expect(r.skipped).toBe(1);
    expect(Array.from(r.sd).every(Number.isNaN)).toBe(true);
    expect(() => regionImportance(block(1, 1, 2, [0, 0]))).toThrow(/region importance: samples with saliency = 0/);
  });
});
