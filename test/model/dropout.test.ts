import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../src/model/backend/select.js';
import { createClassifier, type Classifier } from '../../src/model/classifier.js';
import type { ModelConfig } from '../../src/model/types.js';
import { expectClose, fixedInput, fixedWeights, tinyConfig, toReference } from './fixtures.js';
import { referenceLogits } from './reference/classifier.js';

beforeAll(async () => {
  await selectBackend('cpu');
});

const [BATCH, TIME] = [2, 5];
const x = fixedInput(BATCH, TIME, 3);
let model: Classifier | undefined;
afterEach(() => model?.dispose());

function build(config: ModelConfig): { logits: (training: boolean) => Float32Array; reference: Float64Array } {
  model = createClassifier(config, 3);
  const weights = fixedWeights(config);
  model.setWeights(weights);
  const m = model;
  return {
    logits: (training) => tf.tidy(() => m.logits(tf.tensor3d(x, [BATCH, TIME, 3]), training).dataSync() as Float32Array).slice(),
    reference: referenceLogits(config, toReference(weights), x, BATCH, TIME),
  };
}

describe('dropout', () => {
  it('is off when not training: logits are deterministic and equal the reference despite rates 0.5', () => {
    const { logits, reference } = build(tinyConfig('lstm', 'mean', { inputDropout: 0.5, hiddenDropout: 0.5 }));
    const first = logits(false);
    expect(logits(false)).toEqual(first);
    expectClose(first, reference, 1e-5, 'inference logits');
  });

  it('with rates 0 changes nothing even when training', () => {
    const { logits, reference } = build(tinyConfig('gru', 'matrix', { inputDropout: 0, hiddenDropout: 0 }));
    expectClose(logits(true), reference, 1e-5, 'training logits, rate 0');
  });

  it('is active when training with rates 0.5 (so the checks above are not vacuous)', () => {
    const { logits, reference } = build(tinyConfig('rnn', 'none', { inputDropout: 0.5, hiddenDropout: 0.5 }));
    const a = logits(true);
    const b = logits(true);
    expect(Math.max(...a.map((v, i) => Math.abs(v - reference[i])))).toBeGreaterThan(1e-3);
    expect(b).not.toEqual(a);
  });

  it('draws the same masks again after reseeding with the same seed', () => {
    const { logits } = build(tinyConfig('lstm', 'none', { inputDropout: 0.5, hiddenDropout: 0.5 }));
    model!.reseedDropout(7);
    const first = logits(true);
    model!.reseedDropout(7);
    expect(logits(true)).toEqual(first);
    model!.reseedDropout(8);
    expect(logits(true)).not.toEqual(first);
  });
});
