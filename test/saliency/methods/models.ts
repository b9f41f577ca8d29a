import * as tf from '@tensorflow/tfjs-core';
import type { ProbabilityFn, SampleBlock } from '../../../src/saliency/types.js';
import { createRng } from '../../../src/util/rng.js';

/** Uniform values in [lo, hi) from a seed, as float64 (exactly representable as float32). */
export function values(n: number, seed: number, lo = -1, hi = 1): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length: n }, () => Math.fround(lo + (hi - lo) * rng()));
}

export function block(data: ArrayLike<number>, samples: number, time: number, features: number): SampleBlock {
  return { data: Float32Array.from(data), samples, time, features };
}

/**
 * z_c = Σ_{t,i} W[c][t·F + i] x[t,i] + b_c; probabilities softmax(z), or z itself when
 * `softmax` is false (a model linear in x, whose gradient is W_c everywhere).
 */
export function linearModel(W: Float64Array, b: Float64Array, cells: number, { softmax = true } = {}): ProbabilityFn {
  const classes = b.length;
  // [cells, classes]: column c holds W_c.
  const weights = tf.tensor2d(Float32Array.from({ length: cells * classes }, (_, k) => W[(k % classes) * cells + Math.floor(k / classes)]), [cells, classes]);
  const bias = tf.tensor1d(Float32Array.from(b));
  return (x) => {
    const z = tf.add(tf.matMul(tf.reshape(x, [x.shape[0], cells]), weights), bias) as tf.Tensor2D;
    return softmax ? tf.softmax(z) : z;
  };
}

/**
 * Reads only time step k: z_c = Σ_i V[c][i] x[k,i] + U[c][i] x[k,i]², softmax. The square term
 * makes the gradient depend on the values at step k.
 */
export function stepModel(V: Float64Array, U: Float64Array, classes: number, features: number, k: number): ProbabilityFn {
  const transpose = (M: Float64Array) => tf.tensor2d(Float32Array.from({ length: features * classes }, (_, j) => M[(j % classes) * features + Math.floor(j / classes)]), [features, classes]);
  const v = transpose(V);
  const u = transpose(U);
  return (x) => {
    const xk = tf.reshape(tf.slice(x, [0, k, 0], [x.shape[0], 1, features]), [x.shape[0], features]);
    return tf.softmax(tf.add(tf.matMul(xk, v), tf.matMul(tf.square(xk), u)) as tf.Tensor2D);
  };
}

/** Reads only feature j: z_c = Σ_t V[c][t] x[t,j], softmax. */
export function featureModel(V: Float64Array, classes: number, time: number, features: number, j: number): ProbabilityFn {
  const v = tf.tensor2d(Float32Array.from({ length: time * classes }, (_, m) => V[(m % classes) * time + Math.floor(m / classes)]), [time, classes]);
  return (x) => {
    const xj = tf.reshape(tf.slice(x, [0, 0, j], [x.shape[0], time, 1]), [x.shape[0], time]) as tf.Tensor2D;
    return tf.softmax(tf.matMul(xj, v) as tf.Tensor2D);
  };
}
