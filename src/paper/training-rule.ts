import type { ModelSpec } from '../model/types.js';
import type { TrainOptions } from '../jobs/types.js';

/** The paper's training-rule settings: everything of TrainOptions it fixes. */
export type PaperTrainingRule = Pick<TrainOptions, 'epochs' | 'stopAtTrainAccuracy' | 'evaluateEveryBatches' | 'monitor'>;

/**
 * The training rule of the official code (Ismail et al. 2019): up to 400 epochs, stopping once
 * an epoch's training accuracy reaches 100 %, the validation split evaluated every 10 batches
 * for a plain recurrent model and every 3 with input-cell attention, and the first best
 * validation accuracy kept as the model (the test split is never used to choose).
 * Spread it over the other options: `{ ...DEFAULT_TRAIN_OPTIONS, ...PAPER_TRAINING_RULE(spec) }`.
 */
export function PAPER_TRAINING_RULE(model: Pick<ModelSpec, 'attention'>): PaperTrainingRule {
  return {
    epochs: 400,
    stopAtTrainAccuracy: 1,
    evaluateEveryBatches: model.attention === 'input-cell' ? 3 : 10,
    monitor: 'val_accuracy',
  };
}
