import { performance } from 'node:perf_hooks';
import { Adam } from '../../src/jobs/adam.js';
import { chunk, epochOrder, type SampleTable } from '../../src/jobs/batches.js';
import { classWeights } from '../../src/jobs/class-weights.js';
import { STREAM } from '../../src/jobs/seeds.js';
import type { Classifier } from '../../src/model/classifier.js';
import type { NamedWeights } from '../../src/model/types.js';
import { subSeed } from '../../src/util/seeds.js';
import { readoutAccuracy, readoutTrainStep } from './readout.js';

/** The official trainer's settings (trainModels.py), with our cap on epochs. */
export interface OfficialRule {
  /** The cap; the official code allows 400 and stops at 100 % training accuracy, never reached here. */
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Evaluate after every this many batches of an epoch (the official `(i+1) % k == 0`, i restarting each epoch). */
  evaluateEvery: number;
  seed: number;
}

/** One evaluation of the selection split, for the trace. */
export interface Evaluation {
  epoch: number;
  batch: number;
  accuracy: number;
}

export interface ReadoutTraining {
  /** The weights at the first evaluation with the highest selection accuracy. */
  best: NamedWeights;
  bestAccuracy: number;
  bestEpoch: number;
  bestBatch: number;
  evaluations: Evaluation[];
  epochs: number;
  /** Running training accuracy of each epoch (read out at length − 1, dropout on). */
  trainAccuracy: number[];
  trainLoss: number[];
  seconds: number;
}

/**
 * Trains `model` as the official trainer did on Mixed: Adam, shuffled batches, the loss on the
 * state read out at each sample's step length − 1 (readout.ts), and every `evaluateEvery`
 * batches the accuracy on `select` read out the same way (the official test loader carried the
 * same lengths), keeping the first best (`Test_Acc > BestAcc`). Dropout masks and batch order
 * follow our engine's seeded streams (jobs/seeds.ts). Stops at the cap or, as the official code,
 * once an epoch's training accuracy reaches 100 %.
 */
export async function trainWithReadout(model: Classifier, table: SampleTable, train: readonly number[], select: readonly number[], lengths: ArrayLike<number>, rule: OfficialRule, onEpoch?: (epoch: number, t: ReadoutTraining) => void): Promise<ReadoutTraining> {
  const start = performance.now();
  const adam = new Adam(model.variables, { learningRate: rule.learningRate, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 });
  const weights = classWeights(train.map((s) => table.labels[s]), Array.from({ length: table.classes }, (_, c) => String(c)), 'mixed training split');
  const result: ReadoutTraining = {
    best: model.getWeights(), bestAccuracy: -1, bestEpoch: 0, bestBatch: 0,
    evaluations: [], epochs: 0, trainAccuracy: [], trainLoss: [], seconds: 0,
  };
  try {
    for (let epoch = 1; epoch <= rule.epochs; epoch++) {
      model.reseedDropout(subSeed(rule.seed, STREAM.dropout, epoch));
      let correct = 0;
      let seen = 0;
      let lossSum = 0;
      let weightSum = 0;
      for (const [i, indices] of chunk(epochOrder(train, rule.seed, epoch), rule.batchSize).entries()) {
        const step = readoutTrainStep(model, adam, table, indices, lengths, weights);
        correct += step.correct;
        seen += indices.length;
        lossSum += step.loss * step.weightSum;
        weightSum += step.weightSum;
        if ((i + 1) % rule.evaluateEvery === 0) {
          const accuracy = readoutAccuracy(model, table, select, lengths, 500);
          result.evaluations.push({ epoch, batch: i + 1, accuracy });
          if (accuracy > result.bestAccuracy) Object.assign(result, { best: model.getWeights(), bestAccuracy: accuracy, bestEpoch: epoch, bestBatch: i + 1 });
        }
        // Lets a pending signal or timer in between batches.
        if (i % 20 === 19) await new Promise<void>((resolve) => setImmediate(resolve));
      }
      result.epochs = epoch;
      result.trainAccuracy.push(correct / seen);
      result.trainLoss.push(lossSum / weightSum);
      result.seconds = (performance.now() - start) / 1000;
      onEpoch?.(epoch, result);
      if (correct === seen) break;
    }
  } finally {
    adam.dispose();
  }
  return result;
}
