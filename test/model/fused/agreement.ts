import { expect } from 'vitest';
import { expectClose } from '../fixtures.js';
import { referenceStep, zeroState } from '../reference/cells.js';
import { runCase, type Case } from './cases.js';

/** Every state [batch, time, hidden] of the Float64 reference cells (test/model/reference). */
export function referenceStates(c: Case): Float64Array {
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
export function expectFusedMatchesOps(c: Case): void {
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

