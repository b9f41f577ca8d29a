import type { FusedKernel } from './kernel.js';

/** Elman RNN as cells/rnn.ts: h' = tanh(x + pre). Nothing saved beyond h itself. */
export const RNN_KERNEL: FusedKernel = {
  gates: 1,
  saved: 0,
  forward({ hidden: H, x, xo, pre, h, ho }) {
    for (let k = 0; k < H; k++) h[ho + k] = Math.tanh(x[xo + k] + pre[k]);
  },
  backward({ hidden: H, h, ho, dh, dx, dxo, dpre, dhDirect }) {
    for (let k = 0; k < H; k++) {
      const v = h[ho + k];
      dx[dxo + k] = dpre[k] = dh[k] * (1 - v * v);
      dhDirect[k] = 0;
    }
  },
};
