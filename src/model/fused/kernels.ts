import type { CellKind } from '../types.js';
import { GRU_KERNEL } from './gru.js';
import type { FusedKernel } from './kernel.js';
import { LSTM_KERNEL } from './lstm.js';
import { RNN_KERNEL } from './rnn.js';

/** Each cell kind's fused kernel: its arithmetic, and the gates and saved values every sweep lays out. */
export const FUSED_KERNELS: Record<CellKind, FusedKernel> = { lstm: LSTM_KERNEL, gru: GRU_KERNEL, rnn: RNN_KERNEL };
