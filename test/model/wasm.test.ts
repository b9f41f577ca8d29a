import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setAttentionImplementation } from '../../src/model/attention.js';
import { selectBackend } from '../../src/model/backend/select.js';
import { setRecurrenceImplementation } from '../../src/model/recurrence.js';
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

  it('the fused attention kernel (wasm\'s auto path, exact without routing to a scan) matches for scores rising by more than SHIFT_RANGE_LIMIT', () => {
    const config = tinyConfig('lstm', 'matrix');
    const weights = fixedWeights(config, { 'attention/w2': 15 });
    const x = fixedInput(2, 5, 3, 3);
    expect(scoreRise(weights, x, [2, 5, 3])).toBeGreaterThan(SHIFT_RANGE_LIMIT);
    compareWithReference(config, weights, x, 2, 5);
  });
});

// `auto` runs the fused kernels on wasm; forcing the TF.js op paths checks the recurrence's
// step loop and the attention's prefix softmax on wasm's own kernels: running sums for the
// fixed weights, the exact online-softmax scan (prefixByScan) for scores rising by more than
// SHIFT_RANGE_LIMIT.
describe('on the wasm backend, the TF.js op paths (recurrence and attention) against the Float64 reference', () => {
  afterEach(() => {
    setAttentionImplementation('auto');
    setRecurrenceImplementation('auto');
  });

  it.each(CELL_KINDS.flatMap((cell) => (['mean', 'matrix'] as const).map((mode) => [cell, mode] as const)))('%s, attention %s: running sums, and the scan for scores rising by more than SHIFT_RANGE_LIMIT', (cell, mode) => {
    expect(tf.getBackend()).toBe('wasm');
    setAttentionImplementation('ops');
    setRecurrenceImplementation('ops');
    const config = tinyConfig(cell, mode);
    const plain = fixedWeights(config);
    expect(scoreRise(plain, fixedInput(2, 5, 3), [2, 5, 3])).toBeLessThanOrEqual(SHIFT_RANGE_LIMIT);
    compareWithReference(config, plain, fixedInput(2, 5, 3), 2, 5);
    const rising = fixedWeights(config, { 'attention/w2': 15 });
    const x = fixedInput(2, 5, 3, 3);
    expect(scoreRise(rising, x, [2, 5, 3])).toBeGreaterThan(SHIFT_RANGE_LIMIT);
    // Gradients to 5e-4 here: scores ×15 amplify float32 rounding, and wasm's elementwise
    // kernels round a little more than cpu's. gru × matrix deviates 2.5e-4 from the reference
    // on wasm whichever paths run (fused or ops, measured), 4.7e-5 on cpu; a broken scan is off by far more.
    compareWithReference(config, rising, x, 2, 5, { logits: 1e-5, gradients: 5e-4 });
  });
});
