/**
 * Inputs for the fused-attention tests (seeded, so every run sees the same numbers) and the
 * output and gradients of one attention implementation, read back as plain arrays.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { AttentionVariant } from '../../../src/model/types.js';
import type { Shape } from './references.js';

/** Uniform in [−scale, scale) from a 32-bit LCG. */
export function uniform(n: number, scale: number, seed: number): Float32Array {
  let state = seed >>> 0;
  return Float32Array.from({ length: n }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return scale * (2 * (state / 2 ** 32) - 1);
  });
}

export const SHAPE: Shape = { batch: 3, hops: 4, time: 17, features: 5 };

/** Scores [batch, hops, time] as a function of (b, k, t). */
export function scoresOf(s: Shape, f: (b: number, k: number, t: number) => number): Float32Array {
  return Float32Array.from({ length: s.batch * s.hops * s.time }, (_, i) => f(Math.floor(i / (s.hops * s.time)), Math.floor(i / s.time) % s.hops, i % s.time));
}

export type Attend = (scores: tf.Tensor3D, x: tf.Tensor3D, variant: AttentionVariant) => tf.Tensor3D;

/** The loss's coefficients c, [batch, time, width]. */
export function lossWeights(s: Shape, variant: AttentionVariant): Float32Array {
  return uniform(s.batch * s.time * (variant === 'mean' ? s.features : s.hops * s.features), 1, 555);
}

export interface Evaluation {
  out: Float32Array;
  dScores: Float32Array;
  dx: Float32Array;
}

/**
 * Output, and gradients with respect to scores and x of L = Σ c·out + 0.3·Σ out²
 * (random c, and a square so that dL/dout depends on the output too).
 */
export function evaluate(attend: Attend, s: Shape, scores: Float32Array, x: Float32Array, variant: AttentionVariant): Evaluation {
  return tf.tidy(() => {
    const width = variant === 'mean' ? s.features : s.hops * s.features;
    const c = tf.tensor3d(lossWeights(s, variant), [s.batch, s.time, width]);
    const st = tf.tensor3d(scores, [s.batch, s.hops, s.time]);
    const xt = tf.tensor3d(x, [s.batch, s.time, s.features]);
    const loss = (a: tf.Tensor, b: tf.Tensor) => {
      const out = attend(a as tf.Tensor3D, b as tf.Tensor3D, variant);
      return tf.add(tf.sum(tf.mul(out, c)), tf.mul(0.3, tf.sum(tf.square(out))));
    };
    const [dScores, dx] = tf.grads(loss)([st, xt]);
    const read = (t: tf.Tensor) => t.dataSync().slice() as Float32Array;
    return { out: read(attend(st, xt, variant)), dScores: read(dScores), dx: read(dx) };
  });
}
