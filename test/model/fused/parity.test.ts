import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../src/model/backend/select.js';
import { CELLS } from '../../../src/model/cells/index.js';
import { productFor } from '../../../src/model/fused/policy.js';
import { jsProduct, tfProduct } from '../../../src/model/fused/product.js';
import { CELL_KINDS, expectClose } from '../fixtures.js';
import { referenceStep, zeroState } from '../reference/cells.js';
import { makeCase, runCase, type Case } from './cases.js';

/** Every state [batch, time, hidden] of the Float64 reference cells (test/model/reference). */
function referenceStates(c: Case): Float64Array {
  const w = { kernel: Float64Array.from(c.kernel), recurrent: Float64Array.from(c.recurrent), bias: Float64Array.from(c.bias), hidden: c.hidden };
  const out = new Float64Array(c.batch * c.time * c.hidden);
  for (let b = 0; b < c.batch; b++) {
    let state = zeroState(c.hidden);
    for (let t = 0; t < c.time; t++) {
      const row = b * c.time + t;
      state = referenceStep(c.kind, w, c.x.subarray(row * c.features, (row + 1) * c.features), state);
      out.set(state.h, row * c.hidden);
    }
  }
  return out;
}

/** Fused against the op loop: outputs to 2e-6, gradients to 1e-5 (relative to each array's scale). */
function expectFusedMatchesOps(c: Case): void {
  const fused = runCase(c, 'fused');
  const ops = runCase(c, 'ops');
  const what = `${c.kind} batch ${c.batch} T ${c.time}`;
  expectClose(fused.all, ops.all, 2e-6, `${what}: all states`);
  expectClose(fused.last, ops.last, 2e-6, `${what}: last state`);
  for (const name of ['x', 'kernel', 'bias'] as const) expectClose(fused.grads[name], ops.grads[name], 1e-5, `${what}: d/d${name}`);
  // With one step the recurrent weight meets only the zero state: its gradient is exactly zero.
  if (c.time === 1) expect([...fused.grads.recurrent, ...ops.grads.recurrent].every((v) => v === 0)).toBe(true);
  else expectClose(fused.grads.recurrent, ops.grads.recurrent, 1e-5, `${what}: d/drecurrent`);
  // Both against the Float64 equations, so that agreeing cannot mean sharing one mistake.
  const reference = referenceStates(c);
  expectClose(fused.all, reference, 1e-5, `${what}: fused vs Float64 reference`);
  expectClose(ops.all, reference, 1e-5, `${what}: ops vs Float64 reference`);
}

function lastOfAll(c: Case, all: Float32Array): Float32Array {
  return Float32Array.from({ length: c.batch * c.hidden }, (_, i) => all[((Math.floor(i / c.hidden) + 1) * c.time - 1) * c.hidden + (i % c.hidden)]);
}

beforeAll(async () => {
  await selectBackend('cpu');
});

describe.each(['cpu', 'wasm'] as const)('fused recurrence on the %s backend', (backend) => {
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
