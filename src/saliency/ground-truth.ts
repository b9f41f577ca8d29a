import { euclideanDistance, precisionRecall, saliencyAuc, weightedJaccard } from './metrics/index.js';
import type { SaliencyMaps } from './types.js';

/** How well maps match the planted boxes: the paper's WJac and Euc, and per-cell AUC. */
export interface GroundTruthScores {
  wjac: number;
  euc: number;
  auc: number;
  /** Areas under the weighted precision and recall curves, p = 0.1 … 0.9, normalised to [0, 1] (Ismail et al. 2020). */
  aup: number;
  aur: number;
  /** Samples scored (those whose mask is neither empty nor full). */
  samples: number;
}

/** Means over samples of WJac, Euc (Ismail et al. 2019), AUC, and AUP/AUR (Ismail et al. 2020) of each map against its mask. */
export function scoreAgainstMasks(maps: SaliencyMaps, masks: Uint8Array): GroundTruthScores {
  const wjac = weightedJaccard(maps, masks);
  const auc = saliencyAuc(maps, masks);
  const pr = precisionRecall(maps, masks);
  return { wjac: wjac.mean, euc: euclideanDistance(maps, masks).mean, auc: auc.mean, aup: pr.aup.mean, aur: pr.aur.mean, samples: maps.samples - wjac.skipped };
}
