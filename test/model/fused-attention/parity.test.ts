import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../src/model/backend/select.js';
import { SHIFT_RANGE_LIMIT } from '../../../src/model/prefix-softmax.js';
import { expectFusedAgrees, rise, VARIANTS } from './agreement.js';
import { SHAPE, uniform } from './cases.js';

beforeAll(async () => {
  await selectBackend('cpu');
});

describe.each(['cpu', 'wasm'] as const)('fused attention on the %s backend', (backend) => {
  beforeAll(async () => {
    await selectBackend(backend);
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each(VARIANTS)('%s: random scores and inputs (batch 3, hops 4, T 17, N 5) match', (variant) => {
    expect(tf.getBackend()).toBe(backend);
    const scores = uniform(3 * 4 * 17, 3, 7);
    const x = uniform(3 * 17 * 5, 1, 8);
    expect(rise(SHAPE, scores)).toBeLessThan(SHIFT_RANGE_LIMIT); // the op path's running sums
    const fused = expectFusedAgrees(SHAPE, scores, x, variant, variant);
    // Sanity of the comparison itself: the gradients are not trivially zero or constant.
    expect(new Set(fused.dScores).size).toBeGreaterThan(100);
  });

  // Hops go four at a time with single ones left over (lanes.ts): 1, 4 (above) and 7 cover both.
  it.each(VARIANTS)('%s: one step, one sequence, one hop, seven hops', (variant) => {
    for (const s of [{ ...SHAPE, time: 1 }, { ...SHAPE, batch: 1 }, { ...SHAPE, hops: 1 }, { ...SHAPE, hops: 7, time: 6 }]) {
      const scores = uniform(s.batch * s.hops * s.time, 3, 17);
      const x = uniform(s.batch * s.time * s.features, 1, 18);
      expectFusedAgrees(s, scores, x, variant, `${variant} [${Object.values(s).join(', ')}]`);
    }
  });
});
