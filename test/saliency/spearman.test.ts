import { describe, expect, it } from 'vitest';
import { averageRanks, spearman } from '../../src/saliency/spearman.js';

describe('averageRanks', () => {
  it('gives tied values the mean of the ranks they span', () => {
    expect(Array.from(averageRanks([5, 1, 5]))).toEqual([2.5, 1, 2.5]);
    expect(Array.from(averageRanks([0.2, 0.2, 0.2, -1]))).toEqual([3, 3, 3, 1]);
  });
});

describe('spearman', () => {
  it('matches 1 − 6Σd²/(n(n²−1)) without ties', () => {
    // ranks [3,1,2] and [1,2,3]: d = [2,−1,−1], Σd² = 6, 1 − 36/24 = −0.5.
    expect(spearman([30, 10, 20], [1, 2, 3])).toBeCloseTo(-0.5, 12);
  });

  it('is the Pearson correlation of average ranks with ties', () => {
    // ranks [1, 2.5, 2.5, 4] and [1, 4, 2.5, 2.5]; deviations from 2.5: [−1.5, 0, 0, 1.5] and [−1.5, 1.5, 0, 0]:
    // Σxy = 2.25, Σx² = Σy² = 4.5, ρ = 0.5.
    expect(spearman([1, 2, 2, 3], [10, 30, 20, 20])).toBeCloseTo(0.5, 12);
  });

  it('is 1 for any increasing transform and −1 for a decreasing one', () => {
    const a = [0.3, -2, 7, 1e-6, 4];
    expect(spearman(a, a.map((x) => Math.exp(x)))).toBeCloseTo(1, 12);
    expect(spearman(a, a.map((x) => -(x ** 3)))).toBeCloseTo(-1, 12);
  });

  it('is NaN for a constant series, unequal lengths or fewer than two values', () => {
    expect(spearman([1, 1, 1], [1, 2, 3])).toBeNaN();
    expect(spearman([1, 2], [1, 2, 3])).toBeNaN();
    expect(spearman([1], [1])).toBeNaN();
  });
});
