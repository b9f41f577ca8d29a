/**
 * SPM's canonical haemodynamic response: a gamma for the response (peak parameter 6 s) minus
 * one sixth of a gamma for the undershoot (16 s), both with dispersion 1, over 32 s.
 */
export const SPM_HRF = { responseDelay: 6, undershootDelay: 16, dispersion: 1, undershootRatio: 6, lengthSeconds: 32 } as const;

/** Micro-time steps per TR, as SPM's fMRI_T: blocks are convolved on this finer grid. */
export const MICROTIME_STEPS = 16;

/** The double gamma at `t` seconds, before normalisation (SPM's `spm_hrf` shape). */
export function doubleGamma(t: number): number {
  if (t <= 0) return 0;
  const { responseDelay, undershootDelay, dispersion, undershootRatio } = SPM_HRF;
  return gammaPdf(t, responseDelay / dispersion, dispersion) - gammaPdf(t, undershootDelay / dispersion, dispersion) / undershootRatio;
}

/** `spm_hrf(dt)`: the double gamma sampled at 0, dt, …, 32 s, scaled to sum 1. */
export function canonicalHrf(dt: number): Float64Array {
  if (!(dt > 0)) throw new RangeError(`HRF sampling interval must be > 0 s, got ${dt}`);
  const h = new Float64Array(Math.floor(SPM_HRF.lengthSeconds / dt) + 1);
  for (let k = 0; k < h.length; k++) h[k] = doubleGamma(k * dt);
  const sum = h.reduce((s, v) => s + v, 0);
  return h.map((v) => v / sum);
}

/** A stimulus block, seconds from the start of the run. */
export interface Block {
  onset: number;
  duration: number;
}

/**
 * The expected BOLD response to `blocks`: the stimulus (1 inside a block) on a grid of
 * TR/16, convolved with the canonical HRF (sum 1, so a long block plateaus at 1), sampled
 * when each volume is acquired (volume v at v·TR, the study's convention).
 */
export function blockRegressor(blocks: readonly Block[], volumes: number, tr: number): Float64Array {
  const dt = tr / MICROTIME_STEPS;
  const h = canonicalHrf(dt);
  const steps = volumes * MICROTIME_STEPS;
  const stimulus = new Float64Array(steps);
  for (const { onset, duration } of blocks) {
    // Half-step tolerance so onsets on the grid are not lost to rounding.
    const from = Math.max(0, Math.ceil(onset / dt - 1e-9));
    const to = Math.min(steps, Math.ceil((onset + duration) / dt - 1e-9));
    stimulus.fill(1, from, to);
  }
  const out = new Float64Array(volumes);
  for (let v = 0; v < volumes; v++) {
    const k = v * MICROTIME_STEPS;
    let sum = 0;
    for (let j = 0; j < h.length && j <= k; j++) sum += stimulus[k - j] * h[j];
    out[v] = sum;
  }
  return out;
}

/** Density of a gamma distribution with `shape` and `scale` at t > 0. */
function gammaPdf(t: number, shape: number, scale: number): number {
  return Math.exp((shape - 1) * Math.log(t) - t / scale - logGamma(shape) - shape * Math.log(scale));
}

/** ln Γ(x) for x > 0 (Lanczos, g = 7, 9 terms: ~15 significant digits). */
function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  const z = x - 1;
  let a = c[0];
  for (let i = 1; i < 9; i++) a += c[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}
