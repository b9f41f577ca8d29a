import { describe, expect, it } from 'vitest';
import { rocAuc, saliencyAuc } from '../../../src/saliency/metrics/index.js';
import { createRng } from '../../../src/util/rng.js';
import { block } from './block.js';
import { naiveAuc } from './naive-auc.js';

describe('ROC AUC', () => {
  it('counts the positive–negative pairs a positive wins', () => {
    // Positives .35, .8; negatives .1, .4: .35 > .1, .35 < .4, .8 > both → 3 of 4 pairs.
    expect(rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBe(0.75);
  });

  it('counts a tie between a positive and a negative as one half', () => {
    // Positives 2, 3; negatives 1, 2: 2 > 1 (1), 2 = 2 (½), 3 > 1 (1), 3 > 2 (1) → 3.5 / 4.
    expect(rocAuc([1, 2, 2, 3], [0, 1, 0, 1])).toBe(0.875);
  });

  it('matches pair counting on random data full of ties', () => {
    const rng = createRng(11);
    for (let trial = 0; trial < 20; trial++) {
      const n = 50 + Math.floor(rng() * 150);
      const scores = Array.from({ length: n }, () => Math.floor(rng() * 6) / 2);
      const labels = Array.from({ length: n }, () => (rng() < 0.3 ? 1 : 0));
      expect(rocAuc(scores, labels)).toBeCloseTo(naiveAuc(scores, labels), 12);
    }
  });

  it('is NaN when a class is absent', () => {
    expect(rocAuc([1, 2], [1, 1])).toBeNaN();
    expect(rocAuc([1, 2], [0, 0])).toBeNaN();
  });
});

describe('saliency AUC', () => {
  it('scores |map|, so a strongly negative cell counts as salient', () => {
    // |map| = [3, .5, 1, 0]; mask cells 3 and 1 outrank .5 and 0 → 1 (the signed map would give .5).
    expect(saliencyAuc(block(1, 2, 2, [-3, 0.5, 1, 0]), Uint8Array.from([1, 0, 1, 0])).mean).toBe(1);
  });

  it('is 1 for a map equal to its mask and ½ for a constant map', () => {
    const g = Uint8Array.from([0, 1, 1, 0, 0, 1, 1, 0, 0, 0, 1, 0]);
    const r = saliencyAuc(block(2, 2, 3, [...g.slice(0, 6), 7, 7, 7, 7, 7, 7]), g);
    expect(Array.from(r.perSample)).toEqual([1, 0.5]);
  });

  it('skips and counts samples whose mask is all 0 or all 1', () => {
    const r = saliencyAuc(block(3, 1, 3, [1, 2, 3, 1, 2, 3, 1, 2, 3]), Uint8Array.from([0, 0, 0, 1, 1, 1, 0, 0, 1]));
    expect(r.skipped).toBe(2);
    expect([r.perSample[2], r.mean]).toEqual([1, 1]);
  });

  it('is an error when no sample has both kinds of cell', () => {
    expect(() => saliencyAuc(block(1, 1, 2, [1, 2]), Uint8Array.from([1, 1]))).toThrow(/AUC: samples scored = 0/);
  });
});
