/**
 * Float64 reference of the whole classifier with dropout off: optional input-cell attention
 * → cell recurrence from a zero state → last hidden state → dense head → logits.
 */
import type { ModelConfig } from '../../../src/model/types.js';
import { referenceAttention } from './attention.js';
import { referenceStep, vecMat, zeroState } from './cells.js';

/** Weights by the model's names (attention/w1 …, cell/kernel …, head/kernel, head/bias). */
export type RefWeights = Record<string, Float64Array>;

/** Logits [batch·classes] (row-major) for x [batch, time, features] (row-major). */
export function referenceLogits(config: ModelConfig, w: RefWeights, x: ArrayLike<number>, batch: number, time: number): Float64Array {
  const N = config.inputSize;
  const out = new Float64Array(batch * config.classes);
  for (let b = 0; b < batch; b++) {
    const xs = [...Array(time).keys()].map((t) => Array.from({ length: N }, (_, n) => x[(b * time + t) * N + n]));
    const inputs = config.attention === 'input-cell'
      ? referenceAttention(xs, { w1: w['attention/w1'], b1: w['attention/b1'], w2: w['attention/w2'], b2: w['attention/b2'] }, config.variant)
      : xs;
    let state = zeroState(config.hidden);
    const cell = { kernel: w['cell/kernel'], recurrent: w['cell/recurrent'], bias: w['cell/bias'], hidden: config.hidden };
    for (const input of inputs) state = referenceStep(config.cell, cell, input, state);
    const logits = vecMat(state.h, w['head/kernel'], config.classes).map((v, k) => v + w['head/bias'][k]);
    out.set(logits, b * config.classes);
  }
  return out;
}
