import * as tf from '@tensorflow/tfjs-core';
import { matMul } from '../matmul.js';
import type { CellDefinition } from './cell.js';

/**
 * LSTM with sigmoid gates (not TF.js's default hardSigmoid) and one bias per gate; gate blocks
 * i, f, g, o as PyTorch. c' = σ(f)⊙c + σ(i)⊙tanh(g), h' = σ(o)⊙tanh(c').
 */
export const LSTM_CELL: CellDefinition = {
  kind: 'lstm',
  gates: 4,
  begin(params, batch) {
    const hidden = params.recurrent.shape[0];
    return {
      inputBias: params.bias,
      initial: { h: tf.zeros([batch, hidden]), c: tf.zeros([batch, hidden]) },
      step(x, { h, c }) {
        const [i, f, g, o] = tf.split(tf.add(x, matMul(h, params.recurrent)), 4, 1);
        const next = tf.add<tf.Tensor2D>(tf.mul(tf.sigmoid(f), c!), tf.mul(tf.sigmoid(i), tf.tanh(g)));
        return { h: tf.mul<tf.Tensor2D>(tf.sigmoid(o), tf.tanh(next)), c: next };
      },
    };
  },
};
