import { runTraining, type EngineDeps } from '../engine.js';
import { TrainingCancelled } from '../errors.js';
import type { TrainEvent } from '../types.js';
import { WorkerMessageError } from './errors.js';
import { toFailure } from './failure.js';
import type { HostPort } from './port.js';
import { parseHostMessage, TO_WORKER, type WorkerMessage } from './protocol.js';

/**
 * Serves training requests on `port`, one run at a time: streams the run's events, then
 * `done` (completed or cancelled) or `failed`. `cancel` aborts the run's AbortController, so
 * the run stops at its next batch with TrainingCancelled, reported as `done` cancelled. A
 * message that breaks the protocol is answered with `failed` naming the bad field; if a run
 * is going, it stops at its next batch first.
 */
export function serveTraining(port: HostPort, deps: EngineDeps = {}): void {
  // The running run's controller; null when the worker is idle.
  let controller: AbortController | null = null;
  let refused: unknown = null;
  const post = (message: WorkerMessage) => port.postMessage(message);
  const fail = (err: unknown) => post({ kind: 'failed', payload: toFailure(err) });

  const refuse = (err: unknown) => {
    if (!controller) return fail(err);
    refused ??= err;
    controller.abort();
  };

  port.on('message', (raw) => {
    let message;
    try {
      message = parseHostMessage(raw);
    } catch (err) {
      return refuse(err);
    }
    if (message.kind === 'cancel') {
      controller?.abort();
      return;
    }
    if (controller) return refuse(new WorkerMessageError('WORKER_BUSY', TO_WORKER, 'kind', 'start', 'cancel (a run is already in progress in this worker)'));
    const run = new AbortController();
    controller = run;
    runTraining(message.payload, { onEvent: (event: TrainEvent) => post(event), signal: run.signal }, deps)
      .then(
        (summary) => (refused ? fail(refused) : post({ kind: 'done', payload: { status: 'completed', summary } })),
        (err) => {
          if (!(err instanceof TrainingCancelled)) return fail(err);
          if (refused) return fail(refused);
          post({ kind: 'done', payload: { status: 'cancelled', lastCheckpointEpoch: err.lastCheckpointEpoch } });
        },
      )
      .finally(() => {
        controller = null;
        refused = null;
      });
  });
}
