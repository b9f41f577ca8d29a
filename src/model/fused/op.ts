import * as tf from '@tensorflow/tfjs-core';
import { ModelError } from '../errors.js';
import type { FusedKernel } from './kernel.js';
import { productFor } from './policy.js';
import { backwardSweep, forwardSweep, lastStates, previousStatesT, spreadLast, type Trace } from './sweep.js';

type Arg = tf.Tensor | tf.GradSaveFunc;

/** (x·kernel [batch, time, gates·hidden], recurrent [hidden, gates·hidden], bias) → hidden states. */
export type FusedOp = (projected: tf.Tensor3D, recurrent: tf.Tensor2D, bias: tf.Tensor1D) => tf.Tensor;

/**
 * The whole recurrence as one TF.js op with a custom gradient: the forward pass and
 * backpropagation through time run in JavaScript over the tensors' data, read once, instead
 * of a dozen small ops per step; only each step's recurrent product may go to the backend's
 * matMul (policy.ts). Output: every state [batch, time, hidden] when `all`,
 * else the last [batch, hidden]. The trace (states and gate values) lives in the gradient's
 * closure, not in tensors.
 */
export function fusedOp(kernel: FusedKernel, all: boolean): FusedOp {
  return tf.customGrad((...args: Arg[]) => {
    const [projected, recurrent, bias] = args as [tf.Tensor3D, tf.Tensor2D, tf.Tensor1D];
    const [batch, time] = projected.shape;
    const hidden = recurrent.shape[0];
    checkFusedShapes(kernel, projected.shape, recurrent.shape, bias.shape);
    const trace = forwardSweep(kernel, { batch, time, hidden }, readFloat32(projected), readFloat32(recurrent), readFloat32(bias), productFor(batch, kernel.gates, hidden));
    const value = all ? tf.tensor3d(trace.h, [batch, time, hidden]) : tf.tensor2d(lastStates(trace), [batch, hidden]);
    return { value, gradFunc: (dy: tf.Tensor) => gradients(trace, all ? readFloat32(dy) : spreadLast(trace.dims, readFloat32(dy))) };
  }) as FusedOp;
}

/** Gradients of projected inputs, recurrent weight and bias. */
function gradients(trace: Trace, dy: Float32Array): tf.Tensor[] {
  const { batch, time, hidden } = trace.dims;
  const width = trace.kernel.gates * hidden;
  const g = backwardSweep(trace, dy, productFor(batch, trace.kernel.gates, hidden));
  return tf.tidy(() => {
    // dL/dU = Σ_rows h_{t−1}ᵀ·dpre: one large product (XNNPACK on wasm), transposed in JS
    // beforehand because wasm runs only untransposed products fast.
    const hPrevT = tf.tensor2d(previousStatesT(trace), [hidden, batch * time]);
    const dU = tf.matMul(hPrevT, tf.tensor2d(g.dpre, [batch * time, width]));
    return [tf.tensor3d(g.dx, [batch, time, width]), dU, tf.tensor1d(g.dbias)];
  });
}

/** A float32 tensor's values (a ModelError for any other dtype). */
export function readFloat32(t: tf.Tensor): Float32Array {
  if (t.dtype !== 'float32') throw new ModelError('MODEL_DTYPE', 'fused recurrence', 'dtype', t.dtype, 'float32');
  return t.dataSync() as Float32Array;
}

/** A ModelError unless projected [batch, time, G·H], recurrent [H, G·H] and bias [G·H] fit the kernel. */
export function checkFusedShapes(kernel: FusedKernel, projected: number[], recurrent: number[], bias: number[]): void {
  const [batch, time, width] = projected;
  const expected = kernel.gates * recurrent[0];
  if (batch < 1 || time < 1 || width !== expected || recurrent[1] !== expected || bias.length !== 1 || bias[0] !== expected) {
    const found = `inputs [${projected.join(', ')}], recurrent [${recurrent.join(', ')}], bias [${bias.join(', ')}]`;
    throw new ModelError('MODEL_RECURRENCE_SHAPE', 'fused recurrence', 'shapes', found, `batch ≥ 1, time ≥ 1, and width ${kernel.gates}·hidden = ${expected} throughout`);
  }
}
