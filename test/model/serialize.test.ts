import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../src/model/backend/select.js';
import { createClassifier } from '../../src/model/classifier.js';
import { ModelError } from '../../src/model/errors.js';
import { restoreModel, serializeModel } from '../../src/model/serialize.js';
import type { SequenceClassifier } from '../../src/model/types.js';
import { fixedInput, fixedWeights, tinyConfig } from './fixtures.js';

beforeAll(async () => {
  await selectBackend('cpu');
});

const x = fixedInput(2, 4, 3);
const logitsOf = (m: SequenceClassifier) => tf.tidy(() => m.logits(tf.tensor3d(x, [2, 4, 3]), false).dataSync().slice());

describe('serializeModel / restoreModel', () => {
  it.each(['lstm', 'gru', 'rnn'] as const)('%s with attention round-trips through JSON to identical logits', (cell) => {
    const config = tinyConfig(cell, 'matrix');
    const original = createClassifier(config, 11);
    original.setWeights(fixedWeights(config));
    const saved = serializeModel(original);
    const restored = restoreModel(JSON.parse(JSON.stringify(saved.config)), saved.weights, 'model.json');
    try {
      expect(restored.config).toEqual(original.config);
      expect(restored.getWeights()).toEqual(original.getWeights());
      expect(logitsOf(restored)).toEqual(logitsOf(original));
    } finally {
      original.dispose();
      restored.dispose();
    }
  });

  it('serializes a copy: later training of the model does not change it', () => {
    const config = tinyConfig('rnn', 'none');
    const model = createClassifier(config, 2);
    const saved = serializeModel(model);
    const kernel = saved.weights['cell/kernel'].values.slice();
    model.setWeights(fixedWeights(config));
    expect(saved.weights['cell/kernel'].values).toEqual(kernel);
    model.dispose();
  });

  it('refuses weights that do not fit the config, and leaks no tensors doing so', () => {
    const saved = serializeModel(createClassifier(tinyConfig('gru', 'mean'), 1));
    const before = tf.memory().numTensors;
    const error = (() => {
      try {
        restoreModel({ ...saved.config, hidden: 4 }, saved.weights, 'model.json');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).message).toMatch(/^model\.json: cell\/kernel\.shape = \[3, 9\]; expected \[3, 12\]/);
    expect(tf.memory().numTensors).toBe(before);
  });
});
