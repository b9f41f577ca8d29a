import { TrainingError } from './errors.js';

/**
 * Class weights for imbalanced data, inversely proportional to each class's frequency in the
 * training split and normalised as w_c = n / (C · n_c) (scikit-learn's "balanced"): the mean
 * weight over the training samples is 1, and balanced classes get weight 1 each. The loss
 * divides by the batch's summed weights (PyTorch's weighted mean), so the normalisation only
 * fixes the scale of the reported weights, not the loss.
 */
export function classWeights(labels: readonly number[], classNames: readonly string[], source: string): number[] {
  const counts = new Array<number>(classNames.length).fill(0);
  for (const y of labels) counts[y]++;
  const missing = counts.findIndex((n) => n === 0);
  if (missing >= 0) {
    throw new TrainingError('TRAIN_CLASS_EMPTY', source, `class "${classNames[missing]}"`, '0 training samples', 'at least one training sample of every class (check the split or the labels)');
  }
  return counts.map((n) => labels.length / (classNames.length * n));
}
