import { columnMeans } from '../../util/column-means.js';
import type { SaliencyMaps } from '../types.js';
import { checkFractions, checkMask, checkMaps } from './check.js';
import { MetricError } from './errors.js';
import { scaledAbsMap } from './scale.js';
import { sampleScores, type SampleScores } from './scores.js';
import { descendingOrder, KEEP_BY, keptCounts, type KeepBy } from './top-cells.js';

/** p = 10 %, 20 %, … 90 %, as in the benchmark. */
export const DEFAULT_FRACTIONS: readonly number[] = Array.from({ length: 9 }, (_, i) => (i + 1) / 10);

export interface PrecisionRecallOptions {
  /** Fractions p kept, strictly increasing in (0, 1], at least two (default 0.1 … 0.9). */
  ps?: readonly number[];
  /** How the top p is counted (default `mass`, as in the benchmark). */
  keepBy?: KeepBy;
}

export interface Curve {
  /** Mean over the scored samples at each p. */
  curve: number[];
  /** [samples × ps], row-major; a skipped sample's row is NaN. */
  perSample: Float64Array;
}

export interface PrecisionRecall {
  ps: number[];
  keepBy: KeepBy;
  precision: Curve;
  recall: Curve;
  /** Area under each sample's precision curve over p (trapezoids), divided by the width of the p range so it lies in [0, 1]; the benchmark's tables leave it undivided (× 0.8 for p = 0.1 … 0.9). */
  aup: SampleScores;
  /** Area under the recall curve, normalised as `aup`. */
  aur: SampleScores;
}

/**
 * Weighted precision and recall of the top p of each sample's saliency against its mask,
 * as in Ismail et al. (2020): with s the |map| min–max scaled per sample and K the kept cells,
 * precision = Σ_{K ∩ mask} s / Σ_K s and recall = Σ_{K ∩ mask} s / Σ_mask s. A constant map
 * has no precision, a map with no saliency inside the mask no recall; such samples are skipped.
 */
export function precisionRecall(maps: SaliencyMaps, mask: Uint8Array, options: PrecisionRecallOptions = {}): PrecisionRecall {
  const ps = [...(options.ps ?? DEFAULT_FRACTIONS)];
  const keepBy = options.keepBy ?? 'mass';
  checkMaps(maps);
  checkMask(mask, maps);
  checkFractions(ps, 'ps', 2);
  if (!KEEP_BY.includes(keepBy)) throw new MetricError('METRIC_KEEP_BY', 'metric options', 'keepBy', keepBy, `one of ${KEEP_BY.join(', ')}`);
  const cells = maps.time * maps.features;
  const precision = new Float64Array(maps.samples * ps.length);
  const recall = new Float64Array(maps.samples * ps.length);
  for (let n = 0; n < maps.samples; n++) {
    const s = scaledAbsMap(maps, n);
    const g = mask.subarray(n * cells, (n + 1) * cells);
    const order = descendingOrder(s);
    const counts = keptCounts(s, order, ps, keepBy);
    let inside = 0;
    for (let i = 0; i < cells; i++) inside += g[i] * s[i];
    let kept = 0;
    let hit = 0;
    let k = 0;
    counts.forEach((count, j) => {
      for (; k < count; k++) {
        kept += s[order[k]];
        hit += g[order[k]] * s[order[k]];
      }
      precision[n * ps.length + j] = kept > 0 ? hit / kept : NaN;
      recall[n * ps.length + j] = inside > 0 ? hit / inside : NaN;
    });
  }
  return {
    ps, keepBy,
    precision: { curve: Array.from(columnMeans(precision, ps.length)), perSample: precision },
    recall: { curve: Array.from(columnMeans(recall, ps.length)), perSample: recall },
    aup: sampleScores(rowAreas(precision, ps), 'AUP', 'a non-constant map'),
    aur: sampleScores(rowAreas(recall, ps), 'AUR', 'saliency inside its mask'),
  };
}

/** Trapezoid area under each row over `ps`, divided by the width of the p range. */
function rowAreas(table: Float64Array, ps: readonly number[]): Float64Array {
  const cols = ps.length;
  const width = ps[cols - 1] - ps[0];
  return Float64Array.from({ length: table.length / cols }, (_, r) => {
    let area = 0;
    for (let j = 1; j < cols; j++) area += ((table[r * cols + j - 1] + table[r * cols + j]) / 2) * (ps[j] - ps[j - 1]);
    return area / width;
  });
}
