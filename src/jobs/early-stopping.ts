/** What early stopping and checkpoint selection watch (Keras's names). */
export type Monitor = 'val_loss' | 'val_accuracy';
export const MONITORS: readonly Monitor[] = ['val_loss', 'val_accuracy'];

/** Early-stopping bookkeeping, plain data so that it goes into every checkpoint. */
export interface StoppingState {
  bestEpoch: number;
  /** Best monitored score so far, lower is better: the validation loss, or minus the validation accuracy. */
  bestScore: number;
  /** Evaluations since the score last improved (epochs, unless evaluating every k batches). */
  sinceBest: number;
  /**
   * With evaluation every k batches: the training batch (counted from the run's start) after
   * which the best evaluation was made; its weights are in checkpoints/batch-NNNNNNNN/.
   */
  bestBatch?: number;
}

export const INITIAL_STOPPING: StoppingState = { bestEpoch: 0, bestScore: Infinity, sinceBest: 0 };

/** The monitored score of an epoch, lower is better. */
export function monitoredScore(monitor: Monitor, val: { loss: number; accuracy: number }): number {
  return monitor === 'val_loss' ? val.loss : -val.accuracy;
}

/**
 * Records epoch `epoch`'s score (or, given `batch`, that of an evaluation after that training batch): an improvement is a strictly lower score (NaN never improves),
 * so with `val_accuracy` the first epoch reaching the best accuracy is the one kept. Training
 * stops once `patience` epochs in a row brought none.
 */
export function updateStopping(state: StoppingState, epoch: number, score: number, patience: number, batch?: number): { state: StoppingState; improved: boolean; stop: boolean } {
  const improved = score < state.bestScore;
  const next: StoppingState = improved
    ? { bestEpoch: epoch, bestScore: score, sinceBest: 0, ...(batch === undefined ? {} : { bestBatch: batch }) }
    : { ...state, sinceBest: state.sinceBest + 1 };
  return { state: next, improved, stop: next.sinceBest >= patience };
}
