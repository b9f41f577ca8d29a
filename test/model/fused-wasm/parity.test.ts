import * as tf from '@tensorflow/tfjs-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { selectBackend } from '../../../src/model/backend/select.js';
import { CELLS } from '../../../src/model/cells/index.js';
import { setWasmThreads, wasmThreads } from '../../../src/model/fused-wasm/index.js';
import { fusedRecurrence } from '../../../src/model/fused/index.js';
import { setFusedSweeps } from '../../../src/model/fused/policy.js';
import { CELL_KINDS, expectClose } from '../fixtures.js';
import { expectFusedMatchesOps } from '../fused/agreement.js';
import { caseVariables, makeCase, type Case } from '../fused/cases.js';

// recurrence.wasm's sweeps against TF.js's op loop (values and gradients) and the Float64
// reference cells (values): hidden sizes below, at and past multiples of four (the SIMD blocks
// and their tails), and batches split unevenly across threads, one thread left idle.
const HIDDEN = [1, 3, 4, 5, 33];

beforeAll(async () => {
  setFusedSweeps('wasm');
  await selectBackend('cpu');
});

afterAll(async () => {
  setFusedSweeps('auto');
  setWasmThreads(null);
  await selectBackend('cpu');
});

describe.each([1, 3])('recurrence.wasm on %i thread(s)', (threads) => {
  beforeAll(() => {
    setWasmThreads(threads);
  });

  describe.each(['cpu', 'wasm'] as const)('under the %s backend', (backend) => {
    beforeAll(async () => {
      await selectBackend(backend);
    });

    it.each(CELL_KINDS.flatMap((kind) => HIDDEN.map((hidden) => [kind, hidden] as const)))('%s, hidden %i: states and gradients match the op loop and the Float64 reference (batch 4, T 6)', (kind, hidden) => {
      expectFusedMatchesOps(makeCase(kind, 4, 6, 4, hidden, 7 + hidden));
    });

    it.each(CELL_KINDS)('%s: one step, one sequence, and fewer sequences than threads match', (kind) => {
      expectFusedMatchesOps(makeCase(kind, 3, 1, 4, 5, 11));
      expectFusedMatchesOps(makeCase(kind, 1, 6, 4, 6, 21));
      expectFusedMatchesOps(makeCase(kind, 2, 5, 9, 8, 5));
    });
  });
});

/** Gradients of Σ c·(last state) for inputs, kernel, recurrent and bias, with the inputs taken as data or not. */
function lastStateGradients(c: Case, inputsAreData: boolean): Record<string, Float32Array> {
  return tf.tidy(() => {
    const { vars, params } = caseVariables(c);
    const weights = tf.tensor2d(Float32Array.from({ length: c.batch * c.hidden }, (_, i) => Math.cos(i)), [c.batch, c.hidden]);
    const { grads } = tf.variableGrads(() => tf.sum(tf.mul(fusedRecurrence(CELLS[c.kind], params, vars.x as tf.Tensor3D, false, inputsAreData), weights)) as tf.Scalar, Object.values(vars));
    const out = Object.fromEntries(Object.entries(vars).map(([name, v]) => [name, grads[v.name].dataSync() as Float32Array]));
    Object.values(vars).forEach((v) => v.dispose());
    return out;
  });
}

describe('inputs that are data', () => {
  afterEach(() => {
    setWasmThreads(null);
  });

  it.each(CELL_KINDS)('%s: skip only the inputs\' gradient (zeros); the weights\' gradients are unchanged', (kind) => {
    setWasmThreads(2);
    const c = makeCase(kind, 3, 5, 6, 8, 3);
    const full = lastStateGradients(c, false);
    const data = lastStateGradients(c, true);
    expect(full.x.some((v) => v !== 0)).toBe(true);
    expect(data.x.every((v) => v === 0)).toBe(true);
    for (const name of ['kernel', 'recurrent', 'bias']) expectClose(data[name], full[name], 0, `${kind} d/d${name}`);
  });
});

describe('threads', () => {
  afterEach(() => {
    setWasmThreads(null);
  });

  it('a training-sized recurrence runs its sweeps on every thread, once per pass, and leaks no tensor', () => {
    setWasmThreads(2);
    const threads = wasmThreads()!;
    const run = vi.spyOn(threads, 'run');
    const before = tf.memory().numTensors;
    const c = makeCase('lstm', 8, 12, 10, 16, 9);
    lastStateGradients(c, true);
    expect(tf.memory().numTensors).toBe(before);
    const calls = run.mock.calls.map(([fn, args]) => `${fn}×${args.length}`);
    // Forward: projection, sweep; backward: sweep, the kernel's gradient (no input gradient for data).
    expect(calls).toEqual(['gemm×2', 'lstmForward×2', 'lstmBackward×2', 'gemmTN×2']);
  });
});
