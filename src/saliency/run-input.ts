import * as tf from '@tensorflow/tfjs-core';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../errors.js';
import { loadClassifier, type ModelIdentity } from '../jobs/model-dir.js';
import { readSummary, runPath, type RunConfig } from '../jobs/run-dir.js';
import { readRunConfig } from '../jobs/run-setup.js';
import { trainingSplits } from '../jobs/splits.js';
import { createClassifier } from '../model/classifier.js';
import type { SequenceClassifier } from '../model/types.js';
import { readDatasetCache } from '../study/cache.js';
import type { Dataset } from '../study/dataset.js';
import { pickRows } from '../util/rows.js';
import type { ProbabilityFn, SampleBlock } from './types.js';

/** A finished run ready to be explained: its best model, its data and which samples to use. */
export interface RunInput {
  runDir: string;
  config: RunConfig;
  dataset: Dataset;
  model: SequenceClassifier;
  /** Which saved weights `model` holds, for the result to record. */
  modelIdentity: ModelIdentity;
  probabilities: ProbabilityFn;
  /** Dataset indices of the samples to explain, ascending. */
  indices: number[];
  samples: SampleBlock;
  labels: number[];
  /** Mean of the training samples per (time, region): IG's `mean` baseline, never test data. */
  trainingMean: Float32Array;
}

/**
 * Opens a run for saliency: the best checkpoint's model (dropout off), the dataset it was
 * trained on, and the test samples (the same split training used) or all samples.
 */
export async function openRunInput(runDir: string, which: 'test' | 'all'): Promise<RunInput> {
  const dir = path.resolve(runDir);
  await requireFinishedRun(dir);
  const config = await readRunConfig(dir);
  const dataset = await readDatasetCache(config.dataset);
  const { model, identity } = await loadClassifier(runPath(dir, 'best'), createClassifier);
  const splits = trainingSplits(dataset.samples, config.training.seed, config.training.validationFraction);
  const indices = which === 'test' ? splits.test : dataset.samples.map((_, i) => i);
  return {
    runDir: dir, config, dataset, model, modelIdentity: identity,
    probabilities: (x) => tf.softmax(model.logits(x, false)),
    indices,
    samples: gather(dataset, indices),
    labels: indices.map((i) => dataset.samples[i].label),
    trainingMean: meanOf(dataset, splits.train),
  };
}

/** The chosen samples copied into one block [samples, window, regions]. */
export function gather(dataset: Dataset, indices: readonly number[]): SampleBlock {
  const data = pickRows(dataset.data, indices, dataset.window * dataset.regions.length);
  return { data, samples: indices.length, time: dataset.window, features: dataset.regions.length };
}

function meanOf(dataset: Dataset, indices: readonly number[]): Float32Array {
  const size = dataset.window * dataset.regions.length;
  const sum = new Float64Array(size);
  for (const s of indices) for (let k = 0; k < size; k++) sum[k] += dataset.data[s * size + k];
  return Float32Array.from(sum, (v) => v / Math.max(indices.length, 1));
}

/** A run folder that is not a finished training run. */
export class RunInputError extends InputError {}

async function requireFinishedRun(dir: string): Promise<void> {
  if (!(await stat(runPath(dir, 'config')).then(() => true, () => false))) {
    throw new RunInputError('RUN_MISSING', dir, 'run folder', 'no config.json', 'a training run folder (written by `saliency-studio train --out`)');
  }
  // Checked as training wrote it: a damaged summary.json means the run cannot be trusted as finished.
  if ((await readSummary(dir)) === null) {
    throw new RunInputError('RUN_UNFINISHED', dir, 'run folder', 'no summary.json', 'a finished run (finish it with `saliency-studio train --resume --out <run-dir>`)');
  }
}
