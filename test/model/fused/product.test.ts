import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../src/model/backend/select.js';
import { jsProduct, tfProduct } from '../../../src/model/fused/product.js';
import { expectClose } from '../fixtures.js';
import { uniform } from './cases.js';

/** x·M in Float64, written out entry by entry. */
function naiveProduct(x: Float32Array, m: Float32Array, batch: number, rows: number, cols: number): Float64Array {
  const out = new Float64Array(batch * cols);
  for (let b = 0; b < batch; b++) for (let j = 0; j < cols; j++) for (let k = 0; k < rows; k++) out[b * cols + j] += x[b * rows + k] * m[k * cols + j];
  return out;
}

describe.each(['cpu', 'wasm'] as const)('row products on %s', (backend) => {
  beforeAll(async () => {
    await selectBackend(backend);
  });
  afterAll(async () => {
    await selectBackend('cpu');
  });

  it.each([['jsProduct', jsProduct], ['tfProduct', tfProduct]] as const)('%s: x·M for [3, 7]·[7, 10], reusing one output buffer', (_, make) => {
    const m = uniform(70, 1, 5);
    const before = tf.memory().numTensors;
    const product = make(m, 7, 10);
    const out = new Float32Array(30);
    for (const seed of [6, 7]) {
      const x = uniform(21, 1, seed);
      product.apply(x, 3, out);
      expectClose(out, naiveProduct(x, m, 3, 7, 10), 1e-6, `seed ${seed}`);
    }
    product.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each([['jsProduct', jsProduct], ['tfProduct', tfProduct]] as const)('%s: reads only the first `batch` rows of a longer x', (_, make) => {
    const m = uniform(6, 1, 8);
    const x = uniform(12, 1, 9); // room for 6 rows of 2; only 2 are used
    const out = new Float32Array(9).fill(7);
    const product = make(m, 2, 3);
    product.apply(x, 2, out);
    product.dispose();
    expectClose(out.subarray(0, 6), naiveProduct(x, m, 2, 2, 3), 1e-6, 'rows used');
    expect(Array.from(out.subarray(6))).toEqual([7, 7, 7]);
  });
});
