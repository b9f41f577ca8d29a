import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { selectBackend } from '../../src/model/backend/select.js';
import { argmax } from '../../src/saliency/argmax.js';
import { DEFAULT_MODEL_CONFIG } from '../../src/model/types.js';
import { explainInput, type ExplainRequest } from '../../src/saliency/explain-run.js';
import { SaliencyError } from '../../src/saliency/methods/index.js';
import type { RunInput } from '../../src/jobs/run-input.js';


describe('argmax', () => {
  it('gives the index of the largest value, the first on ties, also for negative and infinite values', () => {
    expect(argmax([0.1, 0.7, 0.2])).toBe(1);
    expect(argmax(Float32Array.from([0.4, 0.2, 0.4]))).toBe(0);
    expect(argmax([-3, -1, -2])).toBe(1);
    expect(argmax([-Infinity, -Infinity])).toBe(0);
    expect(argmax([1, Infinity, 2])).toBe(1);
  });

  it('is null when any value is NaN (indexOf(Math.max(…)) said −1) or there are none', () => {
    expect(argmax([0.2, NaN, 0.8])).toBeNull();
    expect(argmax([NaN, 0.5])).toBeNull();
    expect(argmax([])).toBeNull();
  });
});

/**
 * A run opened for saliency, by hand: 3 samples of 2 steps × 3 regions, 3 classes; the
 * "model" is the softmax of each sample's mean over time, and NaN for `nanRow` when given.
 */
function handInput(nanRow: number | null): RunInput {
  const model = { ...DEFAULT_MODEL_CONFIG, inputSize: 3, classes: 3 };
  const data = Float32Array.from({ length: 3 * 2 * 3 }, (_, i) => Math.sin(i));
  const probabilities = (x: tf.Tensor3D) => tf.tidy(() => {
    const p = tf.softmax(x.mean(1)) as tf.Tensor2D;
    if (nanRow === null) return p;
    const rows = tf.range(0, x.shape[0], 1, 'int32').reshape([-1, 1]).tile([1, 3]);
    return tf.where(tf.equal(rows, nanRow), tf.fill(p.shape, NaN), p) as tf.Tensor2D;
  });
  return {
    runDir: '/runs/broken', config: { dataset: '/data', classes: ['a', 'b', 'c'], regions: ['r1', 'r2', 'r3'], model },
    dataset: { window: 2 }, modelIdentity: { sha256: 'm', weightsSha256: 'w' }, probabilities,
    indices: [4, 7, 9], samples: { data, samples: 3, time: 2, features: 3 }, labels: [0, 1, 2], trainingMean: new Float32Array(6),
  } as unknown as RunInput;
}

const request: ExplainRequest = { runDir: '/runs/broken', method: 'grad', samples: 'test', target: 'true', options: {} };

describe('explainInput and the predicted class', () => {
  it('refuses a model whose probabilities are NaN, naming the run and the dataset sample, instead of predicting class −1', async () => {
    await selectBackend('cpu');
    const error = await explainInput(handInput(1), request, { batchSize: 64 }, 'cpu').catch((e) => e);
    expect(error).toBeInstanceOf(SaliencyError);
    expect(error).toMatchObject({ code: 'SALIENCY_NAN_PROBABILITY', file: '/runs/broken', field: 'probabilities of dataset sample 7' });
    expect(error.message).toBe('/runs/broken: probabilities of dataset sample 7 = [NaN, NaN, NaN]; expected finite class probabilities (the best model yields NaN; retrain the run)');
  });

  it('predicts the class of the highest probability for a sound model', async () => {
    await selectBackend('cpu');
    const input = handInput(null);
    const result = await explainInput(input, request, { batchSize: 64 }, 'cpu');
    // By hand: the class of each sample's largest mean over its 2 steps.
    const expected = [0, 1, 2].map((k) => {
      const mean = [0, 1, 2].map((r) => (Math.fround(Math.sin(k * 6 + r)) + Math.fround(Math.sin(k * 6 + 3 + r))) / 2);
      return mean.indexOf(Math.max(...mean));
    });
    expect(result.index.samples.map((s) => s.predicted)).toEqual(expected);
    expect(new Set(expected).size).toBeGreaterThan(1);
  });
});
