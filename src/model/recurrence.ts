import * as tf from '@tensorflow/tfjs-core';
import type { CellDefinition, CellParams } from './cells/cell.js';
import { fusedRecurrence } from './fused/index.js';
import { preferFused } from './fused/policy.js';
import { matMul } from './matmul.js';

/** `fused`: one custom op stepping in JS (fused/); `ops`: a loop of TF.js ops; `auto`: by backend (fused/policy.ts). */
export type RecurrenceImplementation = 'auto' | 'fused' | 'ops';

let implementation: RecurrenceImplementation = 'auto';

/** Forces one implementation of the recurrence (tests, benchmarks), or `auto` again. */
export function setRecurrenceImplementation(choice: RecurrenceImplementation): void {
  implementation = choice;
}

export function getRecurrenceImplementation(): RecurrenceImplementation {
  return implementation;
}

function useFused(): boolean {
  if (implementation !== 'auto') return implementation === 'fused';
  return preferFused(tf.getBackend());
}

export interface RecurrenceOptions {
  /**
   * The inputs are data, not computed from anything trained, so their gradient is never used:
   * an implementation may skip it and return zeros (the wasm sweeps save a product as large as
   * the input projection).
   */
  inputsAreData?: boolean;
}

/**
 * The whole recurrence over inputs [batch, time, in], from a zero state: the last hidden
 * state [batch, hidden]. This is the one seam callers go through, so a fused implementation
 * (one kernel or one custom gradient for all steps) can replace the step loop here alone.
 * Inputs of every step are projected by one large product before the loop. Runs fused/'s
 * custom op or the loop of TF.js ops below, as setRecurrenceImplementation says.
 */
export function runRecurrence(cell: CellDefinition, params: CellParams, inputs: tf.Tensor3D, options: RecurrenceOptions = {}): tf.Tensor2D {
  if (useFused()) return fusedRecurrence(cell, params, inputs, false, options.inputsAreData ?? false) as tf.Tensor2D;
  return unroll(cell, params, inputs, false) as tf.Tensor2D;
}

/**
 * As runRecurrence, but every step's hidden state: [batch, time, hidden]. No model reads it
 * (classifiers use the last state); it is kept as the one window onto every step of both
 * implementations, which the fused-vs-ops-vs-Float64 parity tests (test/model/fused) check.
 */
export function runRecurrenceSequence(cell: CellDefinition, params: CellParams, inputs: tf.Tensor3D): tf.Tensor3D {
  if (useFused()) return fusedRecurrence(cell, params, inputs, true, false) as tf.Tensor3D;
  return unroll(cell, params, inputs, true) as tf.Tensor3D;
}

function unroll(cell: CellDefinition, params: CellParams, inputs: tf.Tensor3D, all: boolean): tf.Tensor {
  const [batch, time, features] = inputs.shape;
  const pass = cell.begin(params, batch);
  const width = params.kernel.shape[1];
  // Time-major rows [time·batch, width] so each step is one contiguous block; transpose
  // whichever side of the projection is narrower.
  const projected = features <= width
    ? matMul(tf.reshape(tf.transpose(inputs, [1, 0, 2]), [time * batch, features]), params.kernel)
    : tf.reshape(tf.transpose(tf.reshape(matMul(tf.reshape(inputs, [batch * time, features]), params.kernel), [batch, time, width]), [1, 0, 2]), [time * batch, width]);
  const withBias = tf.add(projected, pass.inputBias) as tf.Tensor2D;
  const steps = time === 1 ? [withBias] : (tf.split(withBias, time, 0) as tf.Tensor2D[]);
  let state = pass.initial;
  const hs: tf.Tensor2D[] = [];
  for (const x of steps) {
    state = pass.step(x, state);
    if (all) hs.push(state.h);
  }
  return all ? tf.stack(hs, 1) : state.h;
}
