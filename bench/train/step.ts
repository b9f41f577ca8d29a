import * as tf from '@tensorflow/tfjs-core';
import { Adam } from '../../src/jobs/adam.js';
import type { SampleTable } from '../../src/jobs/batches.js';
import { trainStepAsync } from '../../src/jobs/train-step.js';
import type { SequenceClassifier } from '../../src/model/types.js';
import { createNormalRng } from '../../src/util/rng.js';
import { SHAPE, summarize, type StepTimes } from './setup.js';

/**
 * Times the training engine's own step (`trainStepAsync`: batch copy, forward with dropout,
 * class-weighted cross-entropy, backward, Adam with lr 1e-3, β 0.9/0.999, ε 1e-8, reading back
 * loss and predictions) on one fixed random batch. Reading back makes every backend finish.
 */
export async function timeTrainingSteps(model: SequenceClassifier, warmup: number, repeat: number): Promise<StepTimes & { leakedTensors: number }> {
  const { batch, steps, features, classes } = SHAPE;
  const rng = createNormalRng(1);
  const table: SampleTable = {
    data: Float32Array.from({ length: batch * steps * features }, rng.normal),
    window: steps, features, classes,
    labels: Array.from({ length: batch }, (_, i) => i % classes),
  };
  const indices = Array.from({ length: batch }, (_, i) => i);
  const classWeights = Array<number>(classes).fill(1);
  const adam = new Adam(model.variables, { learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 });
  const step = async () => (await trainStepAsync(model, adam, table, indices, classWeights)).loss;

  let loss = NaN;
  for (let i = 0; i < warmup; i++) loss = await step();
  const before = tf.memory().numTensors;
  const times: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const start = performance.now();
    loss = await step();
    times.push(performance.now() - start);
  }
  const leakedTensors = tf.memory().numTensors - before;
  adam.dispose();
  return { ...summarize(times, loss), leakedTensors };
}
