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

/**
 * One mini-batch: forward with dropout, class-weighted loss, gradients, one Adam update, the loss
 * and logits read back asynchronously (GPU backends, webgpu, cannot read synchronously in Node;
 * the others lose nothing by it).
 */
export async function trainStepAsync(model: SequenceClassifier, adam: Adam, table: SampleTable, indices: readonly number[], classWeights: readonly number[]): Promise<StepResult> {
  const step = applyStep(model, adam, table, indices, classWeights);
  try {
    return step.result((await step.loss.data())[0], (await step.logits.data()) as Float32Array);
  } finally {
    step.dispose();
  }
}

/** The step itself, up to the tensors to read back: the loss and the logits (kept until dispose). */
function applyStep(model: SequenceClassifier, adam: Adam, table: SampleTable, indices: readonly number[], classWeights: readonly number[]) {
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
    tf.dispose(Object.values(grads));
    const kept = logits!;
    return {
      loss: value,
      logits: kept,
      result: (loss: number, values: Float32Array): StepResult => ({
        loss,
        correct: batch.labels.filter((y, b) => argmaxRow(values, b, table.classes) === y).length,
        weightSum: batch.weightSum,
      }),
      dispose: () => {
        tf.dispose([value, kept]);
        disposeBatch(batch);
      },
    };
  } catch (err) {
    if (logits) tf.dispose(logits);
    disposeBatch(batch);
    throw err;
  }
}
