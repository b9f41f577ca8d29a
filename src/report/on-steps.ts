import { InputError } from '../errors.js';
import { readDatasetInfo } from '../study/cache.js';
import { groundTruthMasks } from '../synth/masks.js';
import type { OnSteps } from './context.js';

/**
 * Task-ON steps of the given dataset samples when the dataset records them: a dataset built
 * from a study keeps each window's ON steps from the run's events (SampleMeta.on); a synthetic
 * dataset has its planted boxes (a step is ON when any region of the sample's box lies in it).
 * null otherwise, and when any of the samples has none (a run without events).
 */
export async function knownOnSteps(datasetDir: string, indices: readonly number[], window: number): Promise<OnSteps | null> {
  if (indices.length === 0) return null;
  const fromEvents = await eventOnSteps(datasetDir, indices, window);
  if (fromEvents) return fromEvents;
  const masks = await groundTruthMasks(datasetDir, indices);
  if (!masks) return null;
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

/** The samples' recorded ON steps, or null when the dataset cannot be read or any sample lacks them. */
async function eventOnSteps(datasetDir: string, indices: readonly number[], window: number): Promise<OnSteps | null> {
  let samples;
  try {
    samples = (await readDatasetInfo(datasetDir)).samples;
  } catch (err) {
    // A synthetic dataset folder has no dataset.json: its boxes answer instead.
    if (err instanceof InputError) return null;
    throw err;
  }
  const steps = new Uint8Array(indices.length * window);
  for (const [n, index] of indices.entries()) {
    const on = samples[index]?.on;
    if (typeof on !== 'string' || on.length !== window) return null;
    for (let t = 0; t < window; t++) steps[n * window + t] = on.charCodeAt(t) === 49 ? 1 : 0;
  }
  return { steps, source: 'events' };
}
