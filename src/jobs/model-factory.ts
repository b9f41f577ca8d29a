import { createClassifier } from '../model/classifier.js';
import type { ModelConfig, SequenceClassifier } from '../model/types.js';

/** Builds a classifier with seeded initial weights. */
export type CreateModel = (config: ModelConfig, seed: number) => SequenceClassifier;

/** The real recurrent classifier factory (src/model/classifier.ts). */
export async function defaultCreateModel(): Promise<CreateModel> {
  return createClassifier;
}
