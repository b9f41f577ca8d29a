import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../src/model/backend/select.js';
import { CELLS } from '../../../src/model/cells/index.js';
import { ModelError } from '../../../src/model/errors.js';
import { fusedOp } from '../../../src/model/fused/op.js';
import { FUSED_KERNELS } from '../../../src/model/fused/index.js';
import { WEBGPU_FUSED_OPS, WGSL_CELLS, maxHidden } from '../../../src/model/fused-webgpu/index.js';
import { workgroupSizeFor } from '../../../src/model/fused-webgpu/programs.js';
import { runRecurrence, runRecurrenceSequence, setRecurrenceImplementation } from '../../../src/model/recurrence.js';
import type { CellKind } from '../../../src/model/types.js';
import { CELL_KINDS, expectClose } from '../fixtures.js';
import { numericGradient } from '../reference/finite-diff.js';
import { referenceStep, zeroState } from '../reference/cells.js';
import { noAdapterReason } from '../backend/webgpu-env.js';
import { makeCase, type Case } from '../fused/cases.js';
import { numericGradientAt } from '../reference/finite-diff.js';
import { makeOpCase, referenceOutput, referenceScalar, spreadIndices, type OpCase, type Weights } from './reference.js';

// Dawn on SwiftShader (software) compiles and runs each program slowly: small shapes, few kinds × sizes.
const why = await noAdapterReason();
const skip = why ? ` (skipped: no WebGPU adapter: ${why})` : '';
const NAMES = ['projected', 'recurrent', 'bias'] as const;

beforeAll(async () => {
  if (why === null) await selectBackend('webgpu');
});
afterAll(async () => {
  setRecurrenceImplementation('auto');
  await selectBackend('cpu');
});

interface OpResult {
  value: Float32Array;
  grads: Record<keyof Weights, Float32Array>;
}

/** The op's output and the gradients of Σ w·output, on the active backend, read back asynchronously. */
async function runOp(c: OpCase, all: boolean, op = WEBGPU_FUSED_OPS[c.kind][all ? 'all' : 'last']): Promise<OpResult> {
  const width = CELLS[c.kind].gates * c.hidden;
  const args = [tf.tensor3d(c.projected, [c.batch, c.time, width]), tf.tensor2d(c.recurrent, [c.hidden, width]), tf.tensor1d(c.bias)] as const;
  const w = all ? tf.tensor3d(c.wAll, [c.batch, c.time, c.hidden]) : tf.tensor2d(c.wLast, [c.batch, c.hidden]);
  const value = op(...args);
  const grads = tf.grads((p: tf.Tensor, u: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(op(p as tf.Tensor3D, u as tf.Tensor2D, b as tf.Tensor1D), w)))([...args]);
  const read = async (t: tf.Tensor) => (await t.data()) as Float32Array;
  const out: OpResult = { value: await read(value), grads: { projected: await read(grads[0]), recurrent: await read(grads[1]), bias: await read(grads[2]) } };
  tf.dispose([...args, w, value, ...grads]);
  return out;
}

/** States to 1e-5 and every gradient entry to 1e-4 of the Float64 reference and its central differences. */
function expectMatchesReference(c: OpCase, all: boolean, got: OpResult): void {
  const what = `${c.kind} batch ${c.batch} T ${c.time} hidden ${c.hidden} ${all ? 'all' : 'last'}`;
  expectClose(got.value, referenceOutput(c, all), 1e-5, `${what}: states`);
  for (const name of NAMES) {
    const numeric = numericGradient((v) => referenceScalar(c, all, { ...c, [name]: v }), c[name]);
    // With one step the recurrent weight meets only the zero state: its gradient is exactly zero.
    if (name === 'recurrent' && c.time === 1) expect(got.grads.recurrent.every((v) => v === 0)).toBe(true);
    else expectClose(got.grads[name], numeric, 1e-4, `${what}: d/d${name}`);
  }
}

