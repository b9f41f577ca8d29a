import * as tf from '@tensorflow/tfjs-core';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { setAttentionImplementation, type AttentionImplementation } from '../../src/model/attention.js';
import { selectBackend } from '../../src/model/backend/select.js';
import { createClassifier } from '../../src/model/classifier.js';
import { SHIFT_RANGE_LIMIT } from '../../src/model/prefix-softmax.js';
import { fixedInput, fixedWeights, scoreRise, tinyConfig } from './fixtures.js';

// Before the models below are built at load time (else TF.js picks a backend and advertises tfjs-node).
await selectBackend('cpu');

const config = tinyConfig('lstm', 'matrix');
const model = createClassifier(config, 4);
afterAll(() => model.dispose());

/** Input gradient and weight gradients of one training-mode forward pass, inside tf.tidy. */
function forwardAndGradients(x: Float32Array): void {
  tf.tidy(() => {
    const xt = tf.tensor3d(x, [2, 6, 3]);
    const loss = (input: tf.Tensor) => tf.sum(tf.square(model.logits(input as tf.Tensor3D, true))) as tf.Scalar;
    tf.grad(loss)(xt).dataSync();
    const { grads } = tf.variableGrads(() => loss(xt));
    for (const g of Object.values(grads)) g.dataSync();
  });
}

afterEach(() => setAttentionImplementation('auto'));

describe.each<AttentionImplementation>(['fused', 'ops'])('tensor memory of an attention model (%s attention)', (implementation) => {
  it.each([
    ['running sums', {}, 1, false],
    ['online-softmax scan', { 'attention/w2': 15 }, 3, true],
  ])('forward + gradients in tf.tidy leave no tensor behind (%s)', (_, scale, amplitude, scans) => {
    setAttentionImplementation(implementation);
    const weights = fixedWeights(config, scale);
    model.setWeights(weights);
    const x = fixedInput(2, 6, 3, amplitude);
    expect(scoreRise(weights, x, [2, 6, 3]) > SHIFT_RANGE_LIMIT).toBe(scans);
    const before = tf.memory().numTensors;
    forwardAndGradients(x);
    forwardAndGradients(x);
    expect(tf.memory().numTensors).toBe(before);
  });
});
