import type { SaliencyMaps } from '../types.js';
import { checkMask, checkMaps } from './check.js';
import { scaledAbsMap } from './scale.js';
import { sampleScores, type SampleScores } from './scores.js';

/**
 * Weighted Jaccard similarity of each sample's map to its ground-truth mask, as Ismail et al.
 * (2019) compute it: s = |map| min–max scaled over the sample's whole map, g = the 0/1 mask,
 * WJac = Σ min(g, s) / Σ max(g, s). 1 means s equals the mask. A sample with an all-zero mask
 * and a constant map (0 / 0) is skipped.
 */
export function weightedJaccard(maps: SaliencyMaps, mask: Uint8Array): SampleScores {
  checkMaps(maps);
  checkMask(mask, maps);
  const cells = maps.time * maps.features;
  const perSample = new Float64Array(maps.samples);
  for (let n = 0; n < maps.samples; n++) {
    const s = scaledAbsMap(maps, n);
    let lower = 0;
    let upper = 0;
    for (let i = 0; i < cells; i++) {
      const g = mask[n * cells + i];
      lower += Math.min(g, s[i]);
      upper += Math.max(g, s[i]);
    }
    perSample[n] = upper > 0 ? lower / upper : NaN;
  }
  return sampleScores(perSample, 'weighted Jaccard', 'a mask cell or a non-constant map');
}

/**
 * Relative Euclidean distance of each sample's scaled map s (as in weightedJaccard) to its
 * mask g: ‖g − s‖₂ / ‖g‖₂, as Ismail et al. (2019) compute it. 0 means s equals the mask.
 * Samples with an empty mask (‖g‖ = 0) are skipped.
 */
export function euclideanDistance(maps: SaliencyMaps, mask: Uint8Array): SampleScores {
  checkMaps(maps);
  checkMask(mask, maps);
  const cells = maps.time * maps.features;
  const perSample = new Float64Array(maps.samples);
  for (let n = 0; n < maps.samples; n++) {
    const s = scaledAbsMap(maps, n);
    let diff = 0;
    let norm = 0;
    for (let i = 0; i < cells; i++) {
      const g = mask[n * cells + i];
      diff += (g - s[i]) ** 2;
      norm += g;
    }
    perSample[n] = norm > 0 ? Math.sqrt(diff) / Math.sqrt(norm) : NaN;
  }
  return sampleScores(perSample, 'Euclidean distance', 'at least one mask cell');
}
