import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createClassifier } from '../../../src/model/classifier.js';
import { DEFAULT_MODEL_CONFIG } from '../../../src/model/types.js';
import { selectBackend } from '../../../src/model/backend/select.js';
import { computeSaliency } from '../../../src/saliency/methods/index.js';
import type { ProbabilityFn } from '../../../src/saliency/types.js';
import { block, values } from './models.js';

beforeAll(async () => {
  await selectBackend('cpu');
});

describe('saliency of a real recurrent classifier', () => {
  it('grad matches central finite differences of the class probability (LSTM with input-cell attention)', async () => {
    const [T, F] = [4, 2];
    const net = createClassifier({ ...DEFAULT_MODEL_CONFIG, attention: 'input-cell', hidden: 3, attentionDim: 4, hops: 2, inputSize: F, classes: 2 }, 3);
    const model: ProbabilityFn = (x) => tf.softmax(net.logits(x, false));
    const x = values(T * F, 61, -1, 1);
    const { maps } = await computeSaliency('gradxinput', model, block(x, 1, T, F), { kind: 'true', labels: [1] }, {}, { batchSize: 1 });
    const p1 = (xs: Float64Array) => tf.tidy(() => model(tf.tensor3d(Float32Array.from(xs), [1, T, F])).dataSync()[1]);
    const eps = 1e-2;
    for (let i = 0; i < T * F; i++) {
      const up = Float64Array.from(x);
      const down = Float64Array.from(x);
      up[i] += eps;
      down[i] -= eps;
      expect(maps.data[i]).toBeCloseTo(((p1(up) - p1(down)) / (2 * eps)) * x[i], 3);
    }
    expect(maps.data.some((v) => Math.abs(v) > 1e-3)).toBe(true);
    net.dispose();
  });
});
