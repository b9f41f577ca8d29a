import type { z } from 'zod';
import type { trainStart } from '../../../../src/api/index.js';
import type { BackendReport, BatchProgress, EpochMetrics, TrainEvent } from '../../types.js';

export type TrainStarted = z.output<typeof trainStart>;

/** What a running (or resumed) training job has reported so far. */
export interface LiveTraining {
  backend: BackendReport | null;
  started: TrainStarted | null;
  batch: BatchProgress | null;
  /** One per epoch, in order; a resume keeps those up to its checkpoint. */
  metrics: EpochMetrics[];
}

export const emptyLiveTraining = (): LiveTraining => ({ backend: null, started: null, batch: null, metrics: [] });

/**
 * Folds one training event into the state. A resumed run starts again from its checkpoint,
 * so epochs after `resumedFromEpoch` (reported before the stop, never saved) are dropped and
 * re-reported; an epoch reported twice replaces the first.
 */
export function applyTrainEvent(state: LiveTraining, event: TrainEvent): LiveTraining {
  switch (event.kind) {
    case 'backend':
      return { ...state, backend: event.payload };
    case 'started':
      return { ...state, started: event.payload, batch: null, metrics: state.metrics.filter((m) => m.epoch <= event.payload.resumedFromEpoch) };
    case 'batch':
      return { ...state, batch: event.payload };
    case 'epoch':
      return { ...state, metrics: [...state.metrics.filter((m) => m.epoch !== event.payload.epoch), event.payload].sort((a, b) => a.epoch - b.epoch) };
    case 'checkpoint':
      return state;
  }
}

/** The fraction of all batches of the run done, from the latest batch event (0 before any). */
export function batchFraction(batch: BatchProgress | null, epochs: number | null): number {
  if (!batch || !epochs || batch.batches === 0) return 0;
  return Math.min(1, ((batch.epoch - 1) * batch.batches + batch.batch) / (epochs * batch.batches));
}
