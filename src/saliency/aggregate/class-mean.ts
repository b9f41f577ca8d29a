import { checkLabels, checkMaps } from '../metrics/check.js';
import { MetricError } from '../metrics/errors.js';
import type { SaliencyMaps } from '../types.js';

export interface ClassMeanMap {
  label: number;
  /** Samples of this class. */
  count: number;
  /** Mean map [time × features] row-major; null when no sample has this class. */
  mean: Float64Array | null;
}

/**
 * The mean map of each class. Signed by default: a gradient's sign says which way a cell
 * pushes the class, and per class it does not cancel out; `absolute` averages |map| instead.
 */
export function classMeanMaps(maps: SaliencyMaps, labels: ArrayLike<number>, classes: number, options: { absolute?: boolean } = {}): ClassMeanMap[] {
  checkMaps(maps);
  if (!Number.isInteger(classes) || classes < 1) throw new MetricError('METRIC_CLASSES', 'aggregation options', 'classes', classes, 'an integer ≥ 1');
  checkLabels(labels, maps.samples, classes);
  const cells = maps.time * maps.features;
  const sums = Array.from({ length: classes }, () => new Float64Array(cells));
  const counts = new Array<number>(classes).fill(0);
  for (let n = 0; n < maps.samples; n++) {
    const sum = sums[labels[n]];
    counts[labels[n]]++;
    for (let i = 0; i < cells; i++) {
      const v = maps.data[n * cells + i];
      sum[i] += options.absolute ? Math.abs(v) : v;
    }
  }
  return sums.map((sum, label) => ({
    label,
    count: counts[label],
    mean: counts[label] > 0 ? sum.map((v) => v / counts[label]) : null,
  }));
}