describe('the WGSL fused recurrence against the Float64 reference', () => {
  it.skipIf(why !== null).each(CELL_KINDS)(`%s: every state and the gradients of projected, recurrent and bias (batch 3, T 5, hidden 4)${skip}`, async (kind) => {
    const c = makeOpCase(kind, 3, 5, 4);
    expectMatchesReference(c, true, await runOp(c, true));
    expectMatchesReference(c, false, await runOp(c, false));
  });

  it.skipIf(why !== null).each<CellKind>(['gru', 'lstm'])(`%s: one step (T 1) and one sequence (batch 1)${skip}`, async (kind) => {
    const one = makeOpCase(kind, 2, 1, 3, 7);
    expectMatchesReference(one, true, await runOp(one, true));
    const single = makeOpCase(kind, 1, 4, 3, 9);
    expectMatchesReference(single, false, await runOp(single, false));
  });

  // LSTM hidden 65: 260 gate columns over 256 threads; RNN hidden 260: 260 units over 256 threads too.
  it.skipIf(why !== null).each<[CellKind, number]>([['lstm', 65], ['rnn', 260]])(`%s hidden %i, wider than one workgroup: states, sampled central differences, and every gradient entry as the JS fused kernel's${skip}`, async (kind, hidden) => {
    const width = WGSL_CELLS[kind].gates * hidden;
    expect(width).toBeGreaterThan(workgroupSizeFor(width));
    const c = makeOpCase(kind, 2, 3, hidden, 5);
    const got = await runOp(c, true);
    const what = `${kind} hidden ${hidden}`;
    expectClose(got.value, referenceOutput(c, true), 1e-5, `${what}: states`);
    for (const name of NAMES) {
      const at = spreadIndices(c[name].length, 48);
      const numeric = numericGradientAt((v) => referenceScalar(c, true, { ...c, [name]: v }), c[name], at);
      const scale = Math.max(...Array.from(numeric.values(), Math.abs));
      expectClose(at.map((i) => got.grads[name][i]), at.map((i) => numeric.get(i)!), 1e-4, `${what}: d/d${name} (sampled)`, scale);
    }
    await selectBackend('cpu');
    const js = await runOp(c, true, fusedOp(FUSED_KERNELS[kind], true));
    await selectBackend('webgpu');
    for (const name of NAMES) expectClose(got.grads[name], js.grads[name], 1e-5, `${what}: d/d${name} vs the JS kernel`);
  });
});

