import { subSeed } from '../../util/seeds.js';
import { createRng } from '../../util/rng.js';
import { badOption } from './errors.js';
import { LIMITS } from './limits.js';
import type { SampleBlock } from '../types.js';
import { extent, sampleView } from './method.js';
import type { RowShape } from './rows.js';
import { integerAtLeast } from './validate.js';

/**
 * The reference input of IG, and the value occlusion and TSR mask with: zeros (the z-scored
 * mean), the training mean ([time, features] or one value per feature), or random.
 */
export type BaselineSpec = { kind: 'zeros' } | { kind: 'mean'; mean: ArrayLike<number> } | { kind: 'random'; seed?: number };

/** A baseline ready to write, with its JSON description for provenance. */
export interface Baseline {
  /** Writes the baseline of `sample` (time·features values) into `out`; `key` picks its random stream. */
  fill(sample: Float32Array, key: number, out: Float32Array): void;
  params: Record<string, string | number>;
}

const RANDOM_STREAM = 0x6261; // keeps baseline draws apart from SmoothGrad noise drawn with the same seed

/**
 * Checks `spec` against the sample shape. `random` draws each cell uniformly between the
 * sample's own min and max (the benchmark of Ismail et al. 2020 draws uniform noise over the
 * min–max-scaled data range), one stream per sample key, so results do not depend on batching.
 */
export function makeBaseline(spec: BaselineSpec, shape: RowShape, field: string): Baseline {
  const cells = shape.time * shape.features;
  switch (spec?.kind) {
    case 'zeros':
      return { fill: (_, __, out) => out.fill(0), params: { kind: 'zeros' } };
    case 'mean': {
      const n = spec.mean?.length;
      if (n !== cells && n !== shape.features) {
        badOption('SALIENCY_BASELINE', `${field}.mean length`, n, `${cells} ([time, features]) or ${shape.features} (one per feature)`);
      }
      const mean = Float32Array.from(spec.mean);
      if (!mean.every(Number.isFinite)) badOption('SALIENCY_BASELINE', `${field}.mean`, 'a non-finite value', 'finite numbers');
      const fill = n === cells ? (out: Float32Array) => out.set(mean) : (out: Float32Array) => tile(mean, out);
      return { fill: (_, __, out) => fill(out), params: { kind: 'mean', layout: n === cells ? 'time×features' : 'per-feature' } };
    }
    case 'random': {
      const seed = spec.seed ?? 0;
      integerAtLeast(seed, 0, `${field}.seed`, 'SALIENCY_SEED', LIMITS.seed);
      return {
        fill(sample, key, out) {
          const [lo, hi] = extent(sample);
          const uniform = createRng(subSeed(seed, RANDOM_STREAM, key));
          for (let i = 0; i < out.length; i++) out[i] = lo + (hi - lo) * uniform();
        },
        params: { kind: 'random', seed, distribution: "uniform over each sample's [min, max]" },
      };
    }
    default:
      return badOption('SALIENCY_BASELINE', `${field}.kind`, (spec as { kind?: unknown })?.kind, '"zeros", "mean" or "random"');
  }
}

function tile(perFeature: Float32Array, out: Float32Array): void {
  for (let i = 0; i < out.length; i += perFeature.length) out.set(perFeature, i);
}

/** The baseline of sample s, recomputed only when s changes (rows come in sample order). */
export function cachedBaseline(baseline: Baseline, block: SampleBlock, keyOf: (s: number) => number): (s: number) => Float32Array {
  const values = new Float32Array(block.time * block.features);
  let current = -1;
  return (s) => {
    if (s !== current) baseline.fill(sampleView(block, s), keyOf(s), values);
    current = s;
    return values;
  };
}
