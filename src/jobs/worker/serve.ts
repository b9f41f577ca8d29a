import { runTraining, type EngineDeps } from '../engine.js';
import type { TrainEvent } from '../types.js';
import { WorkerMessageError } from './errors.js';
import { toFailure } from './failure.js';
import type { HostPort } from './port.js';
import { parseHostMessage, TO_WORKER, type WorkerMessage } from './protocol.js';

/**
 * Serves training requests on `port`, one run at a time: streams the run's events, then
 * `done` (completed or cancelled) or `failed`. A message that breaks the protocol is answered
 * with `failed` naming the bad field; if a run is going, it stops at its next batch first.
 */
export function serveTraining(port: HostPort, deps: EngineDeps = {}): void {
  let running = false;
  let cancelled = false;
  let refused: unknown = null;
  const post = (message: WorkerMessage) => port.postMessage(message);
  const fail = (err: unknown) => post({ kind: 'failed', payload: toFailure(err) });

  const refuse = (err: unknown) => {
    if (!running) return fail(err);
    refused ??= err;
    cancelled = true;
  };

  port.on('message', (raw) => {
    let message;
    try {
      message = parseHostMessage(raw);
    } catch (err) {
      return refuse(err);
    }
    if (message.kind === 'cancel') {
      cancelled = true;
      return;
    }
    if (running) return refuse(new WorkerMessageError('WORKER_BUSY', TO_WORKER, 'kind', 'start', 'cancel (a run is already in progress in this worker)'));
    running = true;
    cancelled = false;
    const hooks = { onEvent: (event: TrainEvent) => post(event), isCancelled: () => cancelled };
    runTraining(message.payload, hooks, deps)
      .then((outcome) => (refused ? fail(refused) : post({ kind: 'done', payload: outcome })), fail)
      .finally(() => {
        running = false;
        refused = null;
      });
  });
}
