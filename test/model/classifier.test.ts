import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getAttentionImplementation, setAttentionImplementation } from '../../src/model/attention.js';
import { setRecurrenceImplementation } from '../../src/model/recurrence.js';
import { selectBackend } from '../../src/model/backend/select.js';
import { SHIFT_RANGE_LIMIT } from '../../src/model/prefix-softmax.js';
import { ATTENTION_MODES, CELL_KINDS, fixedInput, fixedWeights, scoreRise, tinyConfig } from './fixtures.js';
import { compareWithReference } from './reference-check.js';

beforeAll(async () => {
  await selectBackend('cpu');
});

const BATCH = 2;
const TIME = 5;

afterEach(() => {
  setAttentionImplementation('auto');
  setRecurrenceImplementation('auto');
});

// On cpu `auto` runs the fused kernels; the TF.js op paths (used on native backends) are
// checked against the same reference by forcing them. Scores rising by more than
// SHIFT_RANGE_LIMIT send the op path's prefix softmax to its scan (prefixByScan).
describe('TF.js op paths (recurrence and attention) against the Float64 reference', () => {
  it.each(CELL_KINDS.flatMap((cell) => (['mean', 'matrix'] as const).map((mode) => [cell, mode] as const)))('%s with attention %s: running sums, and the scan for scores rising by more than SHIFT_RANGE_LIMIT', (cell, mode) => {
    setAttentionImplementation('ops');
    setRecurrenceImplementation('ops');
    const config = tinyConfig(cell, mode);
    compareWithReference(config, fixedWeights(config), fixedInput(BATCH, TIME, 3), BATCH, TIME);
    const rising = fixedWeights(config, { 'attention/w2': 15 });
    const x = fixedInput(BATCH, TIME, 3, 3);
    expect(scoreRise(rising, x, [BATCH, TIME, 3])).toBeGreaterThan(SHIFT_RANGE_LIMIT);
    compareWithReference(config, rising, x, BATCH, TIME);
  });
});

// rnn × matrix also covers the recurrence's other projection order (9 inputs > 3 gate columns).
describe.each(CELL_KINDS)('%s classifier against the Float64 reference', (cell) => {
  it.each(ATTENTION_MODES)('attention %s: logits, input gradients and weight gradients match', (mode) => {
    const config = tinyConfig(cell, mode);
    const [weights, x] = [fixedWeights(config), fixedInput(BATCH, TIME, 3)];
    if (mode !== 'none') expect(scoreRise(weights, x, [BATCH, TIME, 3])).toBeLessThanOrEqual(SHIFT_RANGE_LIMIT); // running sums
    compareWithReference(config, weights, x, BATCH, TIME);
  });
});

describe('edge cases of the recurrence and attention', () => {
  it('a single time step (no split of the projected inputs) matches', () => {
    const config = tinyConfig('lstm', 'matrix');
    compareWithReference(config, fixedWeights(config), fixedInput(BATCH, 1, 3), BATCH, 1);
  });

  it('the fused attention kernel (cpu\'s auto path, exact without routing to a scan) matches for scores rising by more than SHIFT_RANGE_LIMIT', () => {
    expect(getAttentionImplementation()).toBe('auto');
    const config = tinyConfig('gru', 'mean');
    const weights = fixedWeights(config, { 'attention/w2': 15 });
    const x = fixedInput(BATCH, TIME, 3, 3);
    expect(scoreRise(weights, x, [BATCH, TIME, 3])).toBeGreaterThan(SHIFT_RANGE_LIMIT);
    compareWithReference(config, weights, x, BATCH, TIME);
  });
});
