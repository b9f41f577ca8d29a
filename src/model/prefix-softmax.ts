import * as tf from '@tensorflow/tfjs-core';
import { canReadSync } from './backend/sync-read.js';
import { stopGradient } from './matmul.js';

/**
 * Largest gap (nats) between a hop's maximum score and its first score for which one shift
 * per sequence is exact in float32: every prefix's softmax denominator is then ≥ e^−40, and
 * a term that underflows weighs < e^−47 against its prefix's largest term.
 */
export const SHIFT_RANGE_LIMIT = 40;

/**
 * Softmax-weighted means of every prefix, for all prefixes at once:
 * out[b, k, :, t] = Σ_{j ≤ t} softmax_{j ≤ t}(scores[b, k, ·])_j · x[b, j, :].
 * scores [batch, hops, time], x [batch, time, features] → [batch, hops, features, time].
 *
 * O(T) by running sums Σ_{j≤t} e^{s_j − c}·x_j and Σ_{j≤t} e^{s_j − c} (cumsum along the last
 * axis, whose gradient TF.js computes correctly), with c the sequence's largest score per hop:
 * nothing overflows, and the result does not depend on c, so no gradient flows through it.
 * c can leave early prefixes' sums to underflow when scores rise by more than
 * SHIFT_RANGE_LIMIT along a sequence; such batches take an exact online-softmax scan instead.
 * This is attention.ts's op path; on cpu and wasm the fused op (fused-attention/) replaces it,
 * exact for any scores without this routing.
 */
export function prefixSoftmaxMeans(scores: tf.Tensor3D, x: tf.Tensor3D): tf.Tensor4D {
  // Where the rise cannot be read mid-graph (webgpu in Node), the scan, exact for any scores, always runs.
  if (!canReadSync(tf.getBackend())) return prefixByScan(scores, x, runningMaxByOps(scores));
  return maxScoreRise(scores) <= SHIFT_RANGE_LIMIT ? prefixBySums(scores, x) : prefixByScan(scores, x);
}

/** max over batch and hop of (largest score − first score): how far a prefix's max can sit below c. */
export function maxScoreRise(scores: tf.Tensor3D): number {
  return tf.tidy(() => {
    const first = tf.slice(scores, [0, 0, 0], [-1, -1, 1]);
    return tf.max(tf.sub(tf.max(scores, 2, true), first)).dataSync()[0];
  });
}

/** One shift per sequence and hop, running sums by cumsum. */
export function prefixBySums(scores: tf.Tensor3D, x: tf.Tensor3D): tf.Tensor4D {
  const [batch, hops, time] = scores.shape;
  const features = x.shape[2];
  const p = tf.exp(tf.sub(scores, stopGradient(tf.max(scores, 2, true))));
  const xT = tf.reshape(tf.transpose(x, [0, 2, 1]), [batch, 1, features, time]);
  const numerator = tf.cumsum(tf.mul(tf.reshape(p, [batch, hops, 1, time]), xT), 3);
  const denominator = tf.reshape(tf.cumsum(p, 2), [batch, hops, 1, time]);
  return tf.div(numerator, denominator);
}

/**
 * Online softmax, one step at a time: shift by the running maximum m_t, rescale the running
 * sums by e^{m_{t−1} − m_t} when it rises. Exact for any scores; T small steps instead of one.
 */
export function prefixByScan(scores: tf.Tensor3D, x: tf.Tensor3D, shifts: { running: tf.Tensor3D; decay: tf.Tensor3D } = runningMax(scores)): tf.Tensor4D {
  const [batch, hops, time] = scores.shape;
  const features = x.shape[2];
  const { running, decay } = shifts;
  const q = tf.unstack(tf.exp(tf.sub(scores, running)), 2);
  const a = tf.unstack(decay, 2);
  const xs = tf.unstack(x, 1);
  let sum: tf.Tensor | null = null;
  let norm: tf.Tensor | null = null;
  const out: tf.Tensor[] = [];
  for (let t = 0; t < time; t++) {
    const qt = tf.reshape(q[t], [batch, hops, 1]);
    const term = tf.mul(qt, tf.reshape(xs[t], [batch, 1, features]));
    const at = tf.reshape(a[t], [batch, hops, 1]);
    sum = sum === null ? term : tf.add(tf.mul(sum, at), term);
    norm = norm === null ? qt : tf.add(tf.mul(norm, at), qt);
    out.push(tf.div(sum, norm));
  }
  return tf.stack(out, 3) as tf.Tensor4D;
}

/** runningMax by T tensor ops, nothing read back (for backends that cannot read synchronously). */
export function runningMaxByOps(scores: tf.Tensor3D): { running: tf.Tensor3D; decay: tf.Tensor3D } {
  const columns = tf.unstack(stopGradient(scores), 2);
  const running = [columns[0]];
  const decay = [tf.zerosLike(columns[0])];
  for (let t = 1; t < columns.length; t++) {
    running.push(tf.maximum(running[t - 1], columns[t]));
    decay.push(tf.exp(tf.sub(running[t - 1], running[t])));
  }
  return { running: tf.stack(running, 2) as tf.Tensor3D, decay: tf.stack(decay, 2) as tf.Tensor3D };
}

/** m_t = max_{j≤t} s_j and e^{m_{t−1} − m_t}, as constants (the result is invariant to them). */
function runningMax(scores: tf.Tensor3D): { running: tf.Tensor3D; decay: tf.Tensor3D } {
  const [batch, hops, time] = scores.shape;
  const s = scores.dataSync();
  const running = new Float32Array(s.length);
  const decay = new Float32Array(s.length);
  for (let row = 0; row < batch * hops; row++) {
    const o = row * time;
    running[o] = s[o];
    for (let t = 1; t < time; t++) {
      running[o + t] = Math.max(running[o + t - 1], s[o + t]);
      decay[o + t] = Math.exp(running[o + t - 1] - running[o + t]);
    }
  }
  return { running: tf.tensor3d(running, [batch, hops, time]), decay: tf.tensor3d(decay, [batch, hops, time]) };
}
