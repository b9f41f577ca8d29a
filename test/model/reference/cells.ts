/**
 * Float64 reference of one step of each recurrent cell, written from the equations of the
 * spec (PyTorch's cells, sigmoid gates, one bias per gate). Weights are row-major, stored for
 * x·W: kernel [in, gates·H], recurrent [H, gates·H], bias [gates·H], gate blocks in order
 * LSTM (i, f, g, o), GRU (r, z, n), RNN (one block).
 */
import type { CellKind } from '../../../src/model/types.js';

export interface CellWeights {
  kernel: Float64Array;
  recurrent: Float64Array;
  bias: Float64Array;
  hidden: number;
}

export interface RefState {
  h: number[];
  c: number[];
}

export const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));

/** v·M for a row vector v and a row-major matrix M with `cols` columns. */
export function vecMat(v: ArrayLike<number>, m: ArrayLike<number>, cols: number): number[] {
  const out = new Array<number>(cols).fill(0);
  for (let i = 0; i < v.length; i++) for (let j = 0; j < cols; j++) out[j] += v[i] * m[i * cols + j];
  return out;
}

export function zeroState(hidden: number): RefState {
  return { h: new Array<number>(hidden).fill(0), c: new Array<number>(hidden).fill(0) };
}

/** The next state of `kind` from input x_t and the previous state. */
export function referenceStep(kind: CellKind, w: CellWeights, x: ArrayLike<number>, s: RefState): RefState {
  const H = w.hidden;
  const width = w.bias.length;
  const xw = vecMat(x, w.kernel, width);
  const hu = vecMat(s.h, w.recurrent, width);
  // Gate block g, unit u: input part, recurrent part, bias.
  const X = (g: number, u: number) => xw[g * H + u];
  const U = (g: number, u: number) => hu[g * H + u];
  const B = (g: number, u: number) => w.bias[g * H + u];
  const units = [...Array(H).keys()];
  if (kind === 'rnn') return { h: units.map((u) => Math.tanh(X(0, u) + U(0, u) + B(0, u))), c: s.c };
  if (kind === 'lstm') {
    const pre = (g: number, u: number) => X(g, u) + U(g, u) + B(g, u);
    const c = units.map((u) => sigmoid(pre(1, u)) * s.c[u] + sigmoid(pre(0, u)) * Math.tanh(pre(2, u)));
    return { h: units.map((u) => sigmoid(pre(3, u)) * Math.tanh(c[u])), c };
  }
  // GRU: the candidate's bias sits with its recurrent part, inside the reset gate.
  const h = units.map((u) => {
    const r = sigmoid(X(0, u) + U(0, u) + B(0, u));
    const z = sigmoid(X(1, u) + U(1, u) + B(1, u));
    const n = Math.tanh(X(2, u) + r * (U(2, u) + B(2, u)));
    return (1 - z) * n + z * s.h[u];
  });
  return { h, c: s.c };
}
