import { createClassifier, type Classifier } from './classifier.js';
import { validateModelConfig } from './config.js';
import type { ModelConfig, NamedWeights, SequenceClassifier } from './types.js';
import { writeWeights } from './weights.js';

/** Everything to rebuild a trained model: a JSON-able config and its weights. */
export interface SerializedModel {
  config: ModelConfig;
  weights: NamedWeights;
}

/** A model's config and a copy of its weights. */
export function serializeModel(model: SequenceClassifier): SerializedModel {
  return { config: { ...model.config }, weights: model.getWeights() };
}

/** A model rebuilt from a config (validated, e.g. read from JSON) and its weights; `source` names the file in errors. */
export function restoreModel(config: unknown, weights: NamedWeights, source: string): Classifier {
  const model = createClassifier(validateModelConfig(config, source), 0);
  try {
    // Not model.setWeights, whose errors name no file.
    writeWeights(model.variables, weights, source);
  } catch (error) {
    model.dispose();
    throw error;
  }
  return model;
}
