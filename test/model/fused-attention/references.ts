/**
 * Independent references for the fused attention: the definition evaluated directly, O(T²),
 * a fresh softmax over j ≤ t at every step t — once in Float64 loops, once as TF.js ops (whose
 * autodiff, through tf.softmax, gives gradients derived without sweep.ts's algebra).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { AttentionVariant } from '../../../src/model/types.js';
import { numericGradient } from '../reference/finite-diff.js';

export interface Shape {
  batch: number;
  hops: number;
  time: number;
  features: number;
}

/** Output [batch, time, N or r·N] from scores [batch, hops, time] and x [batch, time, N], in Float64. */
export function naiveAttention(s: Shape, scores: ArrayLike<number>, x: ArrayLike<number>, variant: AttentionVariant): Float64Array {
  const { batch, hops, time, features: n } = s;
  const width = variant === 'mean' ? n : hops * n;
  const out = new Float64Array(batch * time * width);
  for (let b = 0; b < batch; b++) {
    for (let k = 0; k < hops; k++) {
      const e = (j: number) => scores[(b * hops + k) * time + j];
      for (let t = 0; t < time; t++) {
        let top = -Infinity;
        for (let j = 0; j <= t; j++) top = Math.max(top, e(j));
        const p = Array.from({ length: t + 1 }, (_, j) => Math.exp(e(j) - top));
        const z = p.reduce((acc, v) => acc + v, 0);
        for (let i = 0; i < n; i++) {
          let v = 0;
          for (let j = 0; j <= t; j++) v += (p[j] / z) * x[(b * time + j) * n + i];
          if (variant === 'mean') out[(b * time + t) * n + i] += v / hops;
          else out[((b * time + t) * hops + k) * n + i] = v;
        }
      }
    }
  }
  return out;
}

/** The same as TF.js ops: per step t, tf.softmax over the scores of steps 0..t. */
export function directAttention(scores: tf.Tensor3D, x: tf.Tensor3D, variant: AttentionVariant): tf.Tensor3D {
  const [batch, , time] = scores.shape;
  const steps: tf.Tensor[] = [];
  for (let t = 0; t < time; t++) {
    const a = tf.softmax(tf.slice(scores, [0, 0, 0], [-1, -1, t + 1])) as tf.Tensor3D;
    const m = tf.matMul(a, tf.slice(x, [0, 0, 0], [-1, t + 1, -1])); // [batch, hops, N]
    steps.push(variant === 'mean' ? tf.mean(m, 1) : tf.reshape(m, [batch, -1]));
  }
  return tf.stack(steps, 1) as tf.Tensor3D;
}

/**
 * cases.ts's loss L = Σ c·out + 0.3·Σ out² in Float64, and its gradients by central
 * differences, one sequence at a time (L is a sum over sequences, which do not interact).
 */
export function naiveGradients(s: Shape, scores: Float32Array, x: Float32Array, variant: AttentionVariant, c: Float32Array): { dScores: Float64Array; dx: Float64Array } {
  const one = { ...s, batch: 1 };
  const [sn, xn] = [s.hops * s.time, s.time * s.features];
  const cn = c.length / s.batch;
  const dScores = new Float64Array(scores.length);
  const dx = new Float64Array(x.length);
  for (let b = 0; b < s.batch; b++) {
    const [sb, xb, cb] = [scores.subarray(b * sn, (b + 1) * sn), x.subarray(b * xn, (b + 1) * xn), c.subarray(b * cn, (b + 1) * cn)];
    const loss = (out: Float64Array) => out.reduce((acc, o, i) => acc + cb[i] * o + 0.3 * o * o, 0);
    dScores.set(numericGradient((v) => loss(naiveAttention(one, v, xb, variant)), sb, 1e-4), b * sn);
    dx.set(numericGradient((v) => loss(naiveAttention(one, sb, v, variant)), xb, 1e-4), b * xn);
  }
  return { dScores, dx };
}
