import * as tf from '@tensorflow/tfjs-core';
import { fusedInputCellAttention } from './fused-attention/index.js';
import { preferFusedAttention } from './fused-attention/policy.js';
import type { WeightSpec } from './init.js';
import { matMul } from './matmul.js';
import { prefixSoftmaxMeans } from './prefix-softmax.js';
import type { AttentionVariant } from './types.js';

/** Attention MLP: scores e_j = W2·tanh(W1·x_j + b1) + b2 (stored transposed, for x·W). */
export interface AttentionParams {
  /** [features, d_a] */
  w1: tf.Tensor2D;
  b1: tf.Tensor1D;
  /** [d_a, hops] */
  w2: tf.Tensor2D;
  b2: tf.Tensor1D;
}

/** The attention's weights under `prefix`: matrices Xavier-uniform, biases zero (official code). */
export function attentionWeightSpecs(features: number, attentionDim: number, hops: number, prefix = 'attention'): WeightSpec[] {
  return [
    { name: `${prefix}/w1`, shape: [features, attentionDim], init: 'glorot' },
    { name: `${prefix}/b1`, shape: [attentionDim], init: 'zeros' },
    { name: `${prefix}/w2`, shape: [attentionDim, hops], init: 'glorot' },
    { name: `${prefix}/b2`, shape: [hops], init: 'zeros' },
  ];
}

/** Width of what the cell receives per step: N for `mean`, r·N for `matrix`. */
export function attentionOutputSize(variant: AttentionVariant, features: number, hops: number): number {
  return variant === 'mean' ? features : features * hops;
}

/** Scores of every step for every hop: x [batch, time, N] → [batch, hops, time]. */
export function attentionScores(x: tf.Tensor3D, p: AttentionParams): tf.Tensor3D {
  const [batch, time, features] = x.shape;
  const hidden = tf.tanh(tf.add<tf.Tensor2D>(matMul(tf.reshape(x, [batch * time, features]), p.w1), p.b1));
  const e = tf.add(matMul(hidden, p.w2), p.b2);
  return tf.transpose(tf.reshape(e, [batch, time, p.w2.shape[1]]), [0, 2, 1]);
}

/** `fused`: one custom op in JS (fused-attention/); `ops`: TF.js ops; `auto`: by backend (fused-attention/policy.ts). */
export type AttentionImplementation = 'auto' | 'fused' | 'ops';

let implementation: AttentionImplementation = 'auto';

/** Forces one implementation of the attention after its scores (tests, benchmarks), or `auto` again. */
export function setAttentionImplementation(choice: AttentionImplementation): void {
  implementation = choice;
}

export function getAttentionImplementation(): AttentionImplementation {
  return implementation;
}

function useFused(): boolean {
  return implementation === 'auto' ? preferFusedAttention(tf.getBackend()) : implementation === 'fused';
}

/**
 * Input-cell attention (Ismail et al. 2019) for all steps: M_t = A_t·X_{0..t}, A_t the
 * softmax over j ≤ t of each hop's scores. Returns what the cell takes in place of x_t:
 * [batch, time, N] (`mean`: M_t averaged over hops, the official code) or [batch, time, r·N]
 * (`matrix`: M_t flattened hop by hop). The scores come from TF.js products either way; what
 * follows runs fused or as TF.js ops, as setAttentionImplementation says.
 */
export function inputCellAttention(x: tf.Tensor3D, p: AttentionParams, variant: AttentionVariant): tf.Tensor3D {
  const scores = attentionScores(x, p);
  return useFused() ? fusedInputCellAttention(scores, x, variant) : attentionByOps(scores, x, variant);
}

/** The attention after its scores [batch, hops, time], as TF.js ops over [batch, hops, N, time]. */
export function attentionByOps(scores: tf.Tensor3D, x: tf.Tensor3D, variant: AttentionVariant): tf.Tensor3D {
  const [batch, time, features] = x.shape;
  const hops = scores.shape[1];
  const m = prefixSoftmaxMeans(scores, x); // [batch, hops, N, time]
  if (variant === 'mean') return tf.transpose(tf.mean<tf.Tensor3D>(m, 1), [0, 2, 1]);
  return tf.reshape(tf.transpose(m, [0, 3, 1, 2]), [batch, time, hops * features]);
}
