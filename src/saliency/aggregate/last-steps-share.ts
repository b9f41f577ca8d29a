import { checkMaps } from '../metrics/check.js';
import { MetricError } from '../metrics/errors.js';
import type { SaliencyMaps } from '../types.js';

export interface LastStepsShare {
  /** Time steps counted as "last": the final ⌈fraction × time⌉. */
  steps: number;
  /** Mean over samples of the share of the sample's total |map| that falls in those steps. */
  mean: number;
  /** The share a map flat in time would give: steps / time. */
  chance: number;
}

/**
 * The vanishing-saliency signature (Ismail et al. 2019): how much of each sample's saliency
 * mass (sum of |map|) sits in its last ⌈fraction × time⌉ steps, averaged over samples. A
 * sample whose map is all zero counts as flat (chance), so it neither hides nor fakes the
 * signature.
 */
export function lastStepsShare(maps: SaliencyMaps, fraction = 0.1): LastStepsShare {
  checkMaps(maps);
  if (!(fraction > 0 && fraction <= 1)) throw new MetricError('METRIC_TOP_FRACTION', 'aggregation options', 'fraction', fraction, 'a fraction in (0, 1]');
  const { samples, time, features, data } = maps;
  const steps = Math.min(time, Math.ceil(fraction * time - 1e-9));
  const chance = steps / time;
  let sum = 0;
  for (let n = 0; n < samples; n++) {
    let total = 0;
    let last = 0;
    for (let t = 0; t < time; t++) {
      let step = 0;
      for (let f = 0; f < features; f++) step += Math.abs(data[(n * time + t) * features + f]);
      total += step;
      if (t >= time - steps) last += step;
    }
    sum += total > 0 ? last / total : chance;
  }
  return { steps, mean: samples > 0 ? sum / samples : NaN, chance };
}
