import { sigmoid, type FusedKernel } from './kernel.js';

/**
 * GRU as cells/gru.ts (PyTorch's): r = σ(x_r + pre_r), z = σ(x_z + pre_z),
 * n = tanh(x_n + r⊙m) with m = h·U_n + b_n (pre_n), h' = n + z⊙(h − n).
 * Saved per unit: r, z, n, m.
 */
export const GRU_KERNEL: FusedKernel = {
  gates: 3,
  saved: 4,
  forward({ hidden: H, x, xo, pre, h, ho, hp, s, so }) {
    for (let k = 0; k < H; k++) {
      const r = sigmoid(x[xo + k] + pre[k]);
      const z = sigmoid(x[xo + H + k] + pre[H + k]);
      const m = pre[2 * H + k];
      const n = Math.tanh(x[xo + 2 * H + k] + r * m);
      const hPrev = hp < 0 ? 0 : h[hp + k];
      s[so + k] = r;
      s[so + H + k] = z;
      s[so + 2 * H + k] = n;
      s[so + 3 * H + k] = m;
      h[ho + k] = n + z * (hPrev - n);
    }
  },
  backward({ hidden: H, h, hp, s, so, dh, dx, dxo, dpre, dhDirect }) {
    for (let k = 0; k < H; k++) {
      const r = s[so + k];
      const z = s[so + H + k];
      const n = s[so + 2 * H + k];
      const m = s[so + 3 * H + k];
      const hPrev = hp < 0 ? 0 : h[hp + k];
      // Gradients of the pre-activations of n, z and r.
      const an = dh[k] * (1 - z) * (1 - n * n);
      const az = dh[k] * (hPrev - n) * z * (1 - z);
      const ar = an * m * r * (1 - r);
      dpre[k] = ar;
      dpre[H + k] = az;
      dpre[2 * H + k] = an * r;
      dx[dxo + k] = ar;
      dx[dxo + H + k] = az;
      dx[dxo + 2 * H + k] = an;
      dhDirect[k] = dh[k] * z;
    }
  },
};
