import * as tf from '@tensorflow/tfjs-core';
import { ModelError } from './errors.js';
import { initialValues, type WeightSpec } from './init.js';
import type { NamedWeights } from './types.js';

/** Trainable variables for `specs`, in their order, with seeded initial values. */
export function createVariables(specs: readonly WeightSpec[], seed: number): Map<string, tf.Variable> {
  return new Map(specs.map((spec) => {
    const initial = tf.tensor(initialValues(spec, seed), spec.shape, 'float32');
    const variable = tf.variable(initial, true);
    initial.dispose();
    return [spec.name, variable];
  }));
}

/** A copy of every variable's values. */
export function readWeights(variables: ReadonlyMap<string, tf.Variable>): NamedWeights {
  const out: NamedWeights = {};
  for (const [name, v] of variables) out[name] = { shape: v.shape.slice(), values: Float32Array.from(v.dataSync() as Float32Array) };
  return out;
}

/** readWeights for backends that cannot read synchronously (webgpu in Node): same values, awaited. */
export async function readWeightsAsync(variables: ReadonlyMap<string, tf.Variable>): Promise<NamedWeights> {
  const out: NamedWeights = {};
  for (const [name, v] of variables) out[name] = { shape: v.shape.slice(), values: Float32Array.from((await v.data()) as Float32Array) };
  return out;
}

/** Assigns every variable from `weights`; all names and shapes are checked before any is changed. */
export function writeWeights(variables: ReadonlyMap<string, tf.Variable>, weights: NamedWeights, source: string): void {
  const given = Object.keys(weights);
  const missing = [...variables.keys()].filter((name) => !(name in weights));
  const extra = given.filter((name) => !variables.has(name));
  if (missing.length > 0 || extra.length > 0) {
    throw new ModelError('MODEL_WEIGHT_NAMES', source, 'weights', given.sort(),
      `exactly the weights ${[...variables.keys()].join(', ')}${missing.length ? ` (missing ${missing.join(', ')})` : ''}${extra.length ? ` (unexpected ${extra.join(', ')})` : ''}`);
  }
  for (const [name, v] of variables) {
    if (typeof weights[name] !== 'object' || weights[name] === null) {
      throw new ModelError('MODEL_WEIGHT_SHAPE', source, name, String(weights[name]), `{ shape, values } of shape [${v.shape.join(', ')}]`);
    }
    const { shape, values } = weights[name];
    if (!Array.isArray(shape) || shape.length !== v.shape.length || shape.some((n, i) => n !== v.shape[i])) {
      throw new ModelError('MODEL_WEIGHT_SHAPE', source, `${name}.shape`, shape, `[${v.shape.join(', ')}]`);
    }
    if (!(values instanceof Float32Array) || values.length !== v.size) {
      throw new ModelError('MODEL_WEIGHT_VALUES', source, `${name}.values`, values instanceof Float32Array ? `${values.length} values` : typeof values, `a Float32Array of ${v.size} values`);
    }
  }
  tf.tidy(() => {
    for (const [name, v] of variables) v.assign(tf.tensor(weights[name].values, v.shape, 'float32'));
  });
}
