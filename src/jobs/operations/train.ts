import { runTraining, type EngineDeps } from '../engine.js';
import type { TrainEvent, TrainRequest, TrainSummary } from '../types.js';
import type { OperationControl } from './operation.js';

/**
 * Trains (or resumes) a run; its events go out as they are (the curves need them) and its
 * batches also as the generic `train` progress: batches done of every batch of the run.
 */
export function trainRunner(deps: EngineDeps = {}) {
  return async (request: TrainRequest, control: OperationControl<TrainEvent>): Promise<TrainSummary> => {
    let epochs = 0;
    return runTraining(request, {
      signal: control.signal,
      onEvent: (event) => {
        control.onEvent(event);
        if (event.kind === 'started') epochs = event.payload.epochs;
        if (event.kind === 'batch') {
          const { epoch, batch, batches, etaSeconds } = event.payload;
          control.onProgress({ phase: 'train', done: (epoch - 1) * batches + batch, total: epochs * batches, etaSeconds, item: `epoch ${epoch}` });
        }
      },
    }, deps);
  };
}
