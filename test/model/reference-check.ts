/** Compares a model's logits and gradients with the Float64 reference, on the active backend. */
import * as tf from '@tensorflow/tfjs-core';
import { createClassifier } from '../../src/model/classifier.js';
import type { ModelConfig, NamedWeights } from '../../src/model/types.js';
import { expectClose, logitWeights, maxAbs, toReference, weightedSum } from './fixtures.js';
import { referenceLogits } from './reference/classifier.js';
import { numericGradient } from './reference/finite-diff.js';

export interface Tolerances {
  logits: number;
  gradients: number;
}

/**
 * Logits (dropout off), ∂S/∂x and ∂S/∂(every weight) for S = Σ c·logits, against the
 * reference and its central differences.
 */
export function compareWithReference(config: ModelConfig, weights: NamedWeights, x: Float32Array, batch: number, time: number, tol: Tolerances = { logits: 1e-5, gradients: 1e-4 }): void {
  const model = createClassifier(config, 1);
  try {
    model.setWeights(weights);
    const c = logitWeights(batch, config.classes);
    const scalar = (input: tf.Tensor) => tf.sum(tf.mul(model.logits(input as tf.Tensor3D, false), tf.tensor2d(c, [batch, config.classes])));
    let actual!: { logits: Float64Array; dx: Float64Array; dw: Record<string, Float64Array> };
    tf.tidy(() => {
      const xt = tf.tensor3d(x, [batch, time, config.inputSize]);
      const { grads } = tf.variableGrads(() => scalar(xt) as tf.Scalar);
      actual = {
        logits: Float64Array.from(model.logits(xt, false).dataSync()),
        dx: Float64Array.from(tf.grad(scalar)(xt).dataSync()),
        dw: Object.fromEntries([...model.variables].map(([name, v]) => [name, Float64Array.from(grads[v.name].dataSync())])),
      };
    });

    const ref = toReference(weights);
    const label = `${config.cell}/${config.attention}/${config.variant}`;
    expectClose(actual.logits, referenceLogits(config, ref, x, batch, time), tol.logits, `${label} logits`);
    const dx = numericGradient((v) => weightedSum(referenceLogits(config, ref, v, batch, time), c), x);
    expectClose(actual.dx, dx, tol.gradients, `${label} ∂S/∂x`);
    // One scale for all weights: some gradients vanish exactly (b2: softmax ignores a shift per hop).
    const dw = Object.fromEntries(Object.keys(ref).map((name) => [name,
      numericGradient((v) => weightedSum(referenceLogits(config, { ...ref, [name]: v }, x, batch, time), c), ref[name])]));
    const scale = Math.max(...Object.values(dw).map(maxAbs));
    for (const name of Object.keys(ref)) expectClose(actual.dw[name], dw[name], tol.gradients, `${label} ∂S/∂${name}`, scale);
  } finally {
    model.dispose();
  }
}
