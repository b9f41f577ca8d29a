import * as tf from '@tensorflow/tfjs-core';
import type { CellDefinition, CellParams } from '../cells/cell.js';
import { matMul } from '../matmul.js';
import type { CellKind } from '../types.js';
import { GRU_KERNEL } from './gru.js';
import type { FusedKernel } from './kernel.js';
import { LSTM_KERNEL } from './lstm.js';
import { fusedOp, type FusedOp } from './op.js';
import { RNN_KERNEL } from './rnn.js';

export const FUSED_KERNELS: Record<CellKind, FusedKernel> = { lstm: LSTM_KERNEL, gru: GRU_KERNEL, rnn: RNN_KERNEL };

const OPS = Object.fromEntries(
  Object.entries(FUSED_KERNELS).map(([kind, kernel]) => [kind, { last: fusedOp(kernel, false), all: fusedOp(kernel, true) }]),
) as Record<CellKind, { last: FusedOp; all: FusedOp }>;

/**
 * The cell's recurrence over inputs [batch, time, in] from a zero state, fused: one product
 * projects every step's input (batch-major, no transposes), then one custom op runs all steps.
 * The last state [batch, hidden], or every state [batch, time, hidden] when `all`.
 */
export function fusedRecurrence(cell: CellDefinition, params: CellParams, inputs: tf.Tensor3D, all: boolean): tf.Tensor {
  const [batch, time, features] = inputs.shape;
  const width = params.kernel.shape[1];
  const projected = tf.reshape(matMul(tf.reshape(inputs, [batch * time, features]), params.kernel), [batch, time, width]);
  const ops = OPS[cell.kind];
  return (all ? ops.all : ops.last)(projected as tf.Tensor3D, params.recurrent, params.bias);
}
