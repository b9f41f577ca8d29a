import * as tf from '@tensorflow/tfjs-core';
import type { WebGPUBackend, WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { ModelError } from '../errors.js';
import type { FusedOp } from '../fused/op.js';
import type { CellKind } from '../types.js';
import { WGSL_CELLS, type WgslCell } from './cells.js';
import { checkDeviceLimits } from './limits.js';
import { backwardProgram, forwardProgram, type SweepDims } from './programs.js';

type Arg = tf.Tensor | tf.GradSaveFunc;

/**
 * The whole recurrence as one TF.js op with a custom gradient on the webgpu backend, as
 * fused/op.ts does in JS: the forward pass is one WGSL dispatch for every step and sequence
 * (programs.ts), and so is backpropagation through time; dL/dU and dL/dbias come from one
 * ordinary matMul of the previous states by dpre. Nothing is read back to JS, so the op loop's
 * dozens of dispatches per step become a fixed handful per pass. The trace (states and saved gate values) is one GPU tensor kept by `save` for the
 * gradient, so it lives only while a gradient may be asked for. Output: every state
 * [batch, time, hidden] when `all`, else the last [batch, hidden].
 */
export function webgpuFusedOp(kind: CellKind, all: boolean): FusedOp {
  const cell = WGSL_CELLS[kind];
  return tf.customGrad((...args: Arg[]) => {
    const [projected, recurrent, bias, save] = args as [tf.Tensor3D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
    checkShapes(cell, projected.shape, recurrent.shape, bias.shape);
    for (const t of [projected, recurrent, bias]) checkDtype(t);
    const backend = webgpuBackend();
    const [batch, time] = projected.shape;
    const dims: SweepDims = { batch, time, hidden: recurrent.shape[0] };
    checkDeviceLimits(kind, cell, dims, backend.device?.limits ?? {});
    const trace = run(backend, forwardProgram(kind, cell, dims), [projected, recurrent, bias]);
    save([trace, recurrent]);
    const states = statesOf(trace, dims);
    const value = all ? states : tf.reshape(tf.slice(states, [0, time - 1, 0], [batch, 1, dims.hidden]), [batch, dims.hidden]);
    return { value, gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => gradients(kind, cell, dims, all, dy, saved) };
  }) as FusedOp;
}

/** Gradients of projected inputs, recurrent weight and bias, all on the GPU. */
function gradients(kind: CellKind, cell: WgslCell, dims: SweepDims, all: boolean, dy: tf.Tensor, [trace, recurrent]: tf.Tensor[]): tf.Tensor[] {
  checkDtype(dy);
  const { batch, time, hidden } = dims;
  const rows = batch * time;
  const width = cell.gates * hidden;
  return tf.tidy(() => {
    const out = run(webgpuBackend(), backwardProgram(kind, cell, dims, all), [dy, trace, tf.transpose(recurrent)]);
    const dpre = tf.reshape(tf.slice(out, 0, rows * width), [rows, width]);
    const dx = cell.dxDiffers ? tf.slice(out, rows * width, rows * width) : dpre;
    // The state each row started from (zero at t = 0, else the previous step's), then a column of
    // ones: [h_{t−1} 1]ᵀ·dpre is dL/dU and, in row `hidden`, dL/dbias, by one matMul (tf.sum's
    // column sum over batch·time rows cost as much as the product, measured on SwiftShader). Zero
    // columns pad the width to a multiple of 4, which TF.js's webgpu matMul needs for its vec4 path.
    const states = statesOf(trace, dims);
    const hPrev = time === 1
      ? tf.zeros([rows, hidden])
      : tf.reshape(tf.pad(tf.slice(states, [0, 0, 0], [batch, time - 1, hidden]), [[0, 0], [1, 0], [0, 0]]), [rows, hidden]);
    const padding = Math.ceil((hidden + 1) / 4) * 4 - hidden - 1;
    const withOnes = tf.concat([hPrev, tf.ones([rows, 1]), ...(padding > 0 ? [tf.zeros([rows, padding])] : [])], 1);
    const product = tf.matMul(withOnes, dpre, true, false);
    const dU = tf.slice(product, [0, 0], [hidden, width]);
    const dbias = tf.reshape(tf.slice(product, [hidden, 0], [1, width]), [width]);
    return [tf.reshape(dx, [batch, time, width]), dU, dbias];
  });
}

/** The states [batch, time, hidden]: the trace's first part. */
function statesOf(trace: tf.Tensor, { batch, time, hidden }: SweepDims): tf.Tensor3D {
  return tf.reshape(tf.slice(trace, 0, batch * time * hidden), [batch, time, hidden]);
}

function run(backend: WebGPUBackend, { program, uniforms }: { program: WebGPUProgram; uniforms: { type: string; data: number[] }[] }, inputs: tf.Tensor[]): tf.Tensor {
  const info = backend.runWebGPUProgram(program, inputs, 'float32', uniforms);
  return tf.engine().makeTensorFromTensorInfo(info);
}

function webgpuBackend(): WebGPUBackend {
  const name = tf.getBackend();
  if (name !== 'webgpu') throw new ModelError('MODEL_BACKEND', 'fused WebGPU recurrence', 'backend', name, 'webgpu (the WGSL kernels run only there)');
  return tf.backend() as unknown as WebGPUBackend;
}

function checkDtype(t: tf.Tensor): void {
  if (t.dtype !== 'float32') throw new ModelError('MODEL_DTYPE', 'fused WebGPU recurrence', 'dtype', t.dtype, 'float32');
}

function checkShapes(cell: WgslCell, projected: number[], recurrent: number[], bias: number[]): void {
  const [batch, time, width] = projected;
  const expected = cell.gates * recurrent[0];
  if (projected.length !== 3 || batch < 1 || time < 1 || recurrent[0] < 1 || width !== expected || recurrent[1] !== expected || bias.length !== 1 || bias[0] !== expected) {
    const found = `inputs [${projected.join(', ')}], recurrent [${recurrent.join(', ')}], bias [${bias.join(', ')}]`;
    throw new ModelError('MODEL_RECURRENCE_SHAPE', 'fused WebGPU recurrence', 'shapes', found, `batch ≥ 1, time ≥ 1, hidden ≥ 1, and width ${cell.gates}·hidden = ${expected} throughout`);
  }
}
