import type { BackendProbe } from '../model/backend/probe.js';
import type { ModelConfig } from '../model/types.js';
import { createRng } from '../util/rng.js';
import { Adam } from './adam.js';
import type { SampleTable } from './batches.js';
import type { CreateModel } from './model-factory.js';
import { trainStepAsync } from './train-step.js';

/** The size of one training batch, as the run will feed it. */
export interface ProbeBatch {
  batchSize: number;
  window: number;
}

/**
 * The probe `auto` times on each backend (selectBackend): the run's own model, optimizer and
 * training step on one batch of the run's size. Values are synthetic (seeded uniform inputs,
 * labels cycling over the classes): a step's time depends on the shapes, not on the data.
 * The model is built with `create`, the same factory as the run, so a host's model is timed.
 */
export function trainingProbe(config: ModelConfig, batch: ProbeBatch, create: CreateModel, seed: number): BackendProbe {
  const { batchSize, window } = batch;
  const features = config.inputSize;
  return {
    shape: { ...config, batchSize, window },
    prepare() {
      const rng = createRng(seed);
      const data = Float32Array.from({ length: batchSize * window * features }, () => rng() * 2 - 1);
      const labels = Array.from({ length: batchSize }, (_, i) => i % config.classes);
      const table: SampleTable = { data, window, features, labels, classes: config.classes };
      const indices = labels.map((_, i) => i);
      const weights = new Array<number>(config.classes).fill(1);
      const model = create(config, seed);
      let adam: Adam;
      try {
        adam = new Adam(model.variables, { learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 });
      } catch (err) {
        model.dispose();
        throw err;
      }
      return {
        step: async () => void (await trainStepAsync(model, adam, table, indices, weights)),
        dispose: () => {
          adam.dispose();
          model.dispose();
        },
      };
    },
  };
}
