import type { ProbabilityFn, RunControl, SampleBlock } from '../types.js';
import { cachedBaseline, type Baseline } from './baselines.js';
import type { BaseMethod } from './method.js';
import { sampleView } from './method.js';
import { minMaxScale, quantile } from './scaling.js';
import { quietWork, trackedWork, type Work } from './work.js';

export interface TsrOptions {
  /** Quantile of the scaled time scores above which a step gets per-feature scores (reference: 0.55). */
  alpha: number;
  /** false: the fast mode, feature score 1 for every step above the threshold (no per-cell masking). */
  featurePass: boolean;
  /** What masked cells are set to. */
  mask: Baseline;
}

/** Feature score of the steps at or below the threshold, as in the reference code. */
export const BELOW_THRESHOLD_FEATURE_SCORE = 0.1;

/**
 * Temporal Saliency Rescaling (Ismail et al. 2020) on top of `base`. Per sample, with R its base
 * map: masking step t gives the time score Δ_t = Σ|R − R⁽ᵗ⁾|, min–max scaled over t; steps
 * strictly above the α-quantile of the scaled scores get feature scores Σ|R − R⁽ᵗ'ⁱ⁾| from
 * masking cell (t, i) alone, min–max scaled over i; the other steps get 0.1; the map is
 * time score × feature score. That is T + 1 + K·F base maps per sample (K steps above the
 * threshold), computed `control.batchSize` copies at a time; progress counts base maps, its
 * total made exact once the time pass has fixed K. Masked copies share their sample's random
 * streams, so SmoothGrad noise or a random baseline does not show up as relevance.
 */
export async function temporalSaliencyRescaling(
  base: BaseMethod,
  model: ProbabilityFn,
  block: SampleBlock,
  targets: Int32Array,
  options: TsrOptions,
  control: RunControl,
): Promise<Float32Array> {
  const { samples, time: T, features: F } = block;
  const cells = T * F;
  const expectedAbove = T - 1 - Math.floor(options.alpha * (T - 1));
  const work = trackedWork(control, samples * (T + 1 + (options.featurePass ? expectedAbove * F : 0)));
  const maskOf = cachedBaseline(options.mask, block, (s) => s);
  const masked = (s: number, out: Float32Array, maskedCells: Iterable<number>) => {
    out.set(sampleView(block, s));
    const m = maskOf(s);
    for (const i of maskedCells) out[i] = m[i];
  };
  const copies = copier(base, model, block, targets, control, work);

  // Time pass: copy s·(T + 1) is sample s itself, then step 0, 1, … masked.
  const reference = new Float32Array(samples * cells);
  const referenceOf = (s: number) => reference.subarray(s * cells, (s + 1) * cells);
  const timeScores = new Float64Array(samples * T);
  await copies(
    samples * (T + 1),
    (c) => Math.floor(c / (T + 1)),
    (c, s, out) => masked(s, out, stepCells(c % (T + 1) - 1, F)),
    (c, s, map) => {
      const j = c % (T + 1);
      if (j === 0) reference.set(map, s * cells);
      else timeScores[s * T + j - 1] = distance(referenceOf(s), map);
    },
  );

  const above: { s: number; t: number }[] = [];
  for (let s = 0; s < samples; s++) {
    const scaled = minMaxScale(timeScores.subarray(s * T, (s + 1) * T));
    const threshold = quantile(scaled, options.alpha);
    for (let t = 0; t < T; t++) if (scaled[t] > threshold) above.push({ s, t });
  }

  // Feature pass: copy k·F + i masks cell (t, i) of the k-th step above its sample's threshold.
  const featureScores = new Float64Array(samples * cells).fill(BELOW_THRESHOLD_FEATURE_SCORE);
  for (const { s, t } of above) featureScores.fill(1, s * cells + t * F, s * cells + (t + 1) * F);
  if (options.featurePass) {
    work.setTotal(samples * (T + 1) + above.length * F);
    await copies(
      above.length * F,
      (c) => above[Math.floor(c / F)].s,
      (c, s, out) => masked(s, out, [above[Math.floor(c / F)].t * F + (c % F)]),
      (c, s, map) => {
        const { t } = above[Math.floor(c / F)];
        featureScores[s * cells + t * F + (c % F)] = distance(referenceOf(s), map);
      },
    );
    for (const { s, t } of above) minMaxScale(featureScores.subarray(s * cells + t * F, s * cells + (t + 1) * F));
  }

  const maps = new Float32Array(samples * cells);
  for (let i = 0; i < maps.length; i++) maps[i] = timeScores[Math.floor(i / F)] * featureScores[i];
  return maps;
}

type Copies = (
  count: number,
  sampleOf: (c: number) => number,
  fill: (c: number, s: number, out: Float32Array) => void,
  take: (c: number, s: number, map: Float32Array) => void,
) => Promise<void>;

/** Computes base maps of generated copies of samples, `control.batchSize` copies per call of `base`. */
function copier(base: BaseMethod, model: ProbabilityFn, block: SampleBlock, targets: Int32Array, control: RunControl, work: Work): Copies {
  const cells = block.time * block.features;
  return async (count, sampleOf, fill, take) => {
    for (let start = 0; start < count; start += control.batchSize) {
      await work.checkpoint();
      const n = Math.min(control.batchSize, count - start);
      const chunk: SampleBlock = { ...block, samples: n, data: new Float32Array(n * cells) };
      const chunkTargets = new Int32Array(n);
      const keys = new Int32Array(n);
      for (let k = 0; k < n; k++) {
        const s = sampleOf(start + k);
        fill(start + k, s, sampleView(chunk, k));
        chunkTargets[k] = targets[s];
        keys[k] = s;
      }
      const { maps } = await base.run({ model, block: chunk, targets: chunkTargets, keys, work: quietWork(control) });
      for (let k = 0; k < n; k++) take(start + k, keys[k], sampleView({ ...chunk, data: maps }, k));
      work.advance(n);
    }
  };
}

/** Σ|a − b|. */
function distance(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i] - b[i]);
  return sum;
}

/** The cells of step t (none for t = −1, the unmasked copy). */
function stepCells(t: number, F: number): number[] {
  return t < 0 ? [] : Array.from({ length: F }, (_, i) => t * F + i);
}
