import { describe, expect, it } from 'vitest';
import { temporalProfile } from '../../../src/saliency/aggregate/index.js';
import { maps, rounded } from './fixture.js';

describe('temporal profile', () => {
  it('averages |map| over regions per step, then over samples', () => {
    // Sample 0: [(1+3)/2, (2+0)/2, (0+3)/2] = [2, 1, 1.5]; sample 1: [2, 2, 0].
    // Means [2, 1.5, .75]; sds [0, 1/√2, 1.5/√2].
    const r = temporalProfile(maps);
    expect(Array.from(r.perSample)).toEqual([2, 1, 1.5, 2, 2, 0]);
    expect(Array.from(r.mean)).toEqual([2, 1.5, 0.75]);
    expect(rounded(r.sd)).toEqual(rounded([0, 1 / Math.SQRT2, 1.5 / Math.SQRT2]));
  });
});
