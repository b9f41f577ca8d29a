/**
 * Tiny models with fixed weights for the model tests: deterministic float32 values (so the
 * Float64 reference sees exactly the weights the model holds) and a tolerance check.
 */
import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';
import { attentionScores } from '../../src/model/attention.js';
import { maxScoreRise } from '../../src/model/prefix-softmax.js';
import type { CellKind, ModelConfig, NamedWeights } from '../../src/model/types.js';
import type { RefWeights } from './reference/classifier.js';

export type AttentionMode = 'none' | 'mean' | 'matrix';
export const CELL_KINDS: CellKind[] = ['rnn', 'lstm', 'gru'];
export const ATTENTION_MODES: AttentionMode[] = ['none', 'mean', 'matrix'];

/** N=3, hidden 3, 3 classes, d_a 4, r 3; dropout rates nonzero so that "off" is tested. */
export function tinyConfig(cell: CellKind, mode: AttentionMode, overrides: Partial<ModelConfig> = {}): ModelConfig {
  return {
    cell, attention: mode === 'none' ? 'none' : 'input-cell', variant: mode === 'matrix' ? 'matrix' : 'mean',
    inputSize: 3, hidden: 3, classes: 3, attentionDim: 4, hops: 3, inputDropout: 0.25, hiddenDropout: 0.25, ...overrides,
  };
}

/** Every weight's shape, written from the spec (not from the model's own weight list). */
export function specShapes(c: ModelConfig): Record<string, number[]> {
  const gates = { rnn: 1, lstm: 4, gru: 3 }[c.cell];
  const cellIn = c.attention === 'none' ? c.inputSize : c.variant === 'mean' ? c.inputSize : c.inputSize * c.hops;
  const attention: Record<string, number[]> = c.attention === 'none' ? {} : {
    'attention/w1': [c.inputSize, c.attentionDim], 'attention/b1': [c.attentionDim],
    'attention/w2': [c.attentionDim, c.hops], 'attention/b2': [c.hops],
  };
  return {
    ...attention,
    'cell/kernel': [cellIn, gates * c.hidden], 'cell/recurrent': [c.hidden, gates * c.hidden], 'cell/bias': [gates * c.hidden],
    'head/kernel': [c.hidden, c.classes], 'head/bias': [c.classes],
  };
}

/** Amplitude per weight: attention scores spread over a few nats, cells away from saturation. */
const SCALES: Record<string, number> = { 'attention/w1': 3, 'attention/b1': 0.3, 'attention/w2': 9, 'attention/b2': 0.5, 'cell/bias': 0.3, 'head/bias': 0.2 };

/** Deterministic nonzero weights (biases included, so their placement is tested); `scale` multiplies them by name. */
export function fixedWeights(c: ModelConfig, scale: Record<string, number> = {}): NamedWeights {
  const out: NamedWeights = {};
  Object.entries(specShapes(c)).forEach(([name, shape], k) => {
    const amplitude = (SCALES[name] ?? 0.7) * (scale[name] ?? 1);
    const size = shape.reduce((a, b) => a * b, 1);
    out[name] = { shape, values: Float32Array.from({ length: size }, (_, i) => amplitude * Math.sin(1 + 0.77 * i + 1.31 * k)) };
  });
  return out;
}

export function toReference(weights: NamedWeights): RefWeights {
  return Object.fromEntries(Object.entries(weights).map(([name, w]) => [name, Float64Array.from(w.values)]));
}

/** A fixed input [batch, time, features], row-major, float32 values. */
export function fixedInput(batch: number, time: number, features: number, amplitude = 1): Float32Array {
  return Float32Array.from({ length: batch * time * features }, (_, i) => amplitude * (Math.sin(0.9 * i) + 0.3 * Math.cos(2.3 * i + 0.5)));
}

/** How far the model's attention scores rise along x (above SHIFT_RANGE_LIMIT the prefix softmax scans). */
export function scoreRise(weights: NamedWeights, x: Float32Array, shape: [number, number, number]): number {
  return tf.tidy(() => {
    const w = (name: string) => tf.tensor(weights[`attention/${name}`].values, weights[`attention/${name}`].shape);
    const p = { w1: w('w1') as tf.Tensor2D, b1: w('b1') as tf.Tensor1D, w2: w('w2') as tf.Tensor2D, b2: w('b2') as tf.Tensor1D };
    return maxScoreRise(attentionScores(tf.tensor3d(x, shape), p));
  });
}

/** Coefficients of the scalar whose gradients are compared: Σ c_bk · logits_bk. */
export function logitWeights(batch: number, classes: number): Float32Array {
  return Float32Array.from({ length: batch * classes }, (_, i) => Math.cos(1.7 * i + 0.4));
}

export function weightedSum(values: ArrayLike<number>, c: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i] * c[i];
  return s;
}

/**
 * Every |actual − expected| ≤ rtol · scale, scale defaulting to max|expected|: relative to the
 * array's scale, so tiny entries (a gradient near zero) are held to the same absolute error as
 * the large ones. Pass `scale` for arrays that are rightly all zero (a gradient that vanishes).
 */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, rtol: number, what: string, scale = maxAbs(expected)): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  expect(scale, `${what}: scale 0, the comparison would be empty`).toBeGreaterThan(0);
  let worst = 0;
  let at = 0;
  for (let i = 0; i < expected.length; i++) {
    const err = Math.abs(actual[i] - expected[i]);
    if (!(err <= worst) && !Number.isNaN(worst)) [worst, at] = [err, i]; // a NaN sticks
  }
  expect(worst / scale, `${what}: worst at ${at}: ${actual[at]} vs ${expected[at]} (scale ${scale})`).toBeLessThanOrEqual(rtol);
}

export function maxAbs(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) m = Math.max(m, Math.abs(values[i]));
  return m;
}
