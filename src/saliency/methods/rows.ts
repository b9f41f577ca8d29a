import * as tf from '@tensorflow/tfjs-core';
import type { ProbabilityFn, SampleBlock } from '../types.js';
import type { Work } from './work.js';

/** The [time, features] shape every row shares. */
export interface RowShape {
  time: number;
  features: number;
}

/**
 * A virtual list of model inputs, generated on demand so that large expansions (IG steps,
 * SmoothGrad copies, occluded copies) never exist in memory all at once.
 */
export interface Rows {
  count: number;
  /** Writes row `row` into `out` (time·features values). Called once per row, in ascending order. */
  fill(row: number, out: Float32Array): void;
  /** The class whose probability the row is scored on. */
  target(row: number): number;
}

/** The samples themselves as rows. */
export function sampleRows(block: SampleBlock, target: (s: number) => number): Rows {
  const cells = block.time * block.features;
  return {
    count: block.samples,
    fill: (s, out) => out.set(block.data.subarray(s * cells, (s + 1) * cells)),
    target,
  };
}

/** Calls `take(row, probabilities)` with every class probability of each row, `work.batchSize` rows per pass. */
export function forwardRows(model: ProbabilityFn, shape: RowShape, rows: Rows, work: Work, take: (row: number, probs: Float32Array) => void): Promise<void> {
  return eachBatch(shape, rows, work, (x) => checkedProbs(model, x), take);
}

/** Calls `take(row, gradient)` with ∂p_target/∂x (time·features values) of each row; `gradient` is reused, copy what you keep. */
export function gradientRows(model: ProbabilityFn, shape: RowShape, rows: Rows, work: Work, take: (row: number, grad: Float32Array) => void): Promise<void> {
  return eachBatch(
    shape,
    rows,
    work,
    (x, targets) => {
      // Rows are independent (no batch-coupled layers), so the gradient of the sum is each row's own gradient.
      const score = (input: tf.Tensor) => {
        const probs = checkedProbs(model, input as tf.Tensor3D);
        return tf.sum(tf.mul(probs, tf.oneHot(targets, probs.shape[1])));
      };
      return tf.grad(score)(x);
    },
    take,
  );
}

async function eachBatch(
  shape: RowShape,
  rows: Rows,
  work: Work,
  compute: (x: tf.Tensor3D, targets: tf.Tensor1D) => tf.Tensor,
  take: (row: number, values: Float32Array) => void,
): Promise<void> {
  const cells = shape.time * shape.features;
  for (let start = 0; start < rows.count; start += work.batchSize) {
    await work.checkpoint();
    const n = Math.min(work.batchSize, rows.count - start);
    const input = new Float32Array(n * cells);
    const targets = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      rows.fill(start + i, input.subarray(i * cells, (i + 1) * cells));
      targets[i] = rows.target(start + i);
    }
    const result = tf.tidy(() => compute(tf.tensor3d(input, [n, shape.time, shape.features]), tf.tensor1d(targets, 'int32')));
    const values = (await result.data()) as Float32Array;
    result.dispose();
    const width = values.length / n;
    for (let i = 0; i < n; i++) take(start + i, values.subarray(i * width, (i + 1) * width));
    work.advance(n);
  }
}

function checkedProbs(model: ProbabilityFn, x: tf.Tensor3D): tf.Tensor2D {
  const probs = model(x);
  if (probs.rank !== 2 || probs.shape[0] !== x.shape[0]) {
    throw new Error(`saliency model returned shape [${probs.shape}] for ${x.shape[0]} inputs; expected [batch, classes]`);
  }
  return probs;
}
