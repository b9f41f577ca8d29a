import { describe, expect, it } from 'vitest';
import { lastStepsShare } from '../../../src/saliency/aggregate/index.js';
import { block } from '../metrics/block.js';
import { maps } from './fixture.js';

describe('share of saliency in the last steps', () => {
  it('takes the last ⌈fraction × time⌉ steps of each sample and averages the per-sample shares of |map|', () => {
    // fraction .1 of 3 steps → the last 1 step (t2).
    // Sample 0: |map| per step 4, 2, 3 → 3/9. Sample 1: 4, 4, 0 → 0. Mean 1/6.
    const r = lastStepsShare(maps, 0.1);
    expect(r.steps).toBe(1);
    expect(r.chance).toBeCloseTo(1 / 3, 12);
    expect(r.mean).toBeCloseTo((3 / 9 + 0) / 2, 12);
    // fraction .5 → ⌈1.5⌉ = 2 steps (t1, t2): (2 + 3) / 9 and 4 / 8.
    const half = lastStepsShare(maps, 0.5);
    expect(half.steps).toBe(2);
    expect(half.mean).toBeCloseTo((5 / 9 + 4 / 8) / 2, 12);
  });

  it('scores a map flat in time, and an all-zero one, at chance; a map only at the end at 1', () => {
    const flat = lastStepsShare(block(1, 10, 2, new Array(20).fill(-0.5)), 0.1);
    expect(flat).toEqual({ steps: 1, mean: expect.closeTo(0.1, 12), chance: expect.closeTo(0.1, 12) });
    expect(lastStepsShare(block(1, 10, 2, new Array(20).fill(0)), 0.2).mean).toBeCloseTo(0.2, 12);
    const late = new Array(20).fill(0);
    late[18] = 2;
    late[19] = -1;
    expect(lastStepsShare(block(1, 10, 2, late), 0.1).mean).toBe(1);
  });

  it('refuses a fraction outside (0, 1]', () => {
    expect(() => lastStepsShare(maps, 0)).toThrow(/fraction/);
    expect(() => lastStepsShare(maps, 1.5)).toThrow(/fraction/);
  });
});
