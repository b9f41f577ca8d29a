import * as tf from '@tensorflow/tfjs-core';
import { throwIfCancelled } from '../../util/cancel.js';
import type { ProbabilityFn, RunControl } from '../types.js';
import { MetricError } from './errors.js';

/** Progress over all the forward passes of one metric run. */
export interface PassCounter {
  control: RunControl;
  done: number;
  total: number;
}

/**
 * Classifies `samples` inputs of `time × features` cells, each written by `fill(n, out)`,
 * in batches of `control.batchSize`, and returns 1 per sample whose most probable class is
 * its label (ties go to the lower class, as in training's evaluation). Throws Cancelled
 * between batches once `control.signal` is aborted.
 */
export async function correctness(
  probabilities: ProbabilityFn,
  labels: ArrayLike<number>,
  shape: { samples: number; time: number; features: number },
  fill: (n: number, out: Float32Array) => void,
  passes: PassCounter,
): Promise<Uint8Array> {
  const { samples, time, features } = shape;
  const cells = time * features;
  const correct = new Uint8Array(samples);
  for (let start = 0; start < samples; start += passes.control.batchSize) {
    throwIfCancelled(passes.control.signal);
    const size = Math.min(passes.control.batchSize, samples - start);
    const batch = new Float32Array(size * cells);
    for (let b = 0; b < size; b++) fill(start + b, batch.subarray(b * cells, (b + 1) * cells));
    const probs = tf.tidy(() => probabilities(tf.tensor3d(batch, [size, time, features])));
    const [rows, classes] = probs.shape;
    const values = await probs.data();
    probs.dispose();
    if (rows !== size) throw new MetricError('METRIC_PROBABILITY_SHAPE', 'model probabilities', 'shape', [...probs.shape], `[${size}, classes]: one row per input`);
    for (let b = 0; b < size; b++) {
      const label = labels[start + b];
      if (label >= classes) throw new MetricError('METRIC_LABEL', 'labels', `labels[${start + b}]`, label, `a class index in [0, ${classes})`);
      let best = 0;
      for (let c = 1; c < classes; c++) if (values[b * classes + c] > values[b * classes + best]) best = c;
      correct[start + b] = best === label ? 1 : 0;
    }
    passes.done += size;
    passes.control.onProgress?.(passes.done, passes.total);
  }
  return correct;
}
