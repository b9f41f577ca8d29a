import { checkMaps } from '../metrics/check.js';
import { MetricError } from '../metrics/errors.js';
import type { SaliencyMaps } from '../types.js';
import { columnStats, descendingRanks } from './column-stats.js';

export interface RegionImportance {
  /** Per region, the mean across samples of its share of each sample's saliency (the means sum to 1). */
  mean: Float64Array;
  /** Sample standard deviation of the share across samples; NaN with one sample. */
  sd: Float64Array;
  /** 1 = most important by mean; equal means rank by lower region index first. */
  rank: Int32Array;
  /** [samples × regions]; a skipped sample's row is NaN. */
  perSample: Float64Array;
  /** Samples whose map is all zero: they have no shares. */
  skipped: number;
}

/**
 * How much each region (feature) matters: per sample the mean over time of |map| per region,
 * normalised so the sample's regions sum to 1 (every sample weighs the same, however large
 * its map), then mean, spread and rank across samples.
 */
export function regionImportance(maps: SaliencyMaps): RegionImportance {
  checkMaps(maps);
  const { samples, time, features, data } = maps;
  const perSample = new Float64Array(samples * features);
  let skipped = 0;
  for (let n = 0; n < samples; n++) {
    const row = perSample.subarray(n * features, (n + 1) * features);
    for (let t = 0; t < time; t++) {
      const base = (n * time + t) * features;
      for (let f = 0; f < features; f++) row[f] += Math.abs(data[base + f]) / time;
    }
    const total = row.reduce((a, b) => a + b, 0);
    if (total > 0) row.forEach((v, f) => (row[f] = v / total));
    else {
      row.fill(NaN);
      skipped++;
    }
  }
  if (skipped === samples) throw new MetricError('METRIC_NO_SAMPLE', 'region importance', 'samples with saliency', 0, 'at least one map that is not all zero');
  const { mean, sd } = columnStats(perSample, features);
  return { mean, sd, rank: descendingRanks(mean), perSample, skipped };
}
