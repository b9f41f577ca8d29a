import * as tf from '@tensorflow/tfjs-core';
import { performance } from 'node:perf_hooks';
import { argmax } from './argmax.js';
import { maskedAccuracyOf } from './faithfulness.js';
import { randomisableClassifier } from './randomisation-model.js';
import { randomisationCheck, type RandomisationMode } from './randomisation.js';
import { SaliencyError } from './methods/errors.js';
import { computeSaliency, DEFAULTS, gradientRowBytes, type SaliencyOptions } from './methods/index.js';
import type { RunInput } from '../jobs/run-input.js';
import type { ExplainedSample, StoredSaliency } from './store.js';
import type { ProbabilityFn, RunControl, SaliencyMethod, SampleBlock } from './types.js';

/** What to explain and how. */
export interface ExplainRequest {
  runDir: string;
  method: SaliencyMethod;
  samples: 'test' | 'all';
  /** Explain the true class (the paper's choice) or the predicted one. */
  target: 'true' | 'predicted';
  /** Method options; a baseline or TSR mask of kind `mean` gets the run's training mean. */
  options: SaliencyOptions;
  /** Fractions of cells for the masked-accuracy drop (faithfulness.ts), seeded by options.seed; omitted or empty: not measured. */
  maskedAccuracy?: readonly number[];
  /** The model-parameter randomisation check (randomisation.ts), seeded by options.seed; omitted: not run. */
  randomisation?: RandomisationMode;
}

/** What a user names a baseline by: `mean` is the mean of the run's training samples. */
export type BaselineName = 'zeros' | 'mean' | 'random';

/**
 * Saliency maps for an opened run's best model on its chosen samples, with what the model
 * predicted for each: the result `writeSaliencyResult` stores. jobs/explain-run.ts opens the
 * run folder; reproduce-paper reuses a run it has opened.
 */
export async function explainInput(input: RunInput, request: ExplainRequest, control: RunControl, backend: string): Promise<StoredSaliency> {
  const start = performance.now();
  const options: SaliencyOptions = withTrainingMean(request.options, input);
  const targets = request.target === 'true' ? { kind: 'true' as const, labels: input.labels } : { kind: 'predicted' as const };
  const rowBytes = gradientRowBytes(input.samples.time, input.samples.features, input.config.model);
  const result = await computeSaliency(request.method, input.probabilities, input.samples, targets, options, { rowBytes, ...control });
  const probs = await probabilities(input.probabilities, input.samples, result.params.batchSize as number);
  const classes = input.config.classes.length;
  const samples: ExplainedSample[] = input.indices.map((index, k) => {
    const row = probs.subarray(k * classes, (k + 1) * classes);
    const predicted = argmax(row);
    if (predicted === null) {
      // Softmax gives NaN only from NaN logits: the model itself is broken, so no class is predicted.
      throw new SaliencyError('SALIENCY_NAN_PROBABILITY', input.runDir, `probabilities of dataset sample ${index}`, Array.from(row), 'finite class probabilities (the best model yields NaN; retrain the run)');
    }
    const target = result.targets[k];
    return { index, label: input.labels[k], target, predicted, probability: row[target], ...(result.delta ? { delta: result.delta[k] } : {}) };
  });
  const seconds = (performance.now() - start) / 1000;
  // After the maps, on the same samples and true labels, with the batch size the maps settled on.
  const maskedAccuracy = request.maskedAccuracy?.length
    ? await maskedAccuracyOf(input.probabilities, input.samples, input.labels, result.maps, request.maskedAccuracy, request.options.seed ?? DEFAULTS.seed, { ...control, batchSize: result.params.batchSize as number })
    : undefined;
  // The same method and options on copies of the model with re-initialised weights, explaining the same classes.
  const randomisation = request.randomisation
    ? await randomisationCheck(randomisableClassifier(input.model), {
      method: request.method, options, samples: input.samples, targets: result.targets, trained: result.maps,
      mode: request.randomisation, seed: request.options.seed ?? DEFAULTS.seed,
    }, { ...control, batchSize: result.params.batchSize as number })
    : undefined;
  return {
    maps: result.maps,
    index: {
      run: input.runDir, dataset: input.config.dataset, model: input.modelIdentity,
      method: `${request.method}${result.params.tsr ? '+tsr' : ''}`,
      params: { ...result.params, target: request.target },
      samplesFrom: request.samples, classes: input.config.classes, regions: input.config.regions,
      window: input.dataset.window, samples, backend,
      seconds, createdAt: new Date().toISOString(), ...(maskedAccuracy ? { maskedAccuracy } : {}),
      ...(randomisation ? { randomisation } : {}),
    },
  };
}

/** A `mean` baseline (IG, occlusion, TSR's mask) without values gets the training mean: never test data. */
function withTrainingMean(options: SaliencyOptions, input: RunInput): SaliencyOptions {
  const fill = <T extends SaliencyOptions['baseline']>(spec: T): T => (spec?.kind === 'mean' && spec.mean === undefined ? { ...spec, mean: input.trainingMean } : spec);
  const tsr = typeof options.tsr === 'object' && options.tsr.mask ? { ...options.tsr, mask: fill(options.tsr.mask) } : options.tsr;
  return { ...options, baseline: fill(options.baseline), tsr };
}

/** The method option for a baseline name. */
export function baselineSpec(name: BaselineName, seed = 0): NonNullable<SaliencyOptions['baseline']> {
  return name === 'mean' ? ({ kind: 'mean' } as NonNullable<SaliencyOptions['baseline']>) : name === 'random' ? { kind: 'random', seed } : { kind: 'zeros' };
}

/** Softmax probabilities of every sample, [samples × classes], in batches. */
async function probabilities(model: ProbabilityFn, block: SampleBlock, batchSize: number): Promise<Float32Array> {
  const { samples, time, features } = block;
  const cells = time * features;
  const parts: Float32Array[] = [];
  for (let s = 0; s < samples; s += batchSize) {
    const n = Math.min(batchSize, samples - s);
    const p = tf.tidy(() => model(tf.tensor3d(block.data.subarray(s * cells, (s + n) * cells), [n, time, features])));
    parts.push((await p.data()) as Float32Array);
    p.dispose();
  }
  const out = new Float32Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) (out.set(p, at), (at += p.length));
  return out;
}
