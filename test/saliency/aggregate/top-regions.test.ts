import { describe, expect, it } from 'vitest';
import { topRegionsPerStep } from '../../../src/saliency/aggregate/index.js';
import { block } from '../metrics/block.js';
import { maps } from './fixture.js';

describe('top regions per step', () => {
  it('ranks regions at each step on the mean absolute map', () => {
    // Mean |map|: t0 [1.5, 2.5], t1 [3, 0], t2 [0, 1.5].
    const r = topRegionsPerStep(maps, 2);
    expect(Array.from(r.meanAbs)).toEqual([1.5, 2.5, 3, 0, 0, 1.5]);
    expect(Array.from(r.regions)).toEqual([1, 0, 0, 1, 1, 0]);
    expect(Array.from(r.values)).toEqual([2.5, 1.5, 3, 0, 1.5, 0]);
    expect(Array.from(topRegionsPerStep(maps, 1).regions)).toEqual([1, 0, 1]);
  });

  it('breaks ties by region index and rejects k outside 1 … regions', () => {
    expect(Array.from(topRegionsPerStep(block(1, 1, 3, [1, -2, 2]), 3).regions)).toEqual([1, 2, 0]);
    expect(() => topRegionsPerStep(maps, 3)).toThrow(/k = 3; expected an integer in \[1, 2\]/);
    expect(() => topRegionsPerStep(maps, 0)).toThrow(/k = 0/);
  });
});
