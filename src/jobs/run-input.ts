import * as tf from '@tensorflow/tfjs-core';
import path from 'node:path';
import { loadClassifier, type ModelIdentity } from './model-dir.js';
import { requireFinishedRun, runPath, type RunConfig } from './run-dir.js';
import { readRunConfig } from './run-setup.js';
import { trainingSplits } from './splits.js';
import { createClassifier } from '../model/classifier.js';
import type { SequenceClassifier } from '../model/types.js';
import { readDatasetCache } from '../study/cache.js';
import type { Dataset } from '../study/dataset.js';
import { columnMeans } from '../util/column-means.js';
import { pickRows } from '../util/rows.js';
import type { ProbabilityFn, SampleBlock } from '../saliency/types.js';

/**
 * A finished run ready to be explained: its best model, its data and which samples to use.
 * Opening a run folder is the run's owner's job (jobs/); saliency/ only computes on what it gets.
 */
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
    trainingMean: Float32Array.from(columnMeans(dataset.data, dataset.window * dataset.regions.length, splits.train)),
  };
}

/** The chosen samples copied into one block [samples, window, regions]. */
export function gather(dataset: Dataset, indices: readonly number[]): SampleBlock {
  const data = pickRows(dataset.data, indices, dataset.window * dataset.regions.length);
  return { data, samples: indices.length, time: dataset.window, features: dataset.regions.length };
}
