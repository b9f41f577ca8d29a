/**
 * The saliency methods' defaults, as data with no TF.js import, so the contract (and through it
 * the app's forms) offers exactly what the core applies: IG 50 Gauss–Legendre points (Captum),
 * SmoothGrad 50 copies at σ 0.15 of each sample's range (Smilkov et al.), TSR α 0.55.
 */
export const DEFAULTS = { steps: 50, rule: 'gausslegendre', noiseSamples: 50, sigma: 0.15, seed: 0, alpha: 0.55, featurePass: true } as const;
