import * as tf from '@tensorflow/tfjs-core';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../src/jobs/types.js';
import { createClassifier } from '../../src/model/classifier.js';
import { selectBackend } from '../../src/model/backend/select.js';
import { DEFAULT_MODEL_CONFIG, type ModelConfig, type SequenceClassifier } from '../../src/model/types.js';
import { tempDir } from '../helpers/temp-tree.js';
import { newRun, trainCollecting } from './helpers/run.js';
import { writeToyDataset } from './helpers/toy-dataset.js';

const EPOCHS = 5;
const tiny = { hidden: 3, attentionDim: 4, hops: 2 };

/** Trains the real classifier in-process on cpu; returns live tensors after each epoch and after the run. */
async function liveTensors(model: Partial<ModelSpec>, create: (c: ModelConfig, seed: number) => SequenceClassifier = createClassifier) {
  const root = await tempDir();
  const data = await writeToyDataset(path.join(root, 'data'), { counts: { train: [10, 6], test: [3, 3] }, window: 5, regions: 4 });
  const request = newRun(path.join(root, 'run'), data, { epochs: EPOCHS, patience: EPOCHS });
  request.model = { ...request.model, ...tiny, ...model };
  const deps = { createModel: create, selectBackend: () => selectBackend('cpu') };
  await selectBackend('cpu');
  const before = tf.memory().numTensors;
  const { events, summary } = await trainCollecting(request, {}, deps);
  expect(summary.epochs).toBe(EPOCHS);
  return { perEpoch: events.flatMap((e) => (e.kind === 'epoch' ? [e.payload.liveTensors] : [])), before, after: tf.memory().numTensors };
}

describe('no tensor leaks in training (real classifier)', () => {
  it.each([
    { cell: 'lstm', attention: 'input-cell', variant: 'mean' },
    { cell: 'gru', attention: 'input-cell', variant: 'matrix' },
    { cell: 'rnn', attention: 'none', variant: 'mean' },
  ] as const)('$cell with attention $attention ($variant): live tensors flat across epochs, none left after the run', async (model) => {
    const { perEpoch, before, after } = await liveTensors(model);
    expect(perEpoch).toHaveLength(EPOCHS);
    expect(new Set(perEpoch.slice(1)).size).toBe(1);
    // Beyond what existed before: the model's variables and Adam's two moments per variable.
    const probe = createClassifier({ ...DEFAULT_MODEL_CONFIG, ...tiny, ...model, inputSize: 4, classes: 2 }, 0);
    const variables = probe.variables.size;
    probe.dispose();
    expect(perEpoch[1] - before).toBe(3 * variables);
    expect(after).toBe(before);
  });

  it('the measurement catches a leak of one tensor per forward pass', async () => {
    const leaky = (config: ModelConfig, seed: number): SequenceClassifier => {
      const model = createClassifier(config, seed);
      return { ...model, config: model.config, variables: model.variables, logits: (x, training) => (tf.keep(tf.zeros([1])), model.logits(x, training)) };
    };
    const { perEpoch } = await liveTensors({ cell: 'lstm', attention: 'input-cell' }, leaky);
    // 16 training samples, 10 % carved for validation (2), batches of 4 → 4 steps + 1 evaluation per epoch.
    expect(perEpoch.slice(1).map((n, i) => n - perEpoch[i])).toEqual(new Array(EPOCHS - 1).fill(5));
  });
});
