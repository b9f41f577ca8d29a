import * as tf from '@tensorflow/tfjs-core';
import type { SequenceClassifier } from '../model/types.js';
import type { Adam } from './adam.js';
import { argmaxRow, disposeBatch, makeBatch, type SampleTable } from './batches.js';
import { weightedCrossEntropy } from './loss.js';

export interface StepResult {
  loss: number;
  correct: number;
  /** Σ of the batch's class weights, to average losses over an epoch as over one big batch. */
  weightSum: number;
}

/** One mini-batch: forward with dropout, class-weighted loss, gradients, one Adam update. */
export function trainStep(model: SequenceClassifier, adam: Adam, table: SampleTable, indices: readonly number[], classWeights: readonly number[]): StepResult {
  const batch = makeBatch(table, indices, classWeights);
  const names = [...model.variables.keys()];
  const variables = [...model.variables.values()];
  let logits: tf.Tensor2D | undefined;
  try {
    const { value, grads } = tf.variableGrads(() => {
      const out = model.logits(batch.x, true);
      logits = tf.keep(out);
      return weightedCrossEntropy(out, batch.oneHot, batch.weights);
    }, variables);
    // TF.js keys gradients by its internal variable names; Adam keys state by the model's names.
    const byName = new Map<string, tf.Tensor>();
    variables.forEach((v, i) => grads[v.name] && byName.set(names[i], grads[v.name]));
    adam.apply(byName);
    const loss = value.dataSync()[0];
    const values = logits!.dataSync();
    tf.dispose([value, ...Object.values(grads)]);
    const correct = batch.labels.filter((y, b) => argmaxRow(values as Float32Array, b, table.classes) === y).length;
    return { loss, correct, weightSum: batch.weightSum };
  } finally {
    if (logits) tf.dispose(logits);
    disposeBatch(batch);
  }
}
