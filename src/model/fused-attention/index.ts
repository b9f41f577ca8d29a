import type * as tf from '@tensorflow/tfjs-core';
import type { AttentionVariant } from '../types.js';
import { fusedAttentionOp, type FusedAttentionOp } from './op.js';

const OPS: Record<AttentionVariant, FusedAttentionOp> = { mean: fusedAttentionOp('mean'), matrix: fusedAttentionOp('matrix') };

/**
 * Input-cell attention from its scores [batch, hops, time] and x [batch, time, N], fused:
 * [batch, time, N] (`mean`) or [batch, time, r·N] (`matrix`), as attention.ts's op path.
 */
export function fusedInputCellAttention(scores: tf.Tensor3D, x: tf.Tensor3D, variant: AttentionVariant): tf.Tensor3D {
  return OPS[variant](scores, x);
}
