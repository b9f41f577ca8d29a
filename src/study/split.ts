import { StudyError } from '../errors.js';
import { createRng, shuffled } from '../util/rng.js';
import { SPLITS, type Split } from './dataset.js';

/** Fractions of subjects per side; normalised to sum 1. Validation may be 0 (no subject); train and test may not. */
export interface SplitFractions {
  train: number;
  validation: number;
  test: number;
}

export const DEFAULT_SPLIT: SplitFractions = { train: 0.6, validation: 0.2, test: 0.2 };

/**
 * Assigns whole subjects to train/validation/test so no subject's windows leak across sides.
 * Subjects are sorted, then shuffled with `seed`, so the result depends only on the set of
 * subjects and the seed. Counts follow the fractions by largest remainder; every side with a
 * fraction > 0 gets at least one subject (taken from the largest side).
 */
export function splitSubjects(subjects: readonly string[], fractions: SplitFractions = DEFAULT_SPLIT, seed = 0): Map<string, Split> {
  const unique = [...new Set(subjects)].sort();
  checkSplitFractions(fractions);
  const f = SPLITS.map((s) => fractions[s]);
  const needed = f.filter((x) => x > 0).length;
  if (unique.length < needed) {
    throw new StudyError('STUDY_TOO_FEW_SUBJECTS', '<study>', 'subjects', unique.length,
      `at least ${needed} subjects to give each of ${SPLITS.filter((_, i) => f[i] > 0).join(', ')} its own (or set the missing sides' fractions to 0)`);
  }
  const counts = allocate(unique.length, f);
  const order = shuffled(unique, createRng(seed));
  const out = new Map<string, Split>();
  let next = 0;
  SPLITS.forEach((side, i) => {
    for (let k = 0; k < counts[i]; k++) out.set(order[next++], side);
  });
  return out;
}

/**
 * Refuses fractions training cannot use: each must be a number ≥ 0, and train and test > 0,
 * since a model needs subjects to learn from and held-out subjects to be scored on once.
 */
export function checkSplitFractions(fractions: SplitFractions): void {
  const f = SPLITS.map((s) => fractions[s]);
  if (f.some((x) => !Number.isFinite(x) || x < 0) || !(fractions.train > 0) || !(fractions.test > 0)) {
    throw new StudyError('STUDY_SPLIT', '<options>', 'split (train, validation, test)', f,
      'fractions ≥ 0 with train > 0 and test > 0 (training needs subjects to learn from and held-out test subjects; validation may be 0)');
  }
}

function allocate(n: number, fractions: number[]): number[] {
  const total = fractions.reduce((a, b) => a + b, 0);
  const exact = fractions.map((x) => (x / total) * n);
  const counts = exact.map(Math.floor);
  const byRemainder = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  const left = n - counts.reduce((a, b) => a + b, 0);
  for (let k = 0; k < left; k++) counts[byRemainder[k].i]++;
  fractions.forEach((x, i) => {
    if (x > 0 && counts[i] === 0) {
      const largest = counts.indexOf(Math.max(...counts));
      counts[largest]--;
      counts[i]++;
    }
  });
  return counts;
}
