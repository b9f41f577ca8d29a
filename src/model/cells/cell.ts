import type * as tf from '@tensorflow/tfjs-core';
import type { CellKind } from '../types.js';

/** A cell's recurrent state: h, and c for an LSTM. */
export interface CellState {
  h: tf.Tensor2D;
  c?: tf.Tensor2D;
}

/** Fused gate weights: kernel [in, gates·hidden], recurrent [hidden, gates·hidden], bias [gates·hidden]. */
export interface CellParams {
  kernel: tf.Tensor2D;
  recurrent: tf.Tensor2D;
  bias: tf.Tensor1D;
}

/** One pass over a sequence, set up once so per-step work is only the recurrence. */
export interface SequencePass {
  /** Added to every projected input x_t·kernel before the loop. */
  inputBias: tf.Tensor1D;
  initial: CellState;
  /** The next state from x_t·kernel + inputBias and the previous state. */
  step(projected: tf.Tensor2D, state: CellState): CellState;
}

/** A kind of recurrent cell over fused gate weights (gate blocks in PyTorch's order). */
export interface CellDefinition {
  readonly kind: CellKind;
  /** Gate blocks in the fused kernels: LSTM 4 (i, f, g, o), GRU 3 (r, z, n), RNN 1. */
  readonly gates: number;
  begin(params: CellParams, batch: number): SequencePass;
}
