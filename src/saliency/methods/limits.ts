import { SEED_MAX } from '../../util/seeds.js';

/**
 * Largest values the methods accept: each step or copy is a full gradient pass per sample, so
 * the cost grows linearly with them, and far below these the maps stop changing.
 */
export const LIMITS = {
  /**
   * IG quadrature points. Sundararajan et al. find 20–300 enough to bring the completeness gap
   * within 5 %; 1000 Gauss–Legendre points integrate polynomials of degree 1999 exactly, and
   * the Riemann rules' O(1/steps) error is then 0.1 %. (The nodes cost O(steps²) to compute.)
   */
  steps: 1000,
  /** SmoothGrad copies: Smilkov et al. see no visible change beyond ~50 (the default). */
  noiseSamples: 1000,
  /** SmoothGrad noise sd as a share of the sample's range: the paper uses 10–20 %; at 100 % noise swamps the signal. */
  sigma: 1,
  seed: SEED_MAX,
} as const;
