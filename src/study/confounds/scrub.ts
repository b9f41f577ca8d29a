/** Why a volume is left out of the sample mask. */
export type CensorReason = 'non_steady_state' | 'fd' | 'dvars' | 'segment';

/**
 * Volumes whose framewise displacement or std DVARS exceeds its threshold (strictly, as
 * nilearn compares; `n/a` is never an outlier), ascending.
 */
export function motionOutliers(fd: Float64Array, stdDvars: Float64Array, fdThreshold: number, stdDvarsThreshold: number): number[] {
  const out: number[] = [];
  for (let t = 0; t < fd.length; t++) if (fd[t] > fdThreshold || stdDvars[t] > stdDvarsThreshold) out.push(t);
  return out;
}

/**
 * nilearn's minimum-segment rule (`optimize_scrub`): with outliers found, also censor the
 * volumes before the first outlier when fewer than `scrub`, those from the last outlier to the
 * end when fewer than `scrub` follow it, and every run of 1 … scrub−1 clean volumes between two
 * outliers — segments too short to estimate anything from. Returns the ascending union.
 */
export function applySegmentRule(outliers: readonly number[], volumes: number, scrub: number): number[] {
  if (outliers.length === 0 || scrub <= 0) return [...outliers];
  const out = new Set(outliers);
  const first = outliers[0];
  const last = outliers[outliers.length - 1];
  if (first < scrub) for (let t = 0; t < first; t++) out.add(t);
  if (volumes - (last + 1) < scrub) for (let t = last; t < volumes; t++) out.add(t);
  for (let i = 0; i + 1 < outliers.length; i++) {
    const gap = outliers[i + 1] - outliers[i];
    if (gap > 1 && gap < scrub + 1) for (let t = outliers[i] + 1; t < outliers[i + 1]; t++) out.add(t);
  }
  return [...out].sort((a, b) => a - b);
}

/**
 * Volumes flagged by an outlier regressor (one-hot columns such as `non_steady_state_outlierNN`):
 * nilearn keeps a volume when the columns sum to 0 there, `n/a` counting as 0.
 */
export function flaggedVolumes(columns: readonly Float64Array[], volumes: number): boolean[] {
  const flagged = new Array<boolean>(volumes).fill(false);
  for (let t = 0; t < volumes; t++) {
    let sum = 0;
    for (const c of columns) if (!Number.isNaN(c[t])) sum += c[t];
    flagged[t] = sum !== 0;
  }
  return flagged;
}
