import type { AttentionVariant } from '../types.js';
import { adjointStep, adjointStep4, decayAdd, decayAdd4, decayCopy, decayCopy4, decayDot, decayDot4, type Block } from './lanes.js';
import type { PrefixWeights } from './prefix-weights.js';

export interface Dims {
  batch: number;
  hops: number;
  time: number;
  features: number;
}

/**
 * Where hop k's M_t lives in an output row (and its gradient in dy): `mean` rows are N wide
 * and every hop adds into the same N values, scaled 1/r; `matrix` rows are r·N wide, hop by hop.
 */
function layout({ hops, features }: Dims, variant: AttentionVariant) {
  const mean = variant === 'mean';
  return { width: mean ? features : hops * features, hopStep: mean ? 0 : features, scale: mean ? 1 / hops : 1 };
}

/**
 * The coefficients of hops k..k+3 at step t (wi: hop k's index) into c; with `next`, β of
 * step t+1 instead (zero after the last step), as the backward pass needs.
 */
function loadBlock(c: Block, w: PrefixWeights, wi: number, time: number, t: number, next: boolean): void {
  for (let j = 0; j < 4; j++) {
    const at = wi + j * time;
    c[j] = !next ? w.beta[at] : t + 1 < time ? w.beta[at + 1] : 0;
    c[4 + j] = w.alpha[at];
  }
}

/**
 * M_t = β_t·M_{t−1} + α_t·x_t for every sequence, hop and step (prefix-weights.ts), in
 * Float64, each sequence's steps in order with all hops' M side by side (x_t is read once
 * per step). Output [batch, time, N] (`mean`) or [batch, time, r·N] (`matrix`).
 */
export function attendForward(dims: Dims, w: PrefixWeights, x: Float32Array, variant: AttentionVariant): Float32Array {
  const { batch, hops, time, features: n } = dims;
  const { width, scale } = layout(dims, variant);
  const out = new Float32Array(batch * time * width);
  const m = new Float64Array(hops * n);
  const acc = new Float64Array(n);
  const c: Block = new Float64Array(8);
  for (let b = 0; b < batch; b++) {
    m.fill(0);
    for (let t = 0; t < time; t++) {
      const xo = (b * time + t) * n;
      const oo = (b * time + t) * width;
      acc.fill(0);
      let k = 0;
      for (; k + 3 < hops; k += 4) {
        loadBlock(c, w, (b * hops + k) * time + t, time, t, false);
        if (variant === 'mean') decayAdd4(m, k * n, n, c, x, xo, acc);
        else decayCopy4(m, k * n, n, c, x, xo, out, oo + k * n);
      }
      for (; k < hops; k++) {
        const wi = (b * hops + k) * time + t;
        if (variant === 'mean') decayAdd(m, k * n, n, w.beta[wi], w.alpha[wi], x, xo, acc);
        else decayCopy(m, k * n, n, w.beta[wi], w.alpha[wi], x, xo, out, oo + k * n);
      }
      if (variant === 'mean') for (let i = 0; i < n; i++) out[oo + i] = acc[i] * scale;
    }
  }
  return out;
}

/**
 * Gradients of the scores [batch, hops, time] and of x [batch, time, N] (the part through
 * the prefix weights; x's part through the scores comes back by the scores' gradient).
 *
 * Per sequence and hop, with G_t = dL/dM_t, a_{t,j} = α_j·β_{j+1}···β_t (j ≤ t) and
 * ∂M_t/∂s_j = a_{t,j}(x_j − M_t):
 *   dL/dx_j = Σ_{t≥j} a_{t,j}·G_t = α_j·R_j,
 *   dL/ds_j = Σ_{t≥j} a_{t,j}·G_t·(x_j − M_t) = α_j·(x_j·R_j − ρ_j),
 * with reverse running sums R_j = G_j + β_{j+1}·R_{j+1} and ρ_j = G_j·M_j + β_{j+1}·ρ_{j+1}.
 * These are D_j·Σ_{t≥j} G_t/D_t, i.e. every later step weighed against the prefix-j
 * denominator: each factor β ≤ 1, so nothing overflows whatever the scores do, and a term
 * underflows only when its true weight is below e^−700. O(T·N) per (sequence, hop):
 * one pass forward to rebuild M_t (only G_t·M_t is kept, so memory stays O(batch·r·T)),
 * one pass back.
 */
export function attendBackward(dims: Dims, w: PrefixWeights, x: Float32Array, dy: Float32Array, variant: AttentionVariant): { dScores: Float32Array; dx: Float32Array } {
  const { batch, hops, time, features: n } = dims;
  const { width, hopStep, scale } = layout(dims, variant);
  const dScores = new Float32Array(batch * hops * time);
  const dx = new Float32Array(batch * time * n);
  const m = new Float64Array(hops * n);
  const r = new Float64Array(hops * n);
  const gm = new Float64Array(hops * time);
  const rho = new Float64Array(hops);
  const dxRow = new Float64Array(n);
  const c: Block = new Float64Array(8);
  const four = new Float64Array(4);
  for (let b = 0; b < batch; b++) {
    m.fill(0);
    for (let t = 0; t < time; t++) {
      const xo = (b * time + t) * n;
      const go = (b * time + t) * width;
      let k = 0;
      for (; k + 3 < hops; k += 4) {
        loadBlock(c, w, (b * hops + k) * time + t, time, t, false);
        decayDot4(m, k * n, n, c, x, xo, dy, go + k * hopStep, hopStep, four);
        for (let j = 0; j < 4; j++) gm[(k + j) * time + t] = four[j];
      }
      for (; k < hops; k++) {
        const wi = (b * hops + k) * time + t;
        gm[k * time + t] = decayDot(m, k * n, n, w.beta[wi], w.alpha[wi], x, xo, dy, go + k * hopStep);
      }
    }
    r.fill(0);
    rho.fill(0);
    for (let t = time - 1; t >= 0; t--) {
      const xo = (b * time + t) * n;
      const go = (b * time + t) * width;
      dxRow.fill(0);
      const finish = (k: number, betaNext: number, xr: number) => {
        const wi = (b * hops + k) * time + t;
        rho[k] = gm[k * time + t] + betaNext * rho[k];
        dScores[wi] = scale * w.alpha[wi] * (xr - rho[k]);
      };
      let k = 0;
      for (; k + 3 < hops; k += 4) {
        loadBlock(c, w, (b * hops + k) * time + t, time, t, true);
        adjointStep4(r, k * n, n, c, dy, go + k * hopStep, hopStep, dxRow, x, xo, four);
        for (let j = 0; j < 4; j++) finish(k + j, c[j], four[j]);
      }
      for (; k < hops; k++) {
        const wi = (b * hops + k) * time + t;
        const betaNext = t + 1 < time ? w.beta[wi + 1] : 0;
        finish(k, betaNext, adjointStep(r, k * n, n, betaNext, w.alpha[wi], dy, go + k * hopStep, dxRow, x, xo));
      }
      for (let i = 0; i < n; i++) dx[xo + i] = scale * dxRow[i];
    }
  }
  return { dScores, dx };
}
