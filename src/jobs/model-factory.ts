import type { ModelConfig, SequenceClassifier } from '../model/types.js';

/** Builds a classifier with seeded initial weights: model/classifier.ts's createClassifier, or a test's stand-in. */
export type CreateModel = (config: ModelConfig, seed: number) => SequenceClassifier;
