import * as tf from '@tensorflow/tfjs-core';
import { matMul } from '../matmul.js';
import type { CellDefinition } from './cell.js';

/**
 * GRU as PyTorch computes it, with one bias per gate: r = σ(x·W_r + h·U_r + b_r),
 * z = σ(x·W_z + h·U_z + b_z), n = tanh(x·W_n + r⊙(h·U_n + b_n)), h' = (1 − z)⊙n + z⊙h.
 * b_n sits inside r⊙(…) where PyTorch keeps its hidden bias b_hn (its input bias b_in,
 * outside, is the one dropped), so the reset gate also scales the candidate's bias.
 */
export const GRU_CELL: CellDefinition = {
  kind: 'gru',
  gates: 3,
  begin(params, batch) {
    const hidden = params.recurrent.shape[0];
    const [biasRz, biasN] = tf.split(params.bias, [2 * hidden, hidden]);
    return {
      inputBias: tf.concat([biasRz, tf.zeros([hidden])]) as tf.Tensor1D,
      initial: { h: tf.zeros([batch, hidden]) },
      step(x, { h }) {
        const [xRz, xN] = tf.split(x, [2 * hidden, hidden], 1);
        const [hRz, hN] = tf.split(matMul(h, params.recurrent), [2 * hidden, hidden], 1);
        const [r, z] = tf.split(tf.sigmoid(tf.add(xRz, hRz)), 2, 1);
        const n = tf.tanh(tf.add(xN, tf.mul(r, tf.add(hN, biasN))));
        return { h: tf.add<tf.Tensor2D>(n, tf.mul(z, tf.sub(h, n))) };
      },
    };
  },
};
