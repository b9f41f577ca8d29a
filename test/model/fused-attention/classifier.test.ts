import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAttentionImplementation, type AttentionImplementation } from '../../../src/model/attention.js';
import { selectBackend } from '../../../src/model/backend/select.js';
import { createClassifier } from '../../../src/model/classifier.js';
import { SHIFT_RANGE_LIMIT } from '../../../src/model/prefix-softmax.js';
import type { ModelConfig, NamedWeights } from '../../../src/model/types.js';
import { expectClose, fixedInput, maxAbs, fixedWeights, logitWeights, scoreRise, tinyConfig } from '../fixtures.js';

const [BATCH, TIME] = [3, 9];

/** Logits and every weight's gradient of Σ c·logits, with one attention implementation forced. */
function run(config: ModelConfig, weights: NamedWeights, x: Float32Array, choice: AttentionImplementation) {
  setAttentionImplementation(choice);
  const model = createClassifier(config, 3);
  try {
    model.setWeights(weights);
    return tf.tidy(() => {
      const xt = tf.tensor3d(x, [BATCH, TIME, config.inputSize]);
      const c = tf.tensor2d(logitWeights(BATCH, config.classes), [BATCH, config.classes]);
      const logits = model.logits(xt, false).dataSync().slice();
      const { grads } = tf.variableGrads(() => tf.sum(tf.mul(model.logits(xt, false), c)) as tf.Scalar, [...model.variables.values()]);
      const byName = Object.fromEntries([...model.variables].map(([name, v]) => [name, grads[v.name].dataSync().slice()]));
      return { logits, grads: byName };
    });
  } finally {
    model.dispose();
    setAttentionImplementation('auto');
  }
}

function expectFusedMatchesOps(config: ModelConfig, weights: NamedWeights, x: Float32Array, what: string): void {
  const fused = run(config, weights, x, 'fused');
  const ops = run(config, weights, x, 'ops');
  expectClose(fused.logits, ops.logits, 1e-6, `${what}: logits`);
  expect(Object.keys(fused.grads)).toEqual(Object.keys(ops.grads));
  for (const name of Object.keys(ops.grads)) {
    // b2 adds the same to all of a hop's scores, which the softmax ignores: its exact gradient
    // is zero, and both paths' float32 noise is held against the scale of w2's gradient.
    const scale = name === 'attention/b2' ? maxAbs(ops.grads['attention/w2']) : undefined;
    expectClose(fused.grads[name], ops.grads[name], 1e-5, `${what}: d/d${name}`, scale);
  }
}

beforeAll(async () => {
  await selectBackend('cpu');
});

describe.each(['cpu', 'wasm'] as const)('classifiers with fused attention on the %s backend', (backend) => {
  beforeAll(async () => {
    await selectBackend(backend);
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each(['mean', 'matrix'] as const)('lstm, attention %s: logits and weight gradients equal the op path', (variant) => {
    const config = tinyConfig('lstm', variant, { inputSize: 4, hops: 5, attentionDim: 6 });
    const x = fixedInput(BATCH, TIME, 4);
    expect(scoreRise(fixedWeights(config), x, [BATCH, TIME, 4])).toBeLessThanOrEqual(SHIFT_RANGE_LIMIT);
    expectFusedMatchesOps(config, fixedWeights(config), x, `${backend} ${variant}`);
  });

  it('gru, attention mean, scores rising past SHIFT_RANGE_LIMIT (the op path scans): equal too', () => {
    const config = tinyConfig('gru', 'mean');
    const weights = fixedWeights(config, { 'attention/w2': 15 });
    const x = fixedInput(BATCH, TIME, 3, 3);
    expect(scoreRise(weights, x, [BATCH, TIME, 3])).toBeGreaterThan(SHIFT_RANGE_LIMIT);
    expectFusedMatchesOps(config, weights, x, `${backend} scan`);
  });

  it('forward and gradients in tf.tidy leave no tensor behind', () => {
    const config = tinyConfig('lstm', 'mean');
    const [weights, x] = [fixedWeights(config), fixedInput(BATCH, TIME, 3)];
    run(config, weights, x, 'fused');
    const before = tf.memory().numTensors;
    run(config, weights, x, 'fused');
    run(config, weights, x, 'fused');
    expect(tf.memory().numTensors).toBe(before);
  });
});
