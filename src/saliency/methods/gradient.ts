import { createNormalRng } from '../../util/rng.js';
import { subSeed } from '../../util/seeds.js';
import type { BaseMethod } from './method.js';
import { extent, sampleView } from './method.js';
import { gradientRows, sampleRows, type Rows } from './rows.js';

/** `grad`: |∂p_c/∂x| (Ismail et al. 2020 take the absolute gradient); `gradxinput`: ∂p_c/∂x · x, signed. */
export function gradientMethod(kind: 'grad' | 'gradxinput'): BaseMethod {
  return {
    rowCount: (samples) => samples,
    async run({ model, block, targets, work }) {
      const maps = new Float32Array(block.data.length);
      await gradientRows(model, block, sampleRows(block, (s) => targets[s]), work, (s, grad) => {
        const x = sampleView(block, s);
        const out = sampleView({ ...block, data: maps }, s);
        for (let i = 0; i < grad.length; i++) out[i] = kind === 'grad' ? Math.abs(grad[i]) : grad[i] * x[i];
      });
      return { maps };
    },
  };
}

export interface SmoothGradOptions {
  /** Noisy copies per sample. */
  noiseSamples: number;
  /** Noise level: the noise's standard deviation is sigma · (max − min) of each sample. */
  sigma: number;
  seed: number;
}

const NOISE_STREAM = 0x736e; // keeps noise draws apart from random baselines drawn with the same seed

/**
 * SmoothGrad (Smilkov et al. 2017): the mean of the `grad` map |∂p_c/∂x| over `noiseSamples`
 * copies x + N(0, (sigma·(max − min))²), the noise level relative to each sample's range as in
 * the paper. Noise comes from one seeded stream per sample key, so maps are reproducible and
 * independent of the batch size. A constant sample gets no noise (its range is 0).
 */
export function smoothGradMethod(options: SmoothGradOptions): BaseMethod {
  const n = options.noiseSamples;
  return {
    rowCount: (samples) => samples * n,
    async run({ model, block, targets, keys, work }) {
      const sums = new Float64Array(block.data.length);
      let rng = createNormalRng(0);
      let std = 0;
      const rows: Rows = {
        count: block.samples * n,
        target: (row) => targets[Math.floor(row / n)],
        fill(row, out) {
          const s = Math.floor(row / n);
          const x = sampleView(block, s);
          if (row % n === 0) {
            rng = createNormalRng(subSeed(options.seed, NOISE_STREAM, keys[s]));
            const [lo, hi] = extent(x);
            std = options.sigma * (hi - lo);
          }
          for (let i = 0; i < out.length; i++) out[i] = x[i] + std * rng.normal();
        },
      };
      const cells = block.time * block.features;
      await gradientRows(model, block, rows, work, (row, grad) => {
        const offset = Math.floor(row / n) * cells;
        for (let i = 0; i < cells; i++) sums[offset + i] += Math.abs(grad[i]);
      });
      return { maps: Float32Array.from(sums, (v) => v / n) };
    },
  };
}
