/** The fused attention held against every reference at once (parity and adversarial tests). */
import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';
import { attentionByOps } from '../../../src/model/attention.js';
import { fusedInputCellAttention } from '../../../src/model/fused-attention/index.js';
import { maxScoreRise } from '../../../src/model/prefix-softmax.js';
import type { AttentionVariant } from '../../../src/model/types.js';
import { expectClose, maxAbs } from '../fixtures.js';
import { evaluate, lossWeights, type Evaluation } from './cases.js';
import { directAttention, naiveAttention, naiveGradients, type Shape } from './references.js';

export const VARIANTS: AttentionVariant[] = ['mean', 'matrix'];

/** Gradients that are rightly all zero (one step; one step owning all weight) compare on an absolute scale. */
const scaleOf = (want: ArrayLike<number>) => maxAbs(want) || 1;

/**
 * Fused against the Float64 definition (output, and gradients by central differences), then
 * against the TF.js op path and the direct O(T²) ops. `scoreTolerance`: how far the float32
 * TF.js paths' score gradients may be off (far scores cancel in them; not in the fused op).
 */
export function expectFusedAgrees(s: Shape, scores: Float32Array, x: Float32Array, variant: AttentionVariant, what: string, scoreTolerance = 1e-5): Evaluation {
  const fused = evaluate(fusedInputCellAttention, s, scores, x, variant);
  for (const v of Object.values(fused)) expect(v.every(Number.isFinite), `${what}: finite`).toBe(true);
  const exact = naiveGradients(s, scores, x, variant, lossWeights(s, variant));
  expectClose(fused.out, naiveAttention(s, scores, x, variant), 1e-6, `${what}: output vs Float64`);
  expectClose(fused.dScores, exact.dScores, 1e-6, `${what}: d/dscores vs Float64`, scaleOf(exact.dScores));
  expectClose(fused.dx, exact.dx, 1e-6, `${what}: d/dx vs Float64`);
  for (const [name, attend] of [['ops', attentionByOps], ['direct', directAttention]] as const) {
    const want = evaluate(attend, s, scores, x, variant);
    expectClose(fused.out, want.out, 1e-6, `${what}: output vs ${name}`);
    expectClose(fused.dScores, want.dScores, scoreTolerance, `${what}: d/dscores vs ${name}`, scaleOf(want.dScores));
    expectClose(fused.dx, want.dx, 1e-5, `${what}: d/dx vs ${name}`);
  }
  return fused;
}

/** How far scores rise along a sequence: above SHIFT_RANGE_LIMIT the op path scans. */
export const rise = (s: Shape, scores: Float32Array) => tf.tidy(() => maxScoreRise(tf.tensor3d(scores, [s.batch, s.hops, s.time])));

