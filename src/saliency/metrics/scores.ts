import { MetricError } from './errors.js';

/** A metric's value for each sample and their mean. */
export interface SampleScores {
  /** One value per sample; NaN where the metric is undefined for that sample (see `skipped`). */
  perSample: Float64Array;
  /** Mean over the samples that have a value. */
  mean: number;
  /** Samples left out of the mean because the metric is undefined for them. */
  skipped: number;
}

/**
 * Mean over the non-NaN entries (NaN marks a skipped sample). When every sample is skipped
 * the input cannot be what the user meant (e.g. an all-zero mask), so that is an error
 * naming the metric and what a sample needs to be scored.
 */
export function sampleScores(perSample: Float64Array, metric: string, needs: string): SampleScores {
  let sum = 0;
  let n = 0;
  for (const v of perSample) {
    if (!Number.isNaN(v)) {
      sum += v;
      n++;
    }
  }
  if (n === 0) throw new MetricError('METRIC_NO_SAMPLE', metric, 'samples scored', 0, `at least one sample with ${needs}`);
  return { perSample, mean: sum / n, skipped: perSample.length - n };
}
