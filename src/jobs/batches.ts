import * as tf from '@tensorflow/tfjs-core';
import { createRng, shuffled } from '../util/rng.js';
import { subSeed } from '../util/seeds.js';
import { STREAM } from './seeds.js';

/** Sample values laid out [samples, time, features], as in Dataset.data. */
export interface SampleTable {
  data: Float32Array;
  window: number;
  features: number;
  labels: readonly number[];
  classes: number;
}

/** The training indices of one epoch in a seeded order that depends only on (seed, epoch). */
export function epochOrder(train: readonly number[], seed: number, epoch: number): number[] {
  return shuffled(train, createRng(subSeed(seed, STREAM.shuffle, epoch)));
}

/** Consecutive batches of `size` (the last may be smaller). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Inputs [b, time, features], one-hot targets [b, classes] and per-sample class weights [b]. */
export interface Batch {
  x: tf.Tensor3D;
  oneHot: tf.Tensor2D;
  weights: tf.Tensor1D;
  labels: number[];
  weightSum: number;
}

/** Copies the samples `indices` into tensors; the caller disposes them (see disposeBatch). */
export function makeBatch(table: SampleTable, indices: readonly number[], classWeights: readonly number[]): Batch {
  const size = table.window * table.features;
  const x = new Float32Array(indices.length * size);
  const oneHot = new Float32Array(indices.length * table.classes);
  const weights = new Float32Array(indices.length);
  const labels = indices.map((s) => table.labels[s]);
  indices.forEach((s, b) => {
    x.set(table.data.subarray(s * size, (s + 1) * size), b * size);
    oneHot[b * table.classes + labels[b]] = 1;
    weights[b] = classWeights[labels[b]];
  });
  return {
    x: tf.tensor3d(x, [indices.length, table.window, table.features]),
    oneHot: tf.tensor2d(oneHot, [indices.length, table.classes]),
    weights: tf.tensor1d(weights),
    labels,
    weightSum: labels.reduce((sum, y) => sum + classWeights[y], 0),
  };
}

export function disposeBatch(batch: Batch): void {
  tf.dispose([batch.x, batch.oneHot, batch.weights]);
}

/** Index of the largest value in row `row` of a [rows, cols] array (first on ties). */
export function argmaxRow(values: Float32Array | number[], row: number, cols: number): number {
  let best = 0;
  for (let c = 1; c < cols; c++) if (values[row * cols + c] > values[row * cols + best]) best = c;
  return best;
}
