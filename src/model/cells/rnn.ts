import * as tf from '@tensorflow/tfjs-core';
import { matMul } from '../matmul.js';
import type { CellDefinition } from './cell.js';

/** Elman RNN: h' = tanh(x·W + h·U + b). */
export const RNN_CELL: CellDefinition = {
  kind: 'rnn',
  gates: 1,
  begin(params, batch) {
    const hidden = params.recurrent.shape[0];
    return {
      inputBias: params.bias,
      initial: { h: tf.zeros([batch, hidden]) },
      step: (x, { h }) => ({ h: tf.tanh(tf.add<tf.Tensor2D>(x, matMul(h, params.recurrent))) }),
    };
  },
};
