import * as tf from '@tensorflow/tfjs-core';
import { removeFakeTensorflow, useFakeTensorflow } from '../helpers/fake-tensorflow.js';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inputCellAttention, setAttentionImplementation, type AttentionImplementation } from '../../../src/model/attention.js';
import { selectBackend } from '../../../src/model/backend/select.js';
import { ModelError } from '../../../src/model/errors.js';
import { fusedInputCellAttention } from '../../../src/model/fused-attention/index.js';
import { preferFusedAttention } from '../../../src/model/fused-attention/policy.js';

beforeAll(async () => {
  await selectBackend('cpu');
});

afterEach(async () => {
  setAttentionImplementation('auto');
  await removeFakeTensorflow();
});

/** The kernels one attention launches: the op path exponentiates scores (Exp), the fused op does not. */
async function kernelsOfAttention(choice: AttentionImplementation): Promise<string[]> {
  setAttentionImplementation(choice);
  const p = { w1: tf.ones([3, 4]) as tf.Tensor2D, b1: tf.zeros([4]) as tf.Tensor1D, w2: tf.ones([4, 2]) as tf.Tensor2D, b2: tf.zeros([2]) as tf.Tensor1D };
  const x = tf.ones([2, 5, 3]) as tf.Tensor3D;
  const info = await tf.profile(() => inputCellAttention(x, p, 'mean'));
  tf.dispose([x, ...Object.values(p), info.result as tf.Tensor]);
  return info.kernelNames;
}

describe('choosing the implementation', () => {
  it('auto fuses on cpu and wasm', async () => {
    expect(await kernelsOfAttention('auto')).not.toContain('Exp');
    await selectBackend('wasm');
    expect(await kernelsOfAttention('auto')).not.toContain('Exp');
  });

  it('auto keeps the TF.js ops on native TensorFlow (a stand-in named "tensorflow")', async () => {
    await useFakeTensorflow();
    expect(await kernelsOfAttention('auto')).toContain('Exp');
  });

  it('a forced choice wins over the backend', async () => {
    expect(await kernelsOfAttention('ops')).toContain('Exp');
    await useFakeTensorflow();
    expect(await kernelsOfAttention('fused')).not.toContain('Exp');
  });

  it('the policy fuses on cpu and wasm only', () => {
    expect(['cpu', 'wasm', 'tensorflow', 'webgl', 'webgpu'].map(preferFusedAttention)).toEqual([true, true, false, false, false]);
  });
});

describe('bad input to the fused op', () => {
  const call = (scores: [number, number, number], x: [number, number, number], dtype: 'float32' | 'int32' = 'float32') => () =>
    tf.tidy(() => fusedInputCellAttention(tf.zeros(scores) as tf.Tensor3D, tf.zeros(x, dtype) as tf.Tensor3D, 'mean'));

  it('rejects scores and x of different batch or time', () => {
    expect(call([2, 3, 5], [2, 4, 6])).toThrow(ModelError);
    expect(call([2, 3, 5], [2, 4, 6])).toThrow(/scores \[2, 3, 5\], x \[2, 4, 6\]"; expected scores \[batch ≥ 1, hops ≥ 1, time ≥ 1\] and x \[batch, time, features ≥ 1\]/);
    expect(call([2, 3, 5], [3, 5, 6])).toThrow(/x \[3, 5, 6\]/);
  });

  it('rejects an empty sequence', () => {
    expect(call([2, 3, 0], [2, 0, 6])).toThrow(/scores \[2, 3, 0\]/);
  });

  it('rejects int32 inputs instead of reading them as floats', () => {
    expect(call([1, 2, 3], [1, 3, 4], 'int32')).toThrow(/x dtype = "int32"; expected float32/);
  });
});
