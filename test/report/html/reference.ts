import { REGIONS, SAMPLES, WINDOW, mapValue } from './fixture.js';

/**
 * Region importance of the fixture's maps computed naively from `mapValue` in Float64:
 * per sample, mean |map| over time per region divided by the sample's sum; then the mean and
 * sample sd over the chosen samples.
 */
export function naiveImportance(samples = [...Array(SAMPLES).keys()]): { mean: number[]; sd: number[] } {
  const shares = samples.map((n) => {
    const perRegion = REGIONS.map((_, r) => {
      let s = 0;
      for (let t = 0; t < WINDOW; t++) s += Math.abs(Math.fround(mapValue(n, t, r)));
      return s / WINDOW;
    });
    const total = perRegion.reduce((a, b) => a + b, 0);
    return perRegion.map((v) => v / total);
  });
  const mean = REGIONS.map((_, r) => shares.reduce((a, s) => a + s[r], 0) / shares.length);
  const sd = REGIONS.map((_, r) => Math.sqrt(shares.reduce((a, s) => a + (s[r] - mean[r]) ** 2, 0) / (shares.length - 1)));
  return { mean, sd };
}
