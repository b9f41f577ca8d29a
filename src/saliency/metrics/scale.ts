import type { SampleBlock } from '../types.js';

/**
 * One sample's map as the benchmark scores it: |map|, then min–max scaled over the sample's
 * whole map to [0, 1]. Gradient maps in the paper are already absolute; for signed maps the
 * magnitude is what "salient" means. A constant map scales to all zeros (as sklearn's
 * minmax_scale does), so it carries no saliency.
 */
export function scaledAbsMap(maps: SampleBlock, sample: number): Float64Array {
  const cells = maps.time * maps.features;
  const out = new Float64Array(cells);
  const base = sample * cells;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < cells; i++) {
    const v = Math.abs(maps.data[base + i]);
    out[i] = v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const range = max - min;
  for (let i = 0; i < cells; i++) out[i] = range > 0 ? (out[i] - min) / range : 0;
  return out;
}

/** One sample's |map| in Float64, without scaling. */
export function absMap(maps: SampleBlock, sample: number): Float64Array {
  const cells = maps.time * maps.features;
  const out = new Float64Array(cells);
  const base = sample * cells;
  for (let i = 0; i < cells; i++) out[i] = Math.abs(maps.data[base + i]);
  return out;
}
