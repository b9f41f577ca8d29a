import { cachedBaseline, type Baseline } from './baselines.js';
import type { BaseMethod } from './method.js';
import { sampleView } from './method.js';
import { quadrature, type IntegrationRule } from './quadrature.js';
import { forwardRows, gradientRows, type Rows } from './rows.js';

export interface IntegratedGradientsOptions {
  baseline: Baseline;
  steps: number;
  rule: IntegrationRule;
}

/**
 * Integrated Gradients (Sundararajan et al. 2017), signed as in Captum:
 * (x − x') ⊙ Σ_k w_k ∂p_c/∂x (x' + α_k (x − x')), with the chosen quadrature on [0, 1].
 * Reports per sample the convergence delta Σ attributions − (p_c(x) − p_c(x')), which the
 * completeness axiom makes 0 in the limit of many steps.
 */
export function integratedGradientsMethod(options: IntegratedGradientsOptions): BaseMethod {
  const { alphas, weights } = quadrature(options.rule, options.steps);
  const n = alphas.length;
  return {
    rowCount: (samples) => samples * (n + 2),
    async run({ model, block, targets, keys, work }) {
      const cells = block.time * block.features;
      const baselineOf = cachedBaseline(options.baseline, block, (s) => keys[s]);

      // p_c(x) − p_c(x'): rows 2s (the sample) and 2s + 1 (its baseline).
      const gap = new Float64Array(block.samples);
      const ends: Rows = {
        count: 2 * block.samples,
        target: (row) => targets[row >> 1],
        fill: (row, out) => out.set(row % 2 === 0 ? sampleView(block, row >> 1) : baselineOf(row >> 1)),
      };
      await forwardRows(model, block, ends, work, (row, probs) => (gap[row >> 1] += (row % 2 === 0 ? 1 : -1) * probs[targets[row >> 1]]));

      const sums = new Float64Array(block.data.length);
      const path: Rows = {
        count: block.samples * n,
        target: (row) => targets[Math.floor(row / n)],
        fill(row, out) {
          const s = Math.floor(row / n);
          const x = sampleView(block, s);
          const base = baselineOf(s);
          const alpha = alphas[row % n];
          for (let i = 0; i < cells; i++) out[i] = base[i] + alpha * (x[i] - base[i]);
        },
      };
      await gradientRows(model, block, path, work, (row, grad) => {
        const offset = Math.floor(row / n) * cells;
        const w = weights[row % n];
        for (let i = 0; i < cells; i++) sums[offset + i] += w * grad[i];
      });

      const maps = new Float32Array(block.data.length);
      const delta = new Float32Array(block.samples);
      for (let s = 0; s < block.samples; s++) {
        const x = sampleView(block, s);
        const base = baselineOf(s);
        let total = 0;
        for (let i = 0; i < cells; i++) {
          const a = (x[i] - base[i]) * sums[s * cells + i];
          maps[s * cells + i] = a;
          total += a;
        }
        delta[s] = total - gap[s];
      }
      return { maps, delta };
    },
  };
}
