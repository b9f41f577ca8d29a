import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../src/model/backend/select.js';
import { CELLS } from '../../../src/model/cells/index.js';
import { productFor } from '../../../src/model/fused/policy.js';
import { jsProduct, tfProduct } from '../../../src/model/fused/product.js';
import { setFusedSweeps } from '../../../src/model/fused/policy.js';
import { CELL_KINDS } from '../fixtures.js';
import { expectFusedMatchesOps } from './agreement.js';
import { makeCase, runCase, type Case } from './cases.js';

function lastOfAll(c: Case, all: Float32Array): Float32Array {
  return Float32Array.from({ length: c.batch * c.hidden }, (_, i) => all[((Math.floor(i / c.hidden) + 1) * c.time - 1) * c.hidden + (i % c.hidden)]);
}

// The JavaScript sweeps; recurrence.wasm's, which `auto` prefers, are checked in test/model/fused-wasm.
beforeAll(async () => {
  setFusedSweeps('js');
  await selectBackend('cpu');
});

afterAll(() => {
  setFusedSweeps('auto');
});

describe.each(['cpu', 'wasm'] as const)('fused JavaScript recurrence on the %s backend', (backend) => {
  beforeAll(async () => {
    await selectBackend(backend);
  });
  afterAll(async () => {
    await selectBackend('cpu');
  });

  it.each(CELL_KINDS)('%s: states and gradients match the op loop (batch 3, T 7, in 4, hidden 5)', (kind) => {
    expect(tf.getBackend()).toBe(backend);
    expectFusedMatchesOps(makeCase(kind, 3, 7));
  });

  it.each(CELL_KINDS)('%s: a size whose steps multiply by matMul on wasm (batch 4, hidden 48) matches', (kind) => {
    expect(productFor(4, CELLS[kind].gates, 48)).toBe(backend === 'wasm' ? tfProduct : jsProduct);
    expectFusedMatchesOps(makeCase(kind, 4, 7, 4, 48, 31));
  });

  it.each(CELL_KINDS)('%s: a single step (T 1) and a single sequence (batch 1) match', (kind) => {
    expectFusedMatchesOps(makeCase(kind, 3, 1, 4, 5, 11));
    expectFusedMatchesOps(makeCase(kind, 1, 6, 4, 5, 21));
  });
});

describe('fused outputs', () => {
  it.each(CELL_KINDS)('%s: the last state is the last step of every state, and states differ along time', (kind) => {
    const c = makeCase(kind, 2, 4);
    const { last, all } = runCase(c, 'fused');
    expect(Array.from(last)).toEqual(Array.from(lastOfAll(c, all)));
    expect(all[0]).not.toBe(all[c.hidden]);
  });

  it('more inputs than gate columns (in 9 > 5) also match', () => {
    expectFusedMatchesOps(makeCase('rnn', 2, 5, 9, 5, 5));
  });
});
