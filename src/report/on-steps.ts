import { groundTruthMasks } from '../synth/masks.js';
import type { OnSteps } from './context.js';

/**
 * Task-ON steps of the given dataset samples when the dataset records them. Dataset caches
 * built from a study keep no events, so only a synthetic dataset (its planted boxes: a step
 * is ON when any region of the sample's box lies in it) has them; otherwise null.
 */
export async function knownOnSteps(datasetDir: string, indices: readonly number[], window: number): Promise<OnSteps | null> {
  const masks = await groundTruthMasks(datasetDir, indices);
  if (!masks || indices.length === 0) return null;
  const features = masks.length / (indices.length * window);
  const steps = new Uint8Array(indices.length * window);
  for (let row = 0; row < steps.length; row++) {
    for (let f = 0; f < features; f++) {
      if (masks[row * features + f]) {
        steps[row] = 1;
        break;
      }
    }
  }
  return { steps, source: 'synthetic-ground-truth' };
}
