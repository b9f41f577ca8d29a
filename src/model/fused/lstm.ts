import { sigmoid, type FusedKernel } from './kernel.js';

/**
 * LSTM as cells/lstm.ts: gate blocks i, f, g, o; c' = σ(f)⊙c + σ(i)⊙tanh(g), h' = σ(o)⊙tanh(c').
 * Saved per unit: i, f, g, o (activated), c, tanh(c).
 */
export const LSTM_KERNEL: FusedKernel = {
  gates: 4,
  saved: 6,
  forward({ hidden: H, x, xo, pre, h, ho, s, so, sp }) {
    for (let k = 0; k < H; k++) {
      const i = sigmoid(x[xo + k] + pre[k]);
      const f = sigmoid(x[xo + H + k] + pre[H + k]);
      const g = Math.tanh(x[xo + 2 * H + k] + pre[2 * H + k]);
      const o = sigmoid(x[xo + 3 * H + k] + pre[3 * H + k]);
      const cPrev = sp < 0 ? 0 : s[sp + 4 * H + k];
      s[so + k] = i;
      s[so + H + k] = f;
      s[so + 2 * H + k] = g;
      s[so + 3 * H + k] = o;
      s[so + 4 * H + k] = f * cPrev + i * g;
      // tanh of the stored (float32) c, as the op path sees it.
      const tc = (s[so + 5 * H + k] = Math.tanh(s[so + 4 * H + k]));
      h[ho + k] = o * tc;
    }
  },
  backward({ hidden: H, s, so, sp, dh, carry, dx, dxo, dpre, dhDirect }) {
    for (let k = 0; k < H; k++) {
      const i = s[so + k];
      const f = s[so + H + k];
      const g = s[so + 2 * H + k];
      const o = s[so + 3 * H + k];
      const tc = s[so + 5 * H + k];
      const cPrev = sp < 0 ? 0 : s[sp + 4 * H + k];
      const dc = carry[k] + dh[k] * o * (1 - tc * tc);
      dpre[k] = dc * g * i * (1 - i);
      dpre[H + k] = dc * cPrev * f * (1 - f);
      dpre[2 * H + k] = dc * i * (1 - g * g);
      dpre[3 * H + k] = dh[k] * tc * o * (1 - o);
      for (let q = 0; q < 4; q++) dx[dxo + q * H + k] = dpre[q * H + k];
      carry[k] = dc * f;
      dhDirect[k] = 0;
    }
  },
};
