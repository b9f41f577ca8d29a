/**
 * The fused op's function in Float64 for the WGSL tests: states from projected inputs
 * (x·kernel, no bias), recurrent weight and bias, stepped by the reference cells
 * (test/model/reference/cells.ts) with an identity kernel, so projected enters as x·I.
 */
import { CELLS } from '../../../src/model/cells/index.js';
import type { CellKind } from '../../../src/model/types.js';
import { referenceStep, zeroState } from '../reference/cells.js';
import { uniform } from '../fused/cases.js';

export interface OpCase {
  kind: CellKind;
  batch: number;
  time: number;
  hidden: number;
  /** [batch, time, gates·hidden], [hidden, gates·hidden], [gates·hidden]. */
  projected: Float32Array;
  recurrent: Float32Array;
  bias: Float32Array;
  /** Weights of the scalar Σ w·output whose gradients are checked: [batch, time, hidden] and [batch, hidden]. */
  wAll: Float32Array;
  wLast: Float32Array;
}

export function makeOpCase(kind: CellKind, batch: number, time: number, hidden: number, seed = 1): OpCase {
  const width = CELLS[kind].gates * hidden;
  return {
    kind, batch, time, hidden,
    projected: uniform(batch * time * width, 1.2, seed),
    // Contractive at every hidden size, as test/model/fused/cases.ts.
    recurrent: uniform(hidden * width, 1.8 / Math.sqrt(hidden), seed + 1),
    bias: uniform(width, 0.4, seed + 2),
    wAll: uniform(batch * time * hidden, 1, seed + 3),
    wLast: uniform(batch * hidden, 1, seed + 4),
  };
}

export type Weights = Pick<OpCase, 'projected' | 'recurrent' | 'bias'>;

/** Every state [batch, time, hidden] when `all`, else the last [batch, hidden], in Float64. */
export function referenceOutput(c: OpCase, all: boolean, w: { [K in keyof Weights]: ArrayLike<number> } = c): Float64Array {
  const width = w.bias.length;
  const identity = new Float64Array(width * width);
  for (let j = 0; j < width; j++) identity[j * width + j] = 1;
  const cell = { kernel: identity, recurrent: Float64Array.from(w.recurrent), bias: Float64Array.from(w.bias), hidden: c.hidden };
  const out = new Float64Array(c.batch * (all ? c.time : 1) * c.hidden);
  for (let b = 0; b < c.batch; b++) {
    let state = zeroState(c.hidden);
    for (let t = 0; t < c.time; t++) {
      const row = b * c.time + t;
      state = referenceStep(c.kind, cell, Array.prototype.slice.call(w.projected, row * width, (row + 1) * width), state);
      if (all) out.set(state.h, row * c.hidden);
    }
    if (!all) out.set(state.h, b * c.hidden);
  }
  return out;
}

/** Σ w·output: the scalar whose gradients the tests compare. */
export function referenceScalar(c: OpCase, all: boolean, w: { [K in keyof Weights]: ArrayLike<number> } = c): number {
  const out = referenceOutput(c, all, w);
  const weights = all ? c.wAll : c.wLast;
  let s = 0;
  for (let i = 0; i < out.length; i++) s += out[i] * weights[i];
  return s;
}

/** About `count` entries of n spread over the whole range (first and last included), deterministic. */
export function spreadIndices(n: number, count: number): number[] {
  if (n <= count) return [...Array(n).keys()];
  return [...new Set(Array.from({ length: count }, (_, i) => Math.round((i * (n - 1)) / (count - 1))))];
}
