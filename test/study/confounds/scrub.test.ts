import { describe, expect, it } from 'vitest';
import { applySegmentRule, flaggedVolumes, motionOutliers } from '../../../src/study/confounds/index.js';

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

describe('scrubbing outliers and the minimum-segment rule (nilearn optimize_scrub, scrub = 5)', () => {
  const outliers = [4, 50, 53, 100, 101, 120, 126, 197];

  it('removes the head when fewer than 5 volumes precede the first outlier (0–3 before 4)', () => {
    expect(applySegmentRule([4, 100], 200, 5).slice(0, 5)).toEqual([0, 1, 2, 3, 4]);
    expect(applySegmentRule([5, 100], 200, 5)[0]).toBe(5);
  });

  it('removes 51–52, the 2 clean volumes between outliers 50 and 53', () => {
    expect(applySegmentRule([50, 53], 200, 5)).toEqual([50, 51, 52, 53]);
  });

  it('keeps 121–125, a segment of exactly 5 between outliers 120 and 126', () => {
    expect(applySegmentRule([120, 126], 200, 5)).toEqual([120, 126]);
  });

  it('removes the tail when fewer than 5 volumes follow the last outlier (198, 199 after 197)', () => {
    expect(applySegmentRule([100, 197], 200, 5)).toEqual([100, 197, 198, 199]);
    expect(applySegmentRule([100, 194], 200, 5)).toEqual([100, 194]);
  });

  it('applies all four rules together on the reference outliers', () => {
    expect(applySegmentRule(outliers, 200, 5)).toEqual([...range(0, 4), 50, 51, 52, 53, 100, 101, 120, 126, 197, 198, 199]);
  });

  it('censors only the outliers with scrub = 0, and nothing when there is none', () => {
    expect(applySegmentRule(outliers, 200, 0)).toEqual(outliers);
    expect(applySegmentRule([], 200, 5)).toEqual([]);
  });

  it('flags FD > threshold or std DVARS > threshold strictly, never n/a', () => {
    const fd = Float64Array.from([Number.NaN, 0.5, 0.51, 0.1, 0.1]);
    const dv = Float64Array.from([Number.NaN, 1, 1, 1.5, 1.6]);
    expect(motionOutliers(fd, dv, 0.5, 1.5)).toEqual([2, 4]);
  });

  it('flags a volume where the one-hot outlier columns sum to non-zero, n/a counting as 0', () => {
    const a = Float64Array.from([1, 0, 0, Number.NaN]);
    const b = Float64Array.from([0, 1, 0, 0]);
    expect(flaggedVolumes([a, b], 4)).toEqual([true, true, false, false]);
    expect(flaggedVolumes([], 2)).toEqual([false, false]);
  });
});
