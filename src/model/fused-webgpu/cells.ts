import type { CellKind } from '../types.js';

/**
 * One cell kind's arithmetic for the WGSL sweeps (programs.ts), as WGSL statements run by the
 * thread that owns hidden unit `k` of batch row `b` at step `t` (trace row `row` = b·T + t).
 * The formulas, gate order and saved values are those of the JS kernels (fused/lstm.ts,
 * fused/gru.ts, fused/rnn.ts), so both fused paths keep the same trace and gradients.
 */
export interface WgslCell {
  readonly gates: number;
  /** Values saved per hidden unit per step for the backward pass (as the JS kernel's `saved`). */
  readonly saved: number;
  /** Whether the kind carries a second state from step to step (LSTM: c forward, dL/dc backward). */
  readonly carries: boolean;
  /** Whether dL/d(projected) differs from dL/d(pre) (GRU: the reset gate scales the candidate's recurrent part only). */
  readonly dxDiffers: boolean;
  /**
   * Forward, given pre[g·H + k] = bias + h_{t−1}·U (workgroup), hPrev[k] = h_{t−1}, proj[xo + g·H + k]
   * = x_t·kernel and, when `carries`, carry[k] = c_{t−1}: sets `hNew`, calls save(q, v) for each
   * saved value and updates carry[k].
   */
  readonly forward: string;
  /**
   * Backward, given `dh` = dL/dh_t (complete), savedAt(row, q, k), stateAt(row, k) (h) and, when
   * `carries`, carry[k] = dL/dc_t: calls setDpre(g, v) (and setDx(g, v) when `dxDiffers`), sets
   * `direct` (the part of dL/dh_{t−1} outside the recurrent product) and updates carry[k].
   */
  readonly backward: string;
}

const LSTM: WgslCell = {
  gates: 4,
  saved: 6,
  carries: true,
  dxDiffers: false,
  forward: `
    let i = sigmoid(proj[xo + k] + pre[k]);
    let f = sigmoid(proj[xo + H + k] + pre[H + k]);
    let g = tanhOf(proj[xo + 2 * H + k] + pre[2 * H + k]);
    let o = sigmoid(proj[xo + 3 * H + k] + pre[3 * H + k]);
    let c = f * carry[k] + i * g;
    let tc = tanhOf(c);
    carry[k] = c;
    save(row, 0, k, i);
    save(row, 1, k, f);
    save(row, 2, k, g);
    save(row, 3, k, o);
    save(row, 4, k, c);
    save(row, 5, k, tc);
    hNew = o * tc;`,
  backward: `
    let i = savedAt(row, 0, k);
    let f = savedAt(row, 1, k);
    let g = savedAt(row, 2, k);
    let o = savedAt(row, 3, k);
    let tc = savedAt(row, 5, k);
    var cPrev = 0.0;
    if (t > 0) { cPrev = savedAt(row - 1, 4, k); }
    let dc = carry[k] + dh * o * (1.0 - tc * tc);
    setDpre(row, 0, k, dc * g * i * (1.0 - i));
    setDpre(row, 1, k, dc * cPrev * f * (1.0 - f));
    setDpre(row, 2, k, dc * i * (1.0 - g * g));
    setDpre(row, 3, k, dh * tc * o * (1.0 - o));
    carry[k] = dc * f;
    direct = 0.0;`,
};

const GRU: WgslCell = {
  gates: 3,
  saved: 4,
  carries: false,
  dxDiffers: true,
  forward: `
    let r = sigmoid(proj[xo + k] + pre[k]);
    let z = sigmoid(proj[xo + H + k] + pre[H + k]);
    let m = pre[2 * H + k];
    let n = tanhOf(proj[xo + 2 * H + k] + r * m);
    save(row, 0, k, r);
    save(row, 1, k, z);
    save(row, 2, k, n);
    save(row, 3, k, m);
    hNew = n + z * (hPrev[k] - n);`,
  backward: `
    let r = savedAt(row, 0, k);
    let z = savedAt(row, 1, k);
    let n = savedAt(row, 2, k);
    let m = savedAt(row, 3, k);
    var hp = 0.0;
    if (t > 0) { hp = stateAt(row - 1, k); }
    let an = dh * (1.0 - z) * (1.0 - n * n);
    let az = dh * (hp - n) * z * (1.0 - z);
    let ar = an * m * r * (1.0 - r);
    setDpre(row, 0, k, ar);
    setDpre(row, 1, k, az);
    setDpre(row, 2, k, an * r);
    setDx(row, 0, k, ar);
    setDx(row, 1, k, az);
    setDx(row, 2, k, an);
    direct = dh * z;`,
};

const RNN: WgslCell = {
  gates: 1,
  saved: 0,
  carries: false,
  dxDiffers: false,
  forward: `
    hNew = tanhOf(proj[xo + k] + pre[k]);`,
  backward: `
    let v = stateAt(row, k);
    setDpre(row, 0, k, dh * (1.0 - v * v));
    direct = 0.0;`,
};

export const WGSL_CELLS: Record<CellKind, WgslCell> = { lstm: LSTM, gru: GRU, rnn: RNN };
