import type { NamedWeights } from '../model/types.js';
import { computeSaliency, type SaliencyOptions } from './methods/index.js';
import type { RandomisationMode } from './randomisation-modes.js';
import { RANDOMISATION_FAIL_THRESHOLD, stageOf, type RandomisationStage, type StoredRandomisation } from './randomisation-result.js';
import type { ProbabilityFn, RunControl, SaliencyMaps, SaliencyMethod, SampleBlock } from './types.js';

export { RANDOMISATION_MODES, type RandomisationMode } from './randomisation-modes.js';
export * from './randomisation-result.js';

/** What the check needs of a model: its weights by layer, their initialisers, and a way to run other weights. */
export interface RandomisableModel {
  /** The trained weights. */
  weights: NamedWeights;
  /** Layer groups from the input to the head, each naming its weights. */
  layers: readonly { name: string; weights: readonly string[] }[];
  /** Fresh values of one weight from a seed: the model's own initialiser. */
  initial(name: string, seed: number): Float32Array;
  /** The model's probabilities with `weights` instead of the trained ones; dispose it when done. */
  withWeights(weights: NamedWeights): { probabilities: ProbabilityFn; dispose(): void };
}

export interface RandomisationRequest {
  method: SaliencyMethod;
  /** The options the trained maps were computed with (TSR included). */
  options: SaliencyOptions;
  samples: SampleBlock;
  /** The class each trained map explains: the randomised models explain the same class. */
  targets: Int32Array;
  /** The trained model's maps of `samples`. */
  trained: SaliencyMaps;
  mode: RandomisationMode;
  seed: number;
}

/**
 * Recomputes the maps on copies of `model` with re-initialised weights (stages by `mode`)
 * and compares each with the trained map by Spearman ρ of absolute values. Every stage uses
 * the same seed per weight, so cascading stages are cumulative: stage k holds stage k−1's
 * random weights and one more layer group's. Costs one set of maps per stage; progress is
 * not reported (the maps' own progress has ended), cancelling through `control.signal` is.
 */
export async function randomisationCheck(model: RandomisableModel, request: RandomisationRequest, control: RunControl): Promise<StoredRandomisation> {
  const stages: RandomisationStage[] = [];
  for (const layers of stageLayers(model.layers, request.mode)) {
    const weights: NamedWeights = { ...model.weights };
    for (const group of model.layers.filter((l) => layers.includes(l.name))) {
      for (const name of group.weights) weights[name] = { shape: model.weights[name].shape.slice(), values: model.initial(name, request.seed) };
    }
    const randomised = model.withWeights(weights);
    try {
      const result = await computeSaliency(request.method, randomised.probabilities, request.samples, { kind: 'true', labels: request.targets }, request.options, { ...control, onProgress: undefined });
      stages.push(stageOf(layers, request.trained, result.maps));
    } finally {
      randomised.dispose();
    }
  }
  const last = stages[stages.length - 1]?.meanAbs ?? null;
  const verdict = last === null ? 'undetermined' : last >= RANDOMISATION_FAIL_THRESHOLD ? 'fails' : 'passes';
  return { mode: request.mode, init: 'model', seed: request.seed, threshold: RANDOMISATION_FAIL_THRESHOLD, stages, verdict };
}

/** The layer groups re-initialised at each stage, head first. */
export function stageLayers(layers: RandomisableModel['layers'], mode: RandomisationMode): string[][] {
  const headFirst = layers.map((l) => l.name).reverse();
  return mode === 'independent' ? [headFirst] : headFirst.map((_, k) => headFirst.slice(0, k + 1));
}

