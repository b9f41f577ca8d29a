import { describe, expect, it } from 'vitest';
import { euclideanDistance, MetricError, weightedJaccard } from '../../../src/saliency/metrics/index.js';
import { createRng } from '../../../src/util/rng.js';
import { block } from './block.js';

// Two samples, 2 steps × 3 features each.
// Sample 0: map [0, -2, 4 | 1, 3, -4] → |map| [0, 2, 4, 1, 3, 4], min 0, max 4
//   → s = [0, .5, 1, .25, .75, 1]; mask g = [0, 1, 1, 0, 0, 1].
// Sample 1: map [1, 1, 3 | 1, 2, 1] → min 1, max 3 → s = [0, 0, 1, 0, .5, 0]; g = [1, 0, 1, 0, 0, 0].
const maps = block(2, 2, 3, [0, -2, 4, 1, 3, -4, 1, 1, 3, 1, 2, 1]);
const mask = Uint8Array.from([0, 1, 1, 0, 0, 1, 1, 0, 1, 0, 0, 0]);

describe('weighted Jaccard', () => {
  it('is Σ min(g, s) / Σ max(g, s) of the per-sample min–max scaled |map|', () => {
    // Sample 0: Σ min = 0 + .5 + 1 + 0 + 0 + 1 = 2.5; Σ max = 0 + 1 + 1 + .25 + .75 + 1 = 4 → .625.
    // Sample 1: Σ min = 1; Σ max = 1 + 0 + 1 + 0 + .5 + 0 = 2.5 → .4.
    const r = weightedJaccard(maps, mask);
    expect(Array.from(r.perSample)).toEqual([0.625, 0.4]);
    expect(r.mean).toBeCloseTo((0.625 + 0.4) / 2, 12);
    expect(r.skipped).toBe(0);
  });

  it('is 1 when the map is the mask up to a positive scale and offset', () => {
    const g = Uint8Array.from([0, 1, 1, 0, 1, 0]);
    expect(weightedJaccard(block(1, 2, 3, Array.from(g, (v) => 3 * v + 2)), g).mean).toBe(1);
  });

  it('skips a sample whose mask is empty and map constant (0 / 0)', () => {
    const r = weightedJaccard(block(2, 1, 2, [5, 5, 0, 1]), Uint8Array.from([0, 0, 0, 1]));
    expect(Number.isNaN(r.perSample[0])).toBe(true);
    expect([r.perSample[1], r.mean, r.skipped]).toEqual([1, 1, 1]);
  });
});

describe('Euclidean distance', () => {
  it('is ‖g − s‖ / ‖g‖ per sample', () => {
    // Sample 0: (g − s)² = 0 + .25 + 0 + .0625 + .5625 + 0 = .875, ‖g‖² = 3.
    // Sample 1: (g − s)² = 1 + 0 + 0 + 0 + .25 + 0 = 1.25, ‖g‖² = 2.
    const r = euclideanDistance(maps, mask);
    expect(r.perSample[0]).toBeCloseTo(Math.sqrt(0.875 / 3), 12);
    expect(r.perSample[1]).toBeCloseTo(Math.sqrt(1.25 / 2), 12);
    expect(r.mean).toBeCloseTo((Math.sqrt(0.875 / 3) + Math.sqrt(1.25 / 2)) / 2, 12);
  });

  it('is 0 for a map equal to a random mask, and skips empty masks', () => {
    const rng = createRng(3);
    const g = Uint8Array.from({ length: 40 }, (_, i) => (i < 20 ? 0 : rng() < 0.3 ? 1 : 0));
    g[25] = 1;
    const r = euclideanDistance(block(2, 4, 5, Array.from(g)), g);
    expect(Number.isNaN(r.perSample[0])).toBe(true);
    expect([r.perSample[1], r.skipped]).toEqual([0, 1]);
  });
});

describe('bad input', () => {
  it('names a mask of the wrong length', () => {
    expect(() => weightedJaccard(maps, new Uint8Array(11))).toThrow(/ground-truth mask: length = 11; expected one entry per map cell: 2 × 2 × 3 = 12/);
  });

  it('names the cell holding NaN', () => {
    const bad = block(2, 2, 3, [0, 1, 2, 3, 4, 5, 0, 1, 2, 3, NaN, 5]);
    expect(() => euclideanDistance(bad, mask)).toThrow(/saliency maps: value at sample 1, step 1, feature 1 = NaN; expected a finite number/);
  });

  it('rejects empty maps, mask values other than 0/1, and data that does not fit the shape', () => {
    expect(() => weightedJaccard({ data: new Float32Array(0), samples: 0, time: 2, features: 3 }, new Uint8Array(0))).toThrow(MetricError);
    expect(() => weightedJaccard(maps, Uint8Array.from([2, ...mask.slice(1)]))).toThrow(/value at sample 0, step 0, feature 0 = 2; expected 0 or 1/);
    expect(() => weightedJaccard({ ...maps, time: 3 }, mask)).toThrow(/data.length = 12; expected samples × time × features = 18/);
  });

  it('refuses to average when no sample can be scored', () => {
    expect(() => euclideanDistance(maps, new Uint8Array(12))).toThrow(/Euclidean distance: samples scored = 0; expected at least one sample with at least one mask cell/);
  });
});
