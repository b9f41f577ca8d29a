import { checkMaps } from '../metrics/check.js';
import { MetricError } from '../metrics/errors.js';
import type { SaliencyMaps } from '../types.js';

export interface TopRegions {
  k: number;
  /** Mean |map| over samples, [time × features]: what the ranking is taken on. */
  meanAbs: Float64Array;
  /** [time × k]: region indices, most salient first; equal values by lower region index first. */
  regions: Int32Array;
  /** [time × k]: their mean |map|. */
  values: Float64Array;
}

/** The k most salient regions at each time step of the mean absolute map. */
export function topRegionsPerStep(maps: SaliencyMaps, k: number): TopRegions {
  checkMaps(maps);
  const { samples, time, features, data } = maps;
  if (!Number.isInteger(k) || k < 1 || k > features) throw new MetricError('METRIC_TOP_K', 'aggregation options', 'k', k, `an integer in [1, ${features}] (the number of regions)`);
  const cells = time * features;
  const meanAbs = new Float64Array(cells);
  for (let n = 0; n < samples; n++) for (let i = 0; i < cells; i++) meanAbs[i] += Math.abs(data[n * cells + i]) / samples;
  const regions = new Int32Array(time * k);
  const values = new Float64Array(time * k);
  for (let t = 0; t < time; t++) {
    const step = meanAbs.subarray(t * features, (t + 1) * features);
    const order = Array.from({ length: features }, (_, f) => f).sort((a, b) => step[b] - step[a] || a - b);
    for (let j = 0; j < k; j++) {
      regions[t * k + j] = order[j];
      values[t * k + j] = step[order[j]];
    }
  }
  return { k, meanAbs, regions, values };
}
