import * as tf from '@tensorflow/tfjs-core';
import { removeFakeTensorflow, useFakeTensorflow } from '../helpers/fake-tensorflow.js';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../src/model/backend/select.js';
import { CELLS } from '../../../src/model/cells/index.js';
import { ModelError } from '../../../src/model/errors.js';
import { FUSED_KERNELS } from '../../../src/model/fused/index.js';
import { fusedOp } from '../../../src/model/fused/op.js';
import { preferFused, productFor, WASM_PRODUCT_MIN_MACS } from '../../../src/model/fused/policy.js';
import { jsProduct, tfProduct } from '../../../src/model/fused/product.js';
import { runRecurrence, setRecurrenceImplementation, type RecurrenceImplementation } from '../../../src/model/recurrence.js';
import { CELL_KINDS } from '../fixtures.js';
import { makeCase, runCase } from './cases.js';

beforeAll(async () => {
  await selectBackend('cpu');
});

afterEach(async () => {
  setRecurrenceImplementation('auto');
  await removeFakeTensorflow();
});

/** The kernels one LSTM recurrence launches: the op loop runs Sigmoid per step, the fused op none. */
async function kernelsOfLstm(choice: RecurrenceImplementation): Promise<string[]> {
  setRecurrenceImplementation(choice);
  const c = makeCase('lstm', 2, 3);
  const params = {
    kernel: tf.tensor2d(c.kernel, [4, 20]), recurrent: tf.tensor2d(c.recurrent, [5, 20]), bias: tf.tensor1d(c.bias),
  };
  const x = tf.tensor3d(c.x, [2, 3, 4]);
  const info = await tf.profile(() => runRecurrence(CELLS.lstm, params, x));
  tf.dispose([x, params.kernel, params.recurrent, params.bias, info.result as tf.Tensor]);
  return info.kernelNames;
}

describe('choosing the implementation', () => {
  it('auto fuses on cpu and wasm', async () => {
    expect(await kernelsOfLstm('auto')).not.toContain('Sigmoid');
    await selectBackend('wasm');
    expect(await kernelsOfLstm('auto')).not.toContain('Sigmoid');
  });

  it('auto keeps the op loop on native TensorFlow (a stand-in named "tensorflow")', async () => {
    await useFakeTensorflow();
    expect(await kernelsOfLstm('auto')).toContain('Sigmoid');
  });

  it('a forced choice wins over the backend', async () => {
    expect(await kernelsOfLstm('ops')).toContain('Sigmoid');
    await useFakeTensorflow();
    expect(await kernelsOfLstm('fused')).not.toContain('Sigmoid');
  });
});

describe('tensor memory', () => {
  it.each(CELL_KINDS.flatMap((kind) => [[kind, 'cpu', 5], [kind, 'wasm', 48]] as const))('%s on %s, hidden %d: forward and gradients in tf.tidy leave no tensor behind', async (kind, backend, hidden) => {
    await selectBackend(backend);
    const c = makeCase(kind, 4, 7, 4, hidden);
    runCase(c, 'fused');
    const before = tf.memory().numTensors;
    runCase(c, 'fused');
    runCase(c, 'fused');
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('bad input to the fused op', () => {
  it('rejects a recurrent weight whose width is not gates·hidden', () => {
    const op = fusedOp(FUSED_KERNELS.lstm, false);
    const call = () => tf.tidy(() => op(tf.zeros([2, 3, 20]), tf.zeros([5, 15]), tf.zeros([20])));
    expect(call).toThrow(ModelError);
    expect(call).toThrow(/inputs \[2, 3, 20\], recurrent \[5, 15\], bias \[20\]"; expected batch ≥ 1, time ≥ 1, and width 4·hidden = 20/);
  });

  it('rejects an empty sequence', () => {
    const op = fusedOp(FUSED_KERNELS.gru, false);
    const call = () => tf.tidy(() => op(tf.zeros([2, 0, 15]), tf.zeros([5, 15]), tf.zeros([15])));
    expect(call).toThrow(/inputs \[2, 0, 15\]/);
  });

  it('rejects int32 inputs instead of reading them as floats', () => {
    const op = fusedOp(FUSED_KERNELS.rnn, true);
    const call = () => tf.tidy(() => op(tf.zeros([1, 2, 5], 'int32') as tf.Tensor3D, tf.zeros([5, 5]), tf.zeros([5])));
    expect(call).toThrow(/dtype = "int32"; expected float32/);
  });
});

describe('the policy', () => {
  it('auto fuses on cpu, wasm and webgpu (WGSL), not on native TensorFlow or webgl', () => {
    expect(['cpu', 'wasm', 'webgpu', 'tensorflow', 'webgl'].map(preferFused)).toEqual([true, true, true, false, false]);
  });

  it('on wasm, recurrent products from WASM_PRODUCT_MIN_MACS per step go to matMul; on cpu, never', async () => {
    expect(WASM_PRODUCT_MIN_MACS).toBe(8000);
    expect(productFor(2000, 4, 1)).toBe(jsProduct); // cpu
    await selectBackend('wasm');
    expect(productFor(2000, 4, 1)).toBe(tfProduct); // exactly 8000
    expect(productFor(1999, 4, 1)).toBe(jsProduct);
    expect(productFor(50, 4, 5)).toBe(jsProduct); // the paper's models
    expect(productFor(32, 4, 64)).toBe(tfProduct); // the benchmark's shape
  });
});
