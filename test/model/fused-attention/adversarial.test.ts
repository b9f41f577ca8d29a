import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../src/model/backend/select.js';
import { fusedInputCellAttention } from '../../../src/model/fused-attention/index.js';
import { SHIFT_RANGE_LIMIT } from '../../../src/model/prefix-softmax.js';
import { expectFusedAgrees, rise, VARIANTS } from './agreement.js';
import { evaluate, scoresOf, SHAPE, uniform } from './cases.js';

beforeAll(async () => {
  await selectBackend('cpu');
});

describe('adversarial scores', () => {
  const x = uniform(3 * 17 * 5, 1, 3);
  const wobble = (b: number, k: number, t: number) => Math.sin(1.3 * t + b + 0.7 * k);
  // The float32 TF.js paths lose up to ~2e-4 (of the largest) in the score gradients of
  // scores that rise or fall by 120 nats (their terms cancel); the fused op stays within ~1e-7
  // of the Float64 differences (held to 1e-6), which decide.
  const cases: [string, Float32Array, number][] = [
    ['rising by 120 nats', scoresOf(SHAPE, (b, k, t) => (120 * t) / 16 + wobble(b, k, t)), 1e-3],
    ['falling by 120 nats', scoresOf(SHAPE, (b, k, t) => (-120 * t) / 16 + wobble(b, k, t)), 1e-3],
    ['jumping between ±80', scoresOf(SHAPE, (b, k, t) => (wobble(b, k, 2 * t) > 0 ? 80 : -80)), 1e-5],
    ['constant', scoresOf(SHAPE, () => 3), 1e-5],
    ['rising by 300 nats a step', scoresOf(SHAPE, (b, k, t) => 300 * t - 2000 + wobble(b, k, t)), 1e-5],
  ];

  it.each(cases)('%s: finite, and equal to the Float64 definition, the op path (which scans where scores rise) and the direct softmax', (what, scores, scoreTolerance) => {
    const scans = rise(SHAPE, scores) > SHIFT_RANGE_LIMIT;
    expect(scans).toBe(what !== 'constant' && !what.startsWith('falling'));
    for (const variant of VARIANTS) expectFusedAgrees(SHAPE, scores, x, variant, `${what}, ${variant}`, scoreTolerance);
  });

  it('constant scores give the running average of x', () => {
    const s = { batch: 1, hops: 2, time: 4, features: 1 };
    const got = evaluate(fusedInputCellAttention, s, new Float32Array(8).fill(5), Float32Array.of(4, 8, 0, 4), 'mean');
    expect(Array.from(got.out)).toEqual([4, 6, 4, 4]);
  });

  it.each(cases)('%s: each hop\'s score gradients sum to zero (adding a constant to a hop\'s scores changes nothing)', (_, scores) => {
    for (const variant of VARIANTS) {
      const { dScores } = evaluate(fusedInputCellAttention, SHAPE, scores, x, variant);
      const scale = Math.max(...dScores.map(Math.abs));
      for (let row = 0; row < SHAPE.batch * SHAPE.hops; row++) {
        const sum = dScores.slice(row * SHAPE.time, (row + 1) * SHAPE.time).reduce((a, b) => a + b, 0);
        expect(Math.abs(sum)).toBeLessThanOrEqual(1e-6 * Math.max(scale, 1e-30));
      }
    }
  });
});
