import { SALIENCY_METHODS, type SaliencyMethod, type SampleBlock } from '../types.js';
import { makeBaseline, type BaselineSpec } from './baselines.js';
import { DEFAULTS } from './defaults.js';
import { badOption } from './errors.js';
import { gradientMethod, smoothGradMethod } from './gradient.js';
import { integratedGradientsMethod } from './integrated-gradients.js';
import { LIMITS } from './limits.js';
import type { BaseMethod } from './method.js';
import { occlusionMethod } from './occlusion.js';
import type { IntegrationRule } from './quadrature.js';
import type { TsrOptions } from './tsr.js';
import { between, integerAtLeast } from './validate.js';

/** Method options; each method reads only its own, the rest are ignored (and not recorded). */
export interface SaliencyOptions {
  /** IG's reference input and occlusion's fill value (default zeros). */
  baseline?: BaselineSpec;
  /** IG: quadrature points (default 50, as Captum). */
  steps?: number;
  /** IG: quadrature rule (default 'gausslegendre', as Captum: exact for polynomials of degree < 2·steps). */
  rule?: IntegrationRule;
  /** SmoothGrad: noisy copies per sample (default 50, as Smilkov et al.). */
  noiseSamples?: number;
  /** SmoothGrad: noise standard deviation relative to each sample's max − min (default 0.15, within the paper's 10–20 %). */
  sigma?: number;
  /** SmoothGrad: noise seed (default 0). */
  seed?: number;
  /** Temporal Saliency Rescaling on top of the method; true: with defaults; absent or false: off. */
  tsr?: boolean | TsrSpec;
}

export interface TsrSpec {
  /** Quantile threshold of the scaled time scores (default 0.55, as the reference code). */
  alpha?: number;
  /** false: fast mode, no per-feature masking (feature score 1 above the threshold). Default true. */
  featurePass?: boolean;
  /** Value masked cells are set to (default zeros). */
  mask?: BaselineSpec;
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export { DEFAULTS };

const ZEROS: BaselineSpec = { kind: 'zeros' };

/** Checks the options `method` uses and binds them: the method, and a JSON record of every value used. */
export function bindMethod(method: SaliencyMethod, options: SaliencyOptions, shape: SampleBlock): { base: BaseMethod; params: Record<string, JsonValue> } {
  switch (method) {
    case 'grad':
    case 'gradxinput':
      return { base: gradientMethod(method), params: { method } };
    case 'smoothgrad': {
      const noiseSamples = integerAtLeast(options.noiseSamples ?? DEFAULTS.noiseSamples, 1, 'noiseSamples', 'SALIENCY_NOISE_SAMPLES', LIMITS.noiseSamples);
      const sigma = options.sigma ?? DEFAULTS.sigma;
      if (typeof sigma !== 'number' || !(sigma > 0 && sigma <= LIMITS.sigma)) badOption('SALIENCY_SIGMA', 'sigma', sigma, `a finite number > 0 and ≤ ${LIMITS.sigma}`);
      const seed = integerAtLeast(options.seed ?? DEFAULTS.seed, 0, 'seed', 'SALIENCY_SEED', LIMITS.seed);
      return { base: smoothGradMethod({ noiseSamples, sigma, seed }), params: { method, noiseSamples, sigma, seed, noise: 'normal, sd = sigma × (max − min) of each sample' } };
    }
    case 'ig': {
      // The quadrature checks steps and rule.
      const steps = options.steps ?? DEFAULTS.steps;
      const rule = options.rule ?? DEFAULTS.rule;
      const baseline = makeBaseline(options.baseline ?? ZEROS, shape, 'baseline');
      return { base: integratedGradientsMethod({ baseline, steps, rule }), params: { method, steps, rule, baseline: baseline.params } };
    }
    case 'occlusion-time':
    case 'occlusion-feature': {
      const baseline = makeBaseline(options.baseline ?? ZEROS, shape, 'baseline');
      return { base: occlusionMethod(method === 'occlusion-time' ? 'time' : 'feature', baseline), params: { method, baseline: baseline.params } };
    }
    default:
      return badOption('SALIENCY_METHOD', 'method', method, `one of ${SALIENCY_METHODS.join(', ')}`);
  }
}

/** Checks the TSR options: α in (0, 1), the mask value (default zeros). */
export function bindTsr(spec: true | TsrSpec, shape: SampleBlock): { options: TsrOptions; params: Record<string, JsonValue> } {
  if (spec !== true && (typeof spec !== 'object' || spec === null)) badOption('SALIENCY_TSR', 'tsr', spec, 'true, false or { alpha, featurePass, mask }');
  const tsr: TsrSpec = spec === true ? {} : spec;
  const alpha = between(tsr.alpha ?? DEFAULTS.alpha, 0, 1, 'tsr.alpha', 'SALIENCY_TSR_ALPHA');
  const featurePass = tsr.featurePass ?? DEFAULTS.featurePass;
  if (typeof featurePass !== 'boolean') badOption('SALIENCY_TSR_FEATURE_PASS', 'tsr.featurePass', featurePass, 'true or false');
  const mask = makeBaseline(tsr.mask ?? ZEROS, shape, 'tsr.mask');
  return { options: { alpha, featurePass, mask }, params: { alpha, featurePass, mask: mask.params } };
}
