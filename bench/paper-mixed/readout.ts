import * as tf from '@tensorflow/tfjs-core';
import type { Adam } from '../../src/jobs/adam.js';
import { argmaxRow, chunk, type SampleTable } from '../../src/jobs/batches.js';
import { weightedCrossEntropy } from '../../src/jobs/loss.js';
import type { SequenceClassifier } from '../../src/model/types.js';
import { StudyError } from '../../src/errors.js';

/** The samples of one batch read out at the same step: `positions` index the batch's `indices`. */
export interface ReadoutGroup {
  /** Steps fed to the model: the classifier reads the hidden state at step length − 1. */
  length: number;
  positions: number[];
}

/**
 * A batch split by read-out length, shortest first. `lengths` is indexed by dataset sample (the
 * official X_lengths: the classifier reads the state at step length − 1). Our recurrence and
 * input-cell attention are causal (M_t = softmax_{j≤t}-weighted mean of x_0…x_t; the cell sees
 * only M_0…M_t), so the state at step L − 1 of the full sequence is the final state of its
 * first L steps: running each group on its truncated inputs is the official gather, exactly.
 */
export function groupByLength(lengths: ArrayLike<number>, indices: readonly number[], window: number): ReadoutGroup[] {
  const groups = new Map<number, number[]>();
  indices.forEach((s, b) => {
    const L = lengths[s];
    if (!Number.isInteger(L) || L < 1 || L > window) {
      throw new StudyError('READOUT_LENGTH', 'read-out lengths', `sample ${s}`, L, `an integer from 1 to the window (${window})`);
    }
    groups.set(L, [...(groups.get(L) ?? []), b]);
  });
  return [...groups.entries()].sort(([a], [b]) => a - b).map(([length, positions]) => ({ length, positions }));
}

/** Inputs of `samples` cut to their first `length` steps, [n, length, features]; the caller disposes it. */
export function truncatedInputs(table: SampleTable, samples: readonly number[], length: number): tf.Tensor3D {
  const size = table.window * table.features;
  const keep = length * table.features;
  const x = new Float32Array(samples.length * keep);
  samples.forEach((s, k) => x.set(table.data.subarray(s * size, s * size + keep), k * keep));
  return tf.tensor3d(x, [samples.length, length, table.features]);
}

/** What one read-out pass gives: the mean loss, the logits in batch order, and the gradients by variable name. */
export interface ReadoutPass {
  loss: number;
  /** [batch, classes], row b for indices[b]. */
  logits: Float32Array;
  /** By the model's variable names; the caller disposes them. */
  grads: Map<string, tf.Tensor>;
  correct: number;
  weightSum: number;
}

/**
 * Forward and backward of the official training loss with per-sample read-out: each length
 * group's class-weighted cross-entropy summed, divided by the whole batch's summed class weights
 * (so it equals one weighted mean over the batch, as PyTorch's CrossEntropyLoss over the gathered
 * outputs), and its gradients for every variable. `training` turns dropout on.
 */
export function readoutPass(model: SequenceClassifier, table: SampleTable, indices: readonly number[], lengths: ArrayLike<number>, classWeights: readonly number[], training: boolean): ReadoutPass {
  const groups = groupByLength(lengths, indices, table.window);
  const labels = indices.map((s) => table.labels[s]);
  const weightSum = labels.reduce((sum, y) => sum + classWeights[y], 0);
  const logits = new Float32Array(indices.length * table.classes);
  const inputs = groups.map((g) => truncatedInputs(table, g.positions.map((b) => indices[b]), g.length));
  const targets = groups.map((g) => {
    const oneHot = new Float32Array(g.positions.length * table.classes);
    g.positions.forEach((b, k) => { oneHot[k * table.classes + labels[b]] = 1; });
    return {
      oneHot: tf.tensor2d(oneHot, [g.positions.length, table.classes]),
      weights: tf.tensor1d(g.positions.map((b) => classWeights[labels[b]])),
      share: g.positions.reduce((sum, b) => sum + classWeights[labels[b]], 0) / weightSum,
    };
  });
  const names = [...model.variables.keys()];
  const variables = [...model.variables.values()];
  const kept: tf.Tensor2D[] = [];
  try {
    const { value, grads } = tf.variableGrads(() => {
      const parts: tf.Scalar[] = [];
      for (let k = 0; k < groups.length; k++) {
        const out = model.logits(inputs[k], training);
        kept.push(tf.keep(out));
        parts.push(tf.mul(weightedCrossEntropy(out, targets[k].oneHot, targets[k].weights), targets[k].share) as tf.Scalar);
      }
      return (parts.length === 1 ? parts[0] : tf.addN(parts)) as tf.Scalar;
    }, variables);
    const byName = new Map<string, tf.Tensor>();
    variables.forEach((v, i) => grads[v.name] && byName.set(names[i], grads[v.name]));
    const loss = value.dataSync()[0];
    value.dispose();
    groups.forEach((g, k) => {
      const values = kept[k].dataSync();
      g.positions.forEach((b, r) => logits.set(values.subarray(r * table.classes, (r + 1) * table.classes), b * table.classes));
    });
    const correct = labels.filter((y, b) => argmaxRow(logits, b, table.classes) === y).length;
    return { loss, logits, grads: byName, correct, weightSum };
  } finally {
    tf.dispose([...kept, ...inputs, ...targets.flatMap((t) => [t.oneHot, t.weights])]);
  }
}

/** One mini-batch of the emulated official training: read-out pass with dropout, then one Adam update. */
export function readoutTrainStep(model: SequenceClassifier, adam: Adam, table: SampleTable, indices: readonly number[], lengths: ArrayLike<number>, classWeights: readonly number[]): { loss: number; correct: number; weightSum: number } {
  const pass = readoutPass(model, table, indices, lengths, classWeights, true);
  try {
    adam.apply(pass.grads);
  } finally {
    tf.dispose([...pass.grads.values()]);
  }
  return { loss: pass.loss, correct: pass.correct, weightSum: pass.weightSum };
}

/** Predicted class (dropout off) of each of `indices`, read out at step length − 1. */
export function readoutPredictions(model: SequenceClassifier, table: SampleTable, indices: readonly number[], lengths: ArrayLike<number>, batchSize: number): Int32Array {
  const predicted = new Int32Array(indices.length);
  for (const g of groupByLength(lengths, indices, table.window)) {
    for (const part of chunk(g.positions, batchSize)) {
      const out = tf.tidy(() => model.logits(truncatedInputs(table, part.map((b) => indices[b]), g.length), false));
      const v = out.dataSync() as Float32Array;
      out.dispose();
      part.forEach((b, r) => { predicted[b] = argmaxRow(v, r, table.classes); });
    }
  }
  return predicted;
}

/**
 * Accuracy with each sample read out at step length − 1: what the official trainer's
 * checkAccuracyOnTestLstm measured, since its test loader carried the same lengths.
 */
export function readoutAccuracy(model: SequenceClassifier, table: SampleTable, indices: readonly number[], lengths: ArrayLike<number>, batchSize: number): number {
  const predicted = readoutPredictions(model, table, indices, lengths, batchSize);
  return indices.length > 0 ? indices.filter((s, b) => predicted[b] === table.labels[s]).length / indices.length : NaN;
}
