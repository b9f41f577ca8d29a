import * as tf from '@tensorflow/tfjs-core';
import type { CellDefinition, CellParams } from '../cells/cell.js';
import { matMul } from '../matmul.js';
import type { CellKind } from '../types.js';
import { fusedOp, type FusedOp } from './op.js';
import { FUSED_KERNELS } from './kernels.js';
import { WEBGPU_FUSED_OPS } from '../fused-webgpu/index.js';
import { WASM_RECURRENCE_OPS, wasmThreads } from '../fused-wasm/index.js';
import { getFusedSweeps } from './policy.js';

export { FUSED_KERNELS };

const OPS = Object.fromEntries(
  Object.entries(FUSED_KERNELS).map(([kind, kernel]) => [kind, { last: fusedOp(kernel, false), all: fusedOp(kernel, true) }]),
) as Record<CellKind, { last: FusedOp; all: FusedOp }>;

/**
 * The cell's recurrence over inputs [batch, time, in] from a zero state, fused: the last
 * state [batch, hidden], or every state [batch, time, hidden] when `all`. In this process
 * (cpu, wasm) the whole of it, input projection included, is one op in recurrence.wasm's SIMD
 * code where that loads (fused-wasm/), else one product projects every step's input
 * (batch-major, no transposes) and one custom op sweeps all steps in JavaScript; on webgpu
 * that sweep runs as WGSL over the GPU's buffers (fused-webgpu/). `inputsAreData`: see
 * RecurrenceOptions.
 */
export function fusedRecurrence(cell: CellDefinition, params: CellParams, inputs: tf.Tensor3D, all: boolean, inputsAreData = false): tf.Tensor {
  const onGpu = tf.getBackend() === 'webgpu';
  if (!onGpu && getFusedSweeps() !== 'js' && wasmThreads()) {
    const op = WASM_RECURRENCE_OPS[cell.kind][all ? 'all' : inputsAreData ? 'lastFromData' : 'last'];
    return op(inputs, params.kernel, params.recurrent, params.bias);
  }
  const [batch, time, features] = inputs.shape;
  const width = params.kernel.shape[1];
  const projected = tf.reshape(matMul(tf.reshape(inputs, [batch * time, features]), params.kernel), [batch, time, width]);
  const ops = (onGpu ? WEBGPU_FUSED_OPS[cell.kind] : undefined) ?? OPS[cell.kind];
  return (all ? ops.all : ops.last)(projected as tf.Tensor3D, params.recurrent, params.bias);
}
