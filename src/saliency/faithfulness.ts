import { nested, num, numbers, oneOf, record, type Fail } from '../util/check.js';
import { KEEP_BY, maskedAccuracyDrop, type KeepBy, type MaskedAccuracy } from './metrics/index.js';
import type { ProbabilityFn, RunControl, SaliencyMaps, SampleBlock } from './types.js';

/**
 * The top p of cells by count, not by saliency mass: the user asks for "p % of the cells",
 * and the random control then replaces exactly as many cells in every sample.
 */
export const MASKED_ACCURACY_KEEP_BY: KeepBy = 'cells';

/** What saliency.json keeps of the masked-accuracy drop (metrics/masked-accuracy.ts): the curves, not per-sample rows. */
export interface StoredMaskedAccuracy {
  /** Fractions of each sample's cells replaced, increasing in (0, 1]. */
  ps: number[];
  keepBy: KeepBy;
  /** Seed of the replacement noise and of the random arm's cells. */
  seed: number;
  /** Accuracy on the explained samples as they are. */
  baseline: number;
  /** Accuracy per p after the top-p salient cells are replaced by N(0, 1) noise, and after as many random cells are. */
  salient: number[];
  random: number[];
  /** Mean cells replaced per sample, per p (the same in both arms). */
  meanReplaced: number[];
}

/** The masked-accuracy drop of `maps` on the samples they explain, against the samples' true labels, as stored. */
export async function maskedAccuracyOf(
  probabilities: ProbabilityFn, samples: SampleBlock, labels: readonly number[], maps: SaliencyMaps,
  ps: readonly number[], seed: number, control: RunControl,
): Promise<StoredMaskedAccuracy> {
  const result = await maskedAccuracyDrop(probabilities, samples, labels, maps, { ps, keepBy: MASKED_ACCURACY_KEEP_BY, seed, control });
  return storedMaskedAccuracy(result, seed);
}

/** The stored summary of a metric result. */
export function storedMaskedAccuracy(m: MaskedAccuracy, seed: number): StoredMaskedAccuracy {
  const samples = m.baselineCorrect.length;
  const meanReplaced = m.ps.map((_, j) => {
    let sum = 0;
    for (let n = 0; n < samples; n++) sum += m.replaced[n * m.ps.length + j];
    return sum / Math.max(samples, 1);
  });
  return { ps: [...m.ps], keepBy: m.keepBy, seed, baseline: m.baseline, salient: [...m.salient], random: [...m.random], meanReplaced };
}

/** saliency.json's `maskedAccuracy`, checked as written: fractions increasing in (0, 1], accuracies in [0, 1], one per fraction. */
export function checkStoredMaskedAccuracy(value: unknown, fail: Fail): StoredMaskedAccuracy {
  const o = record(value, 'maskedAccuracy', fail);
  const f = nested(fail, 'maskedAccuracy');
  const ps = numbers(o, 'ps', f);
  if (ps.length === 0 || ps.some((p, i) => !(p > 0 && p <= 1) || (i > 0 && p <= ps[i - 1]))) f('ps', ps, 'fractions strictly increasing in (0, 1]');
  const perP = (key: string, max: number) => {
    const values = numbers(o, key, f);
    if (values.length !== ps.length) f(key, `${values.length} values`, `${ps.length}, one per fraction in ps`);
    values.forEach((v, i) => {
      if (!(v >= 0 && v <= max)) f(`${key}[${i}]`, v, max === 1 ? 'an accuracy in [0, 1]' : 'a count ≥ 0');
    });
    return values;
  };
  return {
    ps, keepBy: oneOf(o, 'keepBy', KEEP_BY, f), seed: num(o, 'seed', f, { integer: true, min: 0 }),
    baseline: num(o, 'baseline', f, { min: 0, max: 1 }),
    salient: perP('salient', 1), random: perP('random', 1), meanReplaced: perP('meanReplaced', Infinity),
  };
}
