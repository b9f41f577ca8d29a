/**
 * Random recurrences for the fused-vs-ops tests: weights and inputs from a seeded generator,
 * and the outputs and gradients of one implementation, read back as plain arrays.
 */
import * as tf from '@tensorflow/tfjs-core';
import { CELLS } from '../../../src/model/cells/index.js';
import { runRecurrence, runRecurrenceSequence, setRecurrenceImplementation } from '../../../src/model/recurrence.js';
import type { CellKind } from '../../../src/model/types.js';

export interface Case {
  kind: CellKind;
  batch: number;
  time: number;
  features: number;
  hidden: number;
  x: Float32Array;
  kernel: Float32Array;
  recurrent: Float32Array;
  bias: Float32Array;
}

/** Uniform in [−scale, scale) from a 32-bit LCG: the same numbers on every run. */
export function uniform(n: number, scale: number, seed: number): Float32Array {
  let state = seed >>> 0;
  return Float32Array.from({ length: n }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return scale * (2 * (state / 2 ** 32) - 1);
  });
}

export function makeCase(kind: CellKind, batch: number, time: number, features = 4, hidden = 5, seed = 1): Case {
  const width = CELLS[kind].gates * hidden;
  return {
    kind, batch, time, features, hidden,
    x: uniform(batch * time * features, 1, seed),
    kernel: uniform(features * width, 0.8, seed + 1),
    // ~0.8 at hidden 5; shrinking as Glorot's so that wide cells stay contractive, not chaotic.
    recurrent: uniform(hidden * width, 1.8 / Math.sqrt(hidden), seed + 2),
    bias: uniform(width, 0.4, seed + 3),
  };
}

export interface Result {
  /** Last state [batch, hidden] and every state [batch, time, hidden]. */
  last: Float32Array;
  all: Float32Array;
  /** Gradients of Σ c·(all states) + Σ c'·(last state): x, kernel, recurrent, bias. */
  grads: Record<'x' | 'kernel' | 'recurrent' | 'bias', Float32Array>;
}

/** The case's inputs and weights as variables (dispose them), and the weights as cell parameters. */
export function caseVariables(c: Case) {
  const width = CELLS[c.kind].gates * c.hidden;
  const vars = {
    x: tf.variable(tf.tensor3d(c.x, [c.batch, c.time, c.features])),
    kernel: tf.variable(tf.tensor2d(c.kernel, [c.features, width])),
    recurrent: tf.variable(tf.tensor2d(c.recurrent, [c.hidden, width])),
    bias: tf.variable(tf.tensor1d(c.bias)),
  };
  const params = { kernel: vars.kernel as tf.Variable<tf.Rank.R2>, recurrent: vars.recurrent as tf.Variable<tf.Rank.R2>, bias: vars.bias as tf.Variable<tf.Rank.R1> };
  return { vars, params };
}

/** Runs the case through runRecurrence/runRecurrenceSequence with one implementation forced. */
export function runCase(c: Case, implementation: 'fused' | 'ops'): Result {
  setRecurrenceImplementation(implementation);
  try {
    return tf.tidy(() => {
      const { vars, params } = caseVariables(c);
      const cell = CELLS[c.kind];
      const cAll = tf.tensor3d(uniform(c.batch * c.time * c.hidden, 1, 99), [c.batch, c.time, c.hidden]);
      const cLast = tf.tensor2d(uniform(c.batch * c.hidden, 1, 77), [c.batch, c.hidden]);
      const x = vars.x as tf.Variable<tf.Rank.R3>;
      const last = runRecurrence(cell, params, x).dataSync() as Float32Array;
      const all = runRecurrenceSequence(cell, params, x).dataSync() as Float32Array;
      const { grads } = tf.variableGrads(() => tf.add(
        tf.sum(tf.mul(runRecurrenceSequence(cell, params, x), cAll)),
        tf.sum(tf.mul(runRecurrence(cell, params, x), cLast)),
      ) as tf.Scalar, Object.values(vars));
      const read = (v: tf.Variable) => grads[v.name].dataSync() as Float32Array;
      const out = { last, all, grads: { x: read(vars.x), kernel: read(vars.kernel), recurrent: read(vars.recurrent), bias: read(vars.bias) } };
      Object.values(vars).forEach((v) => v.dispose());
      return out;
    });
  } finally {
    setRecurrenceImplementation('auto');
  }
}
