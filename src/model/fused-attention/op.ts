import * as tf from '@tensorflow/tfjs-core';
import { ModelError } from '../errors.js';
import type { AttentionVariant } from '../types.js';
import { prefixWeights } from './prefix-weights.js';
import { attendBackward, attendForward, type Dims } from './sweep.js';

type Arg = tf.Tensor | tf.GradSaveFunc;

/** (scores [batch, hops, time], x [batch, time, N]) → the cell's input [batch, time, N or r·N]. */
export type FusedAttentionOp = (scores: tf.Tensor3D, x: tf.Tensor3D) => tf.Tensor3D;

/**
 * Input-cell attention after the scores as one TF.js op with a custom gradient: the prefix
 * softmax means of every step, averaged over hops (`mean`) or flattened (`matrix`), forward
 * and backward in JavaScript over the tensors' data (sweep.ts), instead of exp/cumsum/div
 * ops over [batch, hops, N, time] tensors and their gradients. Exact for any scores (online
 * softmax), so it needs no routing by score range. The prefix weights and x live in the
 * gradient's closure, not in tensors.
 */
export function fusedAttentionOp(variant: AttentionVariant): FusedAttentionOp {
  return tf.customGrad((...args: Arg[]) => {
    const [scores, x] = args as [tf.Tensor3D, tf.Tensor3D];
    const dims = checkShapes(scores.shape, x.shape);
    const { batch, hops, time, features } = dims;
    const xs = read(x, 'x');
    const w = prefixWeights(read(scores, 'scores'), batch * hops, time);
    const width = variant === 'mean' ? features : hops * features;
    const value = tf.tensor3d(attendForward(dims, w, xs, variant), [batch, time, width]);
    return {
      value,
      gradFunc: (dy: tf.Tensor) => {
        const g = attendBackward(dims, w, xs, read(dy, 'dy'), variant);
        return [tf.tensor3d(g.dScores, [batch, hops, time]), tf.tensor3d(g.dx, [batch, time, features])];
      },
    };
  }) as FusedAttentionOp;
}

function read(t: tf.Tensor, field: string): Float32Array {
  if (t.dtype !== 'float32') throw new ModelError('MODEL_DTYPE', 'fused attention', `${field} dtype`, t.dtype, 'float32');
  return t.dataSync() as Float32Array;
}

function checkShapes(scores: number[], x: number[]): Dims {
  const [batch, hops, time] = scores;
  const features = x[2];
  if (scores.length !== 3 || x.length !== 3 || batch < 1 || hops < 1 || time < 1 || features < 1 || x[0] !== batch || x[1] !== time) {
    throw new ModelError('MODEL_ATTENTION_SHAPE', 'fused attention', 'shapes', `scores [${scores.join(', ')}], x [${x.join(', ')}]`, 'scores [batch ≥ 1, hops ≥ 1, time ≥ 1] and x [batch, time, features ≥ 1]');
  }
  return { batch, hops, time, features };
}
