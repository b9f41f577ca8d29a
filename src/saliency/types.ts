import type * as tf from '@tensorflow/tfjs-core';

/** Saliency methods by CLI name. */
export type SaliencyMethod = 'grad' | 'gradxinput' | 'ig' | 'smoothgrad' | 'occlusion-time' | 'occlusion-feature';
export const SALIENCY_METHODS: readonly SaliencyMethod[] = ['grad', 'gradxinput', 'ig', 'smoothgrad', 'occlusion-time', 'occlusion-feature'];

/**
 * The model as saliency sees it: class probabilities (softmax) [batch, classes] for inputs
 * [batch, time, features], differentiable, without dropout. Called inside tf.tidy / tf.grad.
 */
export type ProbabilityFn = (x: tf.Tensor3D) => tf.Tensor2D;

/** Samples laid out row-major as [samples, time, features]. */
export interface SampleBlock {
  data: Float32Array;
  samples: number;
  time: number;
  features: number;
}

/** One map per sample, row-major [samples, time, features], same layout as SampleBlock. */
export type SaliencyMaps = SampleBlock;

/** Progress and cancel, as in training: `signal` is checked between internal batches. */
export interface RunControl {
  /** Samples per internal forward/backward pass (memory, never results); lowered to fit `passBytes`. */
  batchSize: number;
  /** Estimated bytes of one model row in a gradient pass (default: methods/memory.ts's estimate for the app's default model). */
  rowBytes?: number;
  /** The most one pass may hold (default: a quarter of the machine's memory, at most 1 GiB). */
  passBytes?: number;
  onProgress?(done: number, total: number): void;
  /** Aborting stops the work at the next batch with Cancelled (util/cancel.ts); nothing partial is returned. */
  signal?: AbortSignal;
}
