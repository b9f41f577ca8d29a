/** How nilearn standardises cleaned signals: z-score with ddof 1, percent signal change, or not at all. */
export type Standardize = 'zscore_sample' | 'psc' | null;

/** Arithmetic mean of a series. */
export function columnMean(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
}

/**
 * (x − mean) / std with the sample standard deviation (ddof 1), as nilearn's `zscore_sample`;
 * a std below machine epsilon counts as 1, and a single sample becomes 0.
 */
export function zscoreSample(x: Float64Array): Float64Array {
  if (x.length === 1) return new Float64Array(1);
  const m = columnMean(x);
  const centred = x.map((v) => v - m);
  let ss = 0;
  for (let i = 0; i < centred.length; i++) ss += centred[i] * centred[i];
  const std = Math.sqrt(ss / (x.length - 1));
  const divisor = std < Number.EPSILON ? 1 : std;
  return centred.map((v) => v / divisor);
}

/** Percent signal change (x − mean) / |mean| · 100; a series whose |mean| is below epsilon becomes 0. */
export function percentSignalChange(x: Float64Array): Float64Array {
  if (x.length === 1) return new Float64Array(1);
  const m = columnMean(x);
  if (Math.abs(m) < Number.EPSILON) return new Float64Array(x.length);
  return x.map((v) => ((v - m) / Math.abs(m)) * 100);
}

/** Each column divided by its largest |value| (0 → 1): the only scaling nilearn applies to confounds with standardize_confounds=False. */
export function scaleByMaxAbs(x: Float64Array): Float64Array {
  let max = 0;
  for (let i = 0; i < x.length; i++) max = Math.max(max, Math.abs(x[i]));
  const divisor = max === 0 ? 1 : max;
  return x.map((v) => v / divisor);
}