describe('the WGSL fused recurrence', () => {
  it.skipIf(why !== null)(`the last state and its gradients equal those of every state with weight only on the last step${skip}`, async () => {
    const c = makeOpCase('lstm', 3, 4, 5, 3);
    const last = await runOp(c, false);
    const onlyLast = { ...c, wAll: new Float32Array(c.wAll.length) };
    for (let b = 0; b < c.batch; b++) onlyLast.wAll.set(c.wLast.subarray(b * c.hidden, (b + 1) * c.hidden), ((b + 1) * c.time - 1) * c.hidden);
    const every = await runOp(onlyLast, true);
    const lastOfEvery = Float32Array.from({ length: c.batch * c.hidden }, (_, i) => every.value[((Math.floor(i / c.hidden) + 1) * c.time - 1) * c.hidden + (i % c.hidden)]);
    expect(Array.from(last.value)).toEqual(Array.from(lastOfEvery));
    for (const name of NAMES) expect(Array.from(last.grads[name]), name).toEqual(Array.from(every.grads[name]));
  });

  it.skipIf(why !== null)(`leaves no tensor behind, with or without a gradient${skip}`, async () => {
    const c = makeOpCase('gru', 2, 3, 4);
    await runOp(c, true); // compiles the programs first: pipelines are not tensors, but be fair
    const before = tf.memory().numTensors;
    await runOp(c, true);
    await runOp(c, false);
    const y = tf.tidy(() => WEBGPU_FUSED_OPS.gru.all(tf.tensor3d(c.projected, [2, 3, 12]), tf.tensor2d(c.recurrent, [4, 12]), tf.tensor1d(c.bias)));
    await y.data();
    y.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it.skipIf(why !== null)(`a hidden size beyond the workgroup storage is a ModelError naming the limit, and mismatched shapes are one too${skip}`, async () => {
    const limit = (tf.backend() as unknown as { device: GPUDeviceLike }).device.limits.maxComputeWorkgroupStorageSize;
    const hidden = maxHidden(WGSL_CELLS.rnn, limit) + 1;
    const tooWide = () => tf.tidy(() => WEBGPU_FUSED_OPS.rnn.all(tf.zeros([1, 2, hidden]) as tf.Tensor3D, tf.zeros([hidden, hidden]) as tf.Tensor2D, tf.zeros([hidden]) as tf.Tensor1D));
    expect(tooWide).toThrow(ModelError);
    expect(tooWide).toThrow(`hidden = ${hidden}; expected at most ${hidden - 1} for rnn`);
    const mismatched = () => tf.tidy(() => WEBGPU_FUSED_OPS.lstm.last(tf.zeros([2, 3, 12]) as tf.Tensor3D, tf.zeros([4, 16]) as tf.Tensor2D, tf.zeros([16]) as tf.Tensor1D));
    expect(mismatched).toThrow(ModelError);
    expect(mismatched).toThrow('inputs [2, 3, 12], recurrent [4, 16], bias [16]');
  });
});

interface GPUDeviceLike { limits: { maxComputeWorkgroupStorageSize: number } }

/** Every state and the input-side gradients through runRecurrence with one implementation forced, on the active backend. */
async function throughSeam(c: Case, implementation: 'fused' | 'ops'): Promise<{ all: Float32Array; last: Float32Array; grads: Float32Array[] }> {
  setRecurrenceImplementation(implementation);
  try {
    const width = CELLS[c.kind].gates * c.hidden;
    const x = tf.tensor3d(c.x, [c.batch, c.time, c.features]);
    const params = { kernel: tf.tensor2d(c.kernel, [c.features, width]), recurrent: tf.tensor2d(c.recurrent, [c.hidden, width]), bias: tf.tensor1d(c.bias) };
    const wAll = tf.tensor3d(makeOpCase(c.kind, c.batch, c.time, c.hidden).wAll, [c.batch, c.time, c.hidden]);
    const cell = CELLS[c.kind];
    const all = runRecurrenceSequence(cell, params, x);
    const last = runRecurrence(cell, params, x);
    const grads = tf.grads((xi: tf.Tensor, k: tf.Tensor, u: tf.Tensor, b: tf.Tensor) => {
      const p = { kernel: k as tf.Tensor2D, recurrent: u as tf.Tensor2D, bias: b as tf.Tensor1D };
      return tf.add(tf.sum(tf.mul(runRecurrenceSequence(cell, p, xi as tf.Tensor3D), wAll)), tf.sum(runRecurrence(cell, p, xi as tf.Tensor3D)));
    })([x, params.kernel, params.recurrent, params.bias]);
    const out = { all: (await all.data()) as Float32Array, last: (await last.data()) as Float32Array, grads: await Promise.all(grads.map(async (g) => (await g.data()) as Float32Array)) };
    tf.dispose([x, params.kernel, params.recurrent, params.bias, wAll, all, last, ...grads]);
    return out;
  } finally {
    setRecurrenceImplementation('auto');
  }
}

describe('through the runRecurrence seam on webgpu', () => {
  it.skipIf(why !== null).each(CELL_KINDS)(`%s: fused states equal the Float64 cells, and gradients equal the op loop's${skip}`, async (kind) => {
    expect(tf.getBackend()).toBe('webgpu');
    const c = makeCase(kind, 2, 3, 3, 4, 13);
    const fused = await throughSeam(c, 'fused');
    const ops = await throughSeam(c, 'ops');
    const w = { kernel: Float64Array.from(c.kernel), recurrent: Float64Array.from(c.recurrent), bias: Float64Array.from(c.bias), hidden: c.hidden };
    const reference = new Float64Array(c.batch * c.time * c.hidden);
    for (let b = 0; b < c.batch; b++) {
      let state = zeroState(c.hidden);
      for (let t = 0; t < c.time; t++) {
        const row = b * c.time + t;
        state = referenceStep(kind, w, c.x.subarray(row * c.features, (row + 1) * c.features), state);
        reference.set(state.h, row * c.hidden);
      }
    }
    expectClose(fused.all, reference, 1e-5, `${kind}: fused states vs Float64 reference`);
    expectClose(fused.last, ops.last, 2e-6, `${kind}: last state vs op loop`);
    ['x', 'kernel', 'recurrent', 'bias'].forEach((name, i) => expectClose(fused.grads[i], ops.grads[i], 1e-5, `${kind}: d/d${name} vs op loop`));
  });
});
