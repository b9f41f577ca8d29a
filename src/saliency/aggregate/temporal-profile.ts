import { checkMaps } from '../metrics/check.js';
import type { SaliencyMaps } from '../types.js';
import { columnStats } from './column-stats.js';

export interface TemporalProfile {
  /** Per time step, the mean across samples of the mean |map| over regions. */
  mean: Float64Array;
  /** Sample standard deviation across samples; NaN with one sample. */
  sd: Float64Array;
  /** [samples × time]: each sample's mean |map| over regions per step. */
  perSample: Float64Array;
}

/** When saliency falls: per sample the mean over regions of |map| at each step, then mean and sd across samples. */
export function temporalProfile(maps: SaliencyMaps): TemporalProfile {
  checkMaps(maps);
  const { samples, time, features, data } = maps;
  const perSample = new Float64Array(samples * time);
  for (let row = 0; row < samples * time; row++) {
    let sum = 0;
    for (let f = 0; f < features; f++) sum += Math.abs(data[row * features + f]);
    perSample[row] = sum / features;
  }
  return { ...columnStats(perSample, time), perSample };
}
