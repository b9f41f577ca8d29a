import { createNormalRng } from '../../util/rng.js';
import { subSeed } from '../../util/seeds.js';
import type { ProbabilityFn, RunControl, SaliencyMaps, SampleBlock } from '../types.js';
import { checkFractions, checkLabels, checkMaps } from './check.js';
import { MetricError } from './errors.js';
import { DEFAULT_FRACTIONS } from './precision-recall.js';
import { copySample, replaceRandomCells, replaceTopCells } from './replace-cells.js';
import { correctness, type PassCounter } from './predict.js';
import { scaledAbsMap } from './scale.js';
import { descendingOrder, KEEP_BY, keptCounts, type KeepBy } from './top-cells.js';

export interface MaskedAccuracyOptions {
  /** Fractions p replaced, strictly increasing in (0, 1] (default 0.1 … 0.9). */
  ps?: readonly number[];
  /** How the top p is counted, as in precisionRecall (default `mass`). */
  keepBy?: KeepBy;
  /** Seed of the noise and of the random control's cells; results do not depend on batchSize. */
  seed: number;
  control: RunControl;
}

export interface MaskedAccuracy {
  ps: number[];
  keepBy: KeepBy;
  /** Accuracy on the inputs as they are, and per sample 1 if classified correctly. */
  baseline: number;
  baselineCorrect: Uint8Array;
  /** Accuracy per p after each sample's top-p salient cells are replaced by fresh N(0, 1) noise. */
  salient: number[];
  /** The control: accuracy per p after as many cells, chosen at random, are replaced. */
  random: number[];
  /** baseline − salient and baseline − random, per p. */
  salientDrop: number[];
  randomDrop: number[];
  /** [samples × ps]: 1 where the masked sample is still classified correctly. */
  salientCorrect: Uint8Array;
  randomCorrect: Uint8Array;
  /** [samples × ps]: cells replaced (the same count in both arms). */
  replaced: Int32Array;
}

// Independent noise streams per (arm, p, sample), so batching and order never change a draw.
const ARM = { salient: 1, random: 2 } as const;

/**
 * The masked-accuracy drop of Ismail et al. (2020): for each p, replace the top-p salient
 * cells (ranked by |map|) of every sample with fresh N(0, 1) noise in the model's input space
 * and re-test; the random arm replaces as many cells chosen at random, so a drop beyond the
 * control's shows the map found cells the model uses. Aborting `control.signal` stops
 * between batches with Cancelled (util/cancel.ts).
 */
export async function maskedAccuracyDrop(
  probabilities: ProbabilityFn,
  inputs: SampleBlock,
  labels: ArrayLike<number>,
  maps: SaliencyMaps,
  options: MaskedAccuracyOptions,
): Promise<MaskedAccuracy> {
  const ps = [...(options.ps ?? DEFAULT_FRACTIONS)];
  const keepBy = options.keepBy ?? 'mass';
  const { seed, control } = options;
  checkArguments(inputs, labels, maps, ps, keepBy, seed, control);
  const { samples } = maps;
  const orders: Int32Array[] = [];
  const replaced = new Int32Array(samples * ps.length);
  for (let n = 0; n < samples; n++) {
    const s = scaledAbsMap(maps, n);
    orders.push(descendingOrder(s));
    keptCounts(s, orders[n], ps, keepBy).forEach((k, j) => (replaced[n * ps.length + j] = k));
  }
  const passes: PassCounter = { control, done: 0, total: samples * (1 + 2 * ps.length) };
  const baselineCorrect = await correctness(probabilities, labels, maps, (n, out) => copySample(inputs, n, out), passes);
  const salientCorrect = new Uint8Array(samples * ps.length);
  const randomCorrect = new Uint8Array(samples * ps.length);
  for (let j = 0; j < ps.length; j++) {
    const k = (n: number) => replaced[n * ps.length + j];
    const salient = await correctness(probabilities, labels, maps, (n, out) =>
      replaceTopCells(inputs, n, orders[n], k(n), createNormalRng(subSeed(seed, ARM.salient, j, n)), out), passes);
    const random = await correctness(probabilities, labels, maps, (n, out) =>
      replaceRandomCells(inputs, n, k(n), createNormalRng(subSeed(seed, ARM.random, j, n)), out), passes);
    salient.forEach((c, n) => (salientCorrect[n * ps.length + j] = c));
    random.forEach((c, n) => (randomCorrect[n * ps.length + j] = c));
  }
  const baseline = mean(baselineCorrect);
  const salient = ps.map((_, j) => mean(salientCorrect.filter((_, i) => i % ps.length === j)));
  const random = ps.map((_, j) => mean(randomCorrect.filter((_, i) => i % ps.length === j)));
  return {
    ps, keepBy, baseline, baselineCorrect, salient, random,
    salientDrop: salient.map((a) => baseline - a), randomDrop: random.map((a) => baseline - a),
    salientCorrect, randomCorrect, replaced,
  };
}

function checkArguments(inputs: SampleBlock, labels: ArrayLike<number>, maps: SaliencyMaps, ps: number[], keepBy: KeepBy, seed: number, control: RunControl): void {
  checkMaps(inputs, 'inputs');
  checkMaps(maps);
  for (const field of ['samples', 'time', 'features'] as const) {
    if (inputs[field] !== maps[field]) throw new MetricError('METRIC_SHAPE', 'saliency maps', field, maps[field], `${inputs[field]}, as in the inputs`);
  }
  checkLabels(labels, maps.samples);
  checkFractions(ps, 'ps');
  if (!KEEP_BY.includes(keepBy)) throw new MetricError('METRIC_KEEP_BY', 'metric options', 'keepBy', keepBy, `one of ${KEEP_BY.join(', ')}`);
  if (!Number.isInteger(seed)) throw new MetricError('METRIC_SEED', 'metric options', 'seed', seed, 'an integer');
  if (!Number.isInteger(control.batchSize) || control.batchSize < 1) {
    throw new MetricError('METRIC_BATCH_SIZE', 'metric options', 'batchSize', control.batchSize, 'an integer ≥ 1');
  }
}

function mean(values: Uint8Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}
