import * as tf from '@tensorflow/tfjs-core';
import type { SequenceClassifier } from '../model/types.js';
import { argmaxRow, chunk, disposeBatch, makeBatch, type SampleTable } from './batches.js';

export interface Evaluation {
  /** Class-weighted cross-entropy, Σ w·CE / Σ w, as in training. */
  loss: number;
  accuracy: number;
  /** confusion[true][predicted]. */
  confusion: number[][];
}

/** Loss, accuracy and confusion matrix of `model` (dropout off) on the samples `indices`. */
export async function evaluate(
  model: SequenceClassifier,
  table: SampleTable,
  indices: readonly number[],
  classWeights: readonly number[],
  batchSize: number,
): Promise<Evaluation> {
  const confusion = Array.from({ length: table.classes }, () => new Array<number>(table.classes).fill(0));
  let weighted = 0;
  let weightSum = 0;
  let correct = 0;
  for (const part of chunk(indices, batchSize)) {
    const batch = makeBatch(table, part, classWeights);
    const logProbs = tf.tidy(() => tf.logSoftmax(model.logits(batch.x, false)));
    const values = await logProbs.data();
    tf.dispose(logProbs);
    disposeBatch(batch);
    batch.labels.forEach((y, b) => {
      const predicted = argmaxRow(values as Float32Array, b, table.classes);
      confusion[y][predicted]++;
      if (predicted === y) correct++;
      weighted -= classWeights[y] * values[b * table.classes + y];
      weightSum += classWeights[y];
    });
  }
  return {
    loss: weightSum > 0 ? weighted / weightSum : NaN,
    accuracy: indices.length > 0 ? correct / indices.length : NaN,
    confusion,
  };
}
