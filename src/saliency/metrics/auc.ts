import type { SaliencyMaps } from '../types.js';
import { checkMask, checkMaps } from './check.js';
import { absMap } from './scale.js';
import { sampleScores, type SampleScores } from './scores.js';

/**
 * ROC AUC of `scores` against 0/1 `labels` by the Mann–Whitney statistic: tied scores get
 * their average rank, so a tie between a positive and a negative counts one half.
 * NaN when either class is absent.
 */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let positives = 0;
  let positiveRankSum = 0;
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && scores[order[end]] === scores[order[start]]) end++;
    // Ranks start + 1 … end share their average.
    const rank = (start + 1 + end) / 2;
    for (let j = start; j < end; j++) {
      if (labels[order[j]] === 1) {
        positives++;
        positiveRankSum += rank;
      }
    }
    start = end;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return NaN;
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/**
 * Per sample, the ROC AUC of |map| as a score for the mask's cells (min–max scaling would not
 * change it); 1 means every mask cell outranks every other cell, 0.5 is chance. Samples whose
 * mask is all 0 or all 1 have no AUC and are skipped.
 */
export function saliencyAuc(maps: SaliencyMaps, mask: Uint8Array): SampleScores {
  checkMaps(maps);
  checkMask(mask, maps);
  const cells = maps.time * maps.features;
  const perSample = new Float64Array(maps.samples);
  for (let n = 0; n < maps.samples; n++) {
    perSample[n] = rocAuc(absMap(maps, n), mask.subarray(n * cells, (n + 1) * cells));
  }
  return sampleScores(perSample, 'AUC', 'both mask cells and cells outside the mask');
}
