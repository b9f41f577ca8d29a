import { describe, expect, it } from 'vitest';
import { topCellShare } from '../../../src/saliency/aggregate/index.js';
import { block } from '../metrics/block.js';
import { maps, rounded } from './fixture.js';

describe('top-cell share in ON steps', () => {
  it('counts the top q of cells in the ON steps, sharing places among cells tied at the cut-off', () => {
    // q = .5 → 3 of 6 cells; step 0 ON, chance 1/3.
    // Sample 0: |map| [1, 3 | 2, 0 | 0, 3]; top 3 = the two 3s (one in t0) and the 2 (t1) → 1/3.
    // Sample 1: |map| [2, 2 | 4, 0 | 0, 0]; the cut-off is 2: the 4 (t1) is above it, and the two
    //   2s (both t0) fill the 3 − 1 = 2 places left, each (3 − 1)/2 = 1 place → (0 + 2) / 3 = 2/3.
    const r = topCellShare(maps, [1, 0, 0], { q: 0.5 });
    expect(r.topCells).toBe(3);
    expect(rounded(r.perSample)).toEqual(rounded([1 / 3, 2 / 3]));
    expect(r.mean).toBeCloseTo(0.5, 12);
    expect(r.sd).toBeCloseTo(1 / 3 / Math.SQRT2, 12);
    expect(r.chance).toBeCloseTo(1 / 3, 12);
    expect(r.lift).toBeCloseTo(1.5, 12);
  });

  it('takes ON steps per sample and scores a flat map at exactly chance', () => {
    // Sample 1 ON at t1 instead: its top 3 are the 4 (t1) and the tied 2s (t0) → 1/3.
    const r = topCellShare(maps, [1, 0, 0, 0, 1, 0], { q: 0.5 });
    expect(rounded(r.perSample)).toEqual(rounded([1 / 3, 1 / 3]));
    // 12 equal cells, top 1 (q = .1): every cell holds 1/12 of the place; 4 lie in the ON step.
    const flat = topCellShare(block(1, 3, 4, new Array(12).fill(2)), [true, false, false]);
    expect(flat.topCells).toBe(1);
    expect(flat.mean).toBeCloseTo(1 / 3, 12);
    expect(flat.lift).toBeCloseTo(1, 12);
  });

  it('rejects ON steps that fit neither shape or contain no ON step, and q outside (0, 1]', () => {
    expect(() => topCellShare(maps, [1, 0])).toThrow(/onSteps.length = 2; expected 3 \(one per step\) or 6 \(samples × steps\)/);
    expect(() => topCellShare(maps, [0, 0, 0])).toThrow(/expected at least one ON step/);
    expect(() => topCellShare(maps, [1, 0, 0], { q: 0 })).toThrow(/q = 0; expected a fraction in \(0, 1\]/);
  });
});
