import { describe, expect, it } from 'vitest';
import type { DemoGroundTruth } from '../../src/demo/ground-truth.js';
import { scoreDemo } from '../../src/demo/score.js';
import type { StoredSaliency } from '../../src/saliency/store.js';
import type { Dataset } from '../../src/study/dataset.js';

// Three explained windows of 4 steps × 3 regions (A, B, C), TR 2 s:
//   w0: sub-01 motor from volume 0 (regressor ON at steps 1, 2)
//   w1: sub-01 motor from volume 2 (ON at steps 0, 3)
//   w2: sub-01 rest (no blocks: never ON)
// Motor plants A; the rest task plants nothing.
const truth = {
  tr: 2,
  tasks: [
    { name: 'motor', trialType: 'motor', regions: [{ label: 1, name: 'A' }] },
    { name: 'rest', trialType: 'rest', regions: [] },
  ],
  runs: [
    { subject: '01', task: 'motor', regressor: [0, 0.6, 1, 0.4, 0.1, 0.7] },
    { subject: '01', task: 'rest', regressor: [0, 0, 0, 0, 0, 0] },
  ],
} as unknown as DemoGroundTruth;
const dataset = {
  classes: ['motor', 'rest'],
  samples: [
    { subject: 'sub-01', task: 'motor', onsetSeconds: 0 },
    { subject: 'sub-01', task: 'motor', onsetSeconds: 4 },
    { subject: 'sub-01', task: 'rest', onsetSeconds: 0 },
  ],
} as unknown as Dataset;
// |map| per window, step by step [A, B, C]:
const values = [
  // w0: the two largest cells (5, 4) at ON steps 1 and 2; the third (3) at OFF step 3.
  0, 1, 0, 5, 0, 0, 0, -4, 0, 0, 0, 3,
  // w1: the largest (6) at OFF step 1, then 2 at ON step 3 and 1 at ON step 0.
  1, 0, 0, 0, 6, 0, 0, 0, 0, 2, 0, 0,
  // w2 (rest): everything in the last step.
  0, 0, 0, 0, 0, 0, 0, 0, 0, 9, 9, 9,
];
const result = {
  maps: { samples: 3, time: 4, features: 3, data: Float32Array.from(values) },
  index: {
    regions: ['A', 'B', 'C'],
    samples: [{ index: 0, label: 0 }, { index: 1, label: 0 }, { index: 2, label: 1 }],
    maskedAccuracy: { ps: [0.1], keepBy: 'cells', seed: 0, baseline: 1, salient: [0.5], random: [1], meanReplaced: [1] },
  },
} as unknown as StoredSaliency;

describe('the demo score', () => {
  it('takes the ON-share over the windows with ON steps only, and its chance from those windows', () => {
    const score = scoreDemo(result, dataset, truth);
    // 12 cells: top 10 % → round(1.2) = 1 cell, 20 % → 2, 30 % → 4 (round(3.6)).
    // w0: top 1 = 5 (ON) → 1; top 2 = 5, 4 (ON, ON) → 1; top 4 = 5, 4, 3, then the 1 at step 0 (OFF) → 2/4.
    // w1: top 1 = 6 (OFF) → 0; top 2 = 6, 2 (ON) → 1/2; top 4 = 6, 2, and the 1 at step 0 (ON)
    //     (ON); the last place is shared by the 9 tied zeros, 4 of them in ON steps (step 0: B, C;
    //     step 3: B, C) → (2 + 4/9) / 4.
    // The rest window is left out, so it cannot pull the share toward 0.
    expect(score.onShares.map((s) => s.q)).toEqual([0.1, 0.2, 0.3]);
    expect(score.onShares[0].share).toBeCloseTo((1 + 0) / 2, 12);
    expect(score.onShares[1].share).toBeCloseTo((1 + 1 / 2) / 2, 12);
    expect(score.onShares[2].share).toBeCloseTo((2 / 4 + (2 + 4 / 9) / 4) / 2, 12);
    // Chance: w0 and w1 each have 2 ON steps of 4.
    expect(score.onChance).toBeCloseTo(0.5, 12);
  });

  it('scores precision@k for the tasks that plant regions, and the last-steps share over every window', () => {
    const score = scoreDemo(result, dataset, truth);
    // Motor's top 1 region by summed |map| over its windows: A (5 + 1 + 2) = 8, B (1 + 4 + 6) = 11, C 3 → B: a miss.
    expect(score.tasks).toEqual([{ task: 'motor', planted: ['A'], top: ['B'], precision: 0, samples: 2 }]);
    expect(score.precision).toBe(0);
    // Last 10 % of 4 steps = the last step: w0 3/13, w1 2/9, w2 27/27.
    expect(score.lastSteps.steps).toBe(1);
    expect(score.lastSteps.mean).toBeCloseTo((3 / 13 + 2 / 9 + 1) / 3, 12);
    expect(score.maskedAccuracy?.salient).toEqual([0.5]);
  });
});
