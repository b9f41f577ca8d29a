import { stat } from 'node:fs/promises';
import path from 'node:path';
import { pickRows } from '../util/rows.js';
import { readSynth, SYNTH_JSON } from './files.js';

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
