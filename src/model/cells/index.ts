import type { WeightSpec } from '../init.js';
import type { CellKind } from '../types.js';
import type { CellDefinition } from './cell.js';
import { GRU_CELL } from './gru.js';
import { LSTM_CELL } from './lstm.js';
import { RNN_CELL } from './rnn.js';

export type { CellDefinition, CellParams, CellState, SequencePass } from './cell.js';

export const CELLS: Record<CellKind, CellDefinition> = { lstm: LSTM_CELL, gru: GRU_CELL, rnn: RNN_CELL };

/** The cell's weights under `prefix`: fused kernels Xavier-uniform, biases zero. */
export function cellWeightSpecs(kind: CellKind, inputSize: number, hidden: number, prefix = 'cell'): WeightSpec[] {
  const width = CELLS[kind].gates * hidden;
  return [
    { name: `${prefix}/kernel`, shape: [inputSize, width], init: 'glorot' },
    { name: `${prefix}/recurrent`, shape: [hidden, width], init: 'glorot' },
    { name: `${prefix}/bias`, shape: [width], init: 'zeros' },
  ];
}
