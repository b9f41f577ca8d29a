import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../src/model/backend/select.js';
import { createClassifier } from '../../../src/model/classifier.js';
import type { ModelConfig, NamedWeights } from '../../../src/model/types.js';
import { expectClose, fixedInput, fixedWeights, logitWeights, tinyConfig, toReference, type AttentionMode } from '../fixtures.js';
import { referenceLogits } from '../reference/classifier.js';
import { numericGradient } from '../reference/finite-diff.js';
import { weightedSum } from '../fixtures.js';
import { noAdapterReason } from './webgpu-env.js';

// SwiftShader is slow: batch 2, T 4, N 3, hidden 2, LSTM only.
const why = await noAdapterReason();
const skip = why ? ` (skipped: no WebGPU adapter: ${why})` : '';
const [BATCH, TIME, FEATURES] = [2, 4, 3];

afterAll(async () => {
  await tf.setBackend('cpu');
});

interface Outputs { logits: Float64Array; dx: Float64Array; dw: Record<string, Float64Array> }

/**
 * Logits (dropout off), ∂S/∂x and ∂S/∂(every weight) for S = Σ c·logits on the active backend,
 * read back with data(): webgpu cannot read synchronously in Node (test/model/reference-check.ts uses dataSync).
 */
async function outputs(config: ModelConfig, weights: NamedWeights, x: Float32Array): Promise<Outputs> {
  const model = createClassifier(config, 1);
  try {
    model.setWeights(weights);
    const c = tf.tensor2d(logitWeights(BATCH, config.classes), [BATCH, config.classes]);
    const xt = tf.tensor3d(x, [BATCH, TIME, config.inputSize]);
    const scalar = (input: tf.Tensor) => tf.sum(tf.mul(model.logits(input as tf.Tensor3D, false), c)) as tf.Scalar;
    const logits = tf.tidy(() => model.logits(xt, false));
    const dx = tf.tidy(() => tf.grad(scalar)(xt));
    const { value, grads } = tf.variableGrads(() => scalar(xt));
    const read = async (t: tf.Tensor) => Float64Array.from(await t.data());
    const out: Outputs = { logits: await read(logits), dx: await read(dx), dw: {} };
    for (const [name, v] of model.variables) out.dw[name] = await read(grads[v.name]);
    tf.dispose([c, xt, logits, dx, value, ...Object.values(grads)]);
    return out;
  } finally {
    model.dispose();
  }
}

/** The Float64 reference's logits and central-difference gradients. */
function reference(config: ModelConfig, weights: NamedWeights, x: Float32Array): Outputs {
  const ref = toReference(weights);
  const c = logitWeights(BATCH, config.classes);
  const logitsOf = (r: typeof ref, input: ArrayLike<number>) => referenceLogits(config, r, input as Float32Array, BATCH, TIME);
  return {
    logits: Float64Array.from(logitsOf(ref, x)),
    dx: Float64Array.from(numericGradient((v) => weightedSum(logitsOf(ref, v), c), x)),
    dw: Object.fromEntries(Object.keys(ref).map((name) => [name, Float64Array.from(numericGradient((v) => weightedSum(logitsOf({ ...ref, [name]: v }, x), c), ref[name]))])),
  };
}

function expectAllClose(actual: Outputs, expected: Outputs, tol: number, label: string): void {
  expectClose(actual.logits, expected.logits, tol, `${label} logits`);
  expectClose(actual.dx, expected.dx, tol, `${label} ∂S/∂x`);
  // One scale for all weights: some gradients vanish exactly (b2: softmax ignores a shift per hop).
  const scale = Math.max(...Object.values(expected.dw).flatMap((g) => Array.from(g, Math.abs)));
  expect(Object.keys(actual.dw).sort()).toEqual(Object.keys(expected.dw).sort());
  for (const name of Object.keys(expected.dw)) expectClose(actual.dw[name], expected.dw[name], tol, `${label} ∂S/∂${name}`, scale);
}

describe('a small LSTM on the webgpu backend', () => {
  it.skipIf(why !== null).each<AttentionMode>(['none', 'mean', 'matrix'])(`attention %s: forward and gradients equal the cpu backend's and the Float64 reference's within 1e-4${skip}`, async (mode) => {
    const config = tinyConfig('lstm', mode, { hidden: 2 });
    const weights = fixedWeights(config);
    const x = fixedInput(BATCH, TIME, FEATURES);
    await selectBackend('cpu');
    const onCpu = await outputs(config, weights, x);
    await selectBackend('webgpu');
    expect(tf.getBackend()).toBe('webgpu');
    const onGpu = await outputs(config, weights, x);
    expectAllClose(onGpu, onCpu, 1e-4, `webgpu vs cpu, ${mode}`);
    expectAllClose(onGpu, reference(config, weights, x), 1e-4, `webgpu vs Float64 reference, ${mode}`);
  });
});
