import { stat } from 'node:fs/promises';
import path from 'node:path';
import { readSynth, SYNTH_JSON } from '../synth/index.js';
import { pickRows } from '../util/rows.js';
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

/**
 * The ground-truth masks of the given dataset samples, when the dataset is a synthetic one
 * (it has synth.json beside it); null for real data, which has no known answer per cell.
 */
export async function groundTruthMasks(datasetDir: string, indices: readonly number[]): Promise<Uint8Array | null> {
  const present = await stat(path.join(datasetDir, SYNTH_JSON)).then(() => true, () => false);
  if (!present) return null;
  const { mask, dataset } = await readSynth(datasetDir);
  return pickRows(mask, indices, dataset.window * dataset.regions.length);
}

/** Means over samples of WJac, Euc (Ismail et al. 2019), AUC, and AUP/AUR (Ismail et al. 2020) of each map against its mask. */
export function scoreAgainstMasks(maps: SaliencyMaps, masks: Uint8Array): GroundTruthScores {
  const wjac = weightedJaccard(maps, masks);
  const auc = saliencyAuc(maps, masks);
  const pr = precisionRecall(maps, masks);
  return { wjac: wjac.mean, euc: euclideanDistance(maps, masks).mean, auc: auc.mean, aup: pr.aup.mean, aur: pr.aur.mean, samples: maps.samples - wjac.skipped };
}
