import * as tf from '@tensorflow/tfjs-core';
import { classifierWeightSpecs, createClassifier } from '../model/classifier.js';
import { initialValues } from '../model/init.js';
import type { SequenceClassifier } from '../model/types.js';
import type { RandomisableModel } from './randomisation.js';

/**
 * A recurrent classifier as the randomisation check sees it: its layer groups are the weight
 * names' prefixes (attention, cell, head) in variable order, input to head; re-initialised
 * weights come from the model's own initialisers (Glorot-uniform, zero biases), seeded.
 */
export function randomisableClassifier(model: SequenceClassifier): RandomisableModel {
  const specs = classifierWeightSpecs(model.config);
  const layers: { name: string; weights: string[] }[] = [];
  for (const spec of specs) {
    const group = spec.name.split('/')[0];
    const last = layers[layers.length - 1];
    if (last?.name === group) last.weights.push(spec.name);
    else layers.push({ name: group, weights: [spec.name] });
  }
  return {
    weights: model.getWeights(),
    layers,
    initial(name, seed) {
      const spec = specs.find((s) => s.name === name);
      if (!spec) throw new Error(`no weight named ${name} in the model`);
      return initialValues(spec, seed);
    },
    withWeights(weights) {
      const copy = createClassifier(model.config, 0);
      copy.setWeights(weights);
      return { probabilities: (x) => tf.softmax(copy.logits(x, false)), dispose: () => copy.dispose() };
    },
  };
}
