import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../src/model/backend/select.js';
import { SHIFT_RANGE_LIMIT } from '../../src/model/prefix-softmax.js';
import { ATTENTION_MODES, CELL_KINDS, fixedInput, fixedWeights, scoreRise, tinyConfig } from './fixtures.js';
import { compareWithReference } from './reference-check.js';

// The wasm backend runs products through XNNPACK and its own kernels: the same checks as on cpu.
beforeAll(async () => {
  await selectBackend('wasm');
});

describe('on the wasm backend, against the Float64 reference', () => {
  it.each(CELL_KINDS.flatMap((cell) => ATTENTION_MODES.map((mode) => [cell, mode] as const)))('%s, attention %s: logits and gradients match', (cell, mode) => {
    expect(tf.getBackend()).toBe('wasm');
    const config = tinyConfig(cell, mode);
    compareWithReference(config, fixedWeights(config), fixedInput(2, 5, 3), 2, 5);
  });

  it('the scan path (scores rising by more than SHIFT_RANGE_LIMIT) matches', () => {
    const config = tinyConfig('lstm', 'matrix');
    const weights = fixedWeights(config, { 'attention/w2': 15 });
    const x = fixedInput(2, 5, 3, 3);
    expect(scoreRise(weights, x, [2, 5, 3])).toBeGreaterThan(SHIFT_RANGE_LIMIT);
    compareWithReference(config, weights, x, 2, 5);
  });
});
