/**
 * (v − min) / (max − min) in place; a constant vector becomes all zeros, as sklearn's
 * minmax_scale (used by the TSR reference code) does.
 */
export function minMaxScale(values: Float64Array): Float64Array {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const span = hi - lo;
  for (let i = 0; i < values.length; i++) values[i] = span > 0 ? (values[i] - lo) / span : 0;
  return values;
}

/** The q-quantile with linear interpolation between order statistics (numpy's default). */
export function quantile(values: ArrayLike<number>, q: number): number {
  const sorted = Float64Array.from(values).sort();
  const position = q * (sorted.length - 1);
  const lo = Math.floor(position);
  const hi = Math.ceil(position);
  return sorted[lo] + (position - lo) * (sorted[hi] - sorted[lo]);
}
