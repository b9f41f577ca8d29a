import * as tf from '@tensorflow/tfjs-core';
import { ModelError } from '../errors.js';
import { checkFusedShapes, readFloat32 } from '../fused/op.js';
import { lastStates, spreadLast } from '../fused/sweep.js';
import type { CellKind } from '../types.js';
import type { Threads } from './threads.js';
import { wasmBackward, wasmForward } from './sweeps.js';
import { FUSED_KERNELS } from '../fused/kernels.js';

type Arg = tf.Tensor | tf.GradSaveFunc;

/** (inputs [batch, time, N], kernel [N, G·H], recurrent [H, G·H], bias [G·H]) → hidden states. */
export type WasmRecurrenceOp = (inputs: tf.Tensor3D, kernel: tf.Tensor2D, recurrent: tf.Tensor2D, bias: tf.Tensor1D) => tf.Tensor;

/**
 * The recurrence, input projection included, as one TF.js op with a custom gradient, as
 * fused/op.ts, but with every hot loop (the projection and its gradients, the recurrent
 * products and the cell arithmetic, forward and backward) in recurrence.wasm's SIMD code over
 * `threads`: the tensors' data is copied into wasm memory once per pass, never per step.
 * Output: every state [batch, time, hidden] when `all`, else the last [batch, hidden]. Without
 * `inputGradient` the inputs' gradient is zeros, not computed (see RecurrenceOptions.inputsAreData).
 */
export function wasmRecurrenceOp(kind: CellKind, all: boolean, inputGradient: boolean, threads: () => Threads): WasmRecurrenceOp {
  return tf.customGrad((...args: Arg[]) => {
    const [inputs, kernel, recurrent, bias] = args as [tf.Tensor3D, tf.Tensor2D, tf.Tensor2D, tf.Tensor1D];
    const [batch, time, features] = inputs.shape;
    const hidden = recurrent.shape[0];
    checkFusedShapes(FUSED_KERNELS[kind], [batch, time, kernel.shape[1]], recurrent.shape, bias.shape);
    if (kernel.shape[0] !== features) {
      throw new ModelError('MODEL_RECURRENCE_SHAPE', 'fused recurrence', 'input kernel', `[${kernel.shape.join(', ')}]`, `[${features}, ${kernel.shape[1]}] for inputs of ${features} features`);
    }
    const dims = { batch, time, features, hidden };
    const trace = wasmForward(threads(), kind, dims, readFloat32(inputs), readFloat32(kernel), readFloat32(recurrent), readFloat32(bias));
    const value = all ? tf.tensor3d(trace.h, [batch, time, hidden]) : tf.tensor2d(lastStates({ dims, h: trace.h }), [batch, hidden]);
    return {
      value,
      gradFunc: (dy: tf.Tensor) => {
        const g = wasmBackward(threads(), trace, all ? readFloat32(dy) : spreadLast(dims, readFloat32(dy)), inputGradient);
        const width = FUSED_KERNELS[kind].gates * hidden;
        return [g.dInputs ? tf.tensor3d(g.dInputs, [batch, time, features]) : tf.zeros([batch, time, features]), tf.tensor2d(g.dKernel, [features, width]), tf.tensor2d(g.dU, [hidden, width]), tf.tensor1d(g.dbias)];
      },
    };
  }) as WasmRecurrenceOp;
}
