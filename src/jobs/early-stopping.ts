/** Early-stopping bookkeeping, plain data so that it goes into every checkpoint. */
export interface StoppingState {
  bestEpoch: number;
  bestValLoss: number;
  /** Epochs since the validation loss last improved. */
  sinceBest: number;
}

export const INITIAL_STOPPING: StoppingState = { bestEpoch: 0, bestValLoss: Infinity, sinceBest: 0 };

/**
 * Records epoch `epoch`'s validation loss: an improvement is a strictly lower loss (NaN never
 * improves). Training stops once `patience` epochs in a row brought none.
 */
export function updateStopping(state: StoppingState, epoch: number, valLoss: number, patience: number): { state: StoppingState; improved: boolean; stop: boolean } {
  const improved = valLoss < state.bestValLoss;
  const next = improved ? { bestEpoch: epoch, bestValLoss: valLoss, sinceBest: 0 } : { ...state, sinceBest: state.sinceBest + 1 };
  return { state: next, improved, stop: next.sinceBest >= patience };
}
