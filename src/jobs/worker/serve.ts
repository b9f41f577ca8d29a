import { isCancelled } from '../../util/cancel.js';
import { operations as defaultOperations, type Operations } from '../operations/index.js';
import { parseMessage } from '../protocol/parse.js';
import { hostMessage, TO_WORKER, type JobProgress, type StartMessage, type WorkerMessage } from '../protocol/schemas.js';
import { WorkerMessageError } from './errors.js';
import { retryable, toFailure } from './failure.js';
import type { HostPort } from './port.js';

/**
 * Serves jobs on `port`, one at a time: checks `start`'s operation and args, runs it, streams
 * its `progress` and `event`s, then answers `done` with its result or `failed` (cancelled:
 * the operation threw Cancelled; resumable: running it again continues). `cancel` aborts the
 * job's signal. A message that breaks the protocol is answered with `failed` naming the bad
 * field; if a job is going, it is cancelled first and the refusal replaces its outcome.
 */
export function serveJobs(port: HostPort, operations: Operations = defaultOperations()): void {
  // The running job; null when the worker is idle.
  let current: { controller: AbortController; jobId?: string } | null = null;
  let refused: unknown = null;
  const post = (message: WorkerMessage) => port.postMessage(message);
  const fail = (err: unknown, jobId: string | undefined, resumable = false) =>
    post({ kind: 'failed', ...(jobId ? { jobId } : {}), error: toFailure(err), cancelled: isCancelled(err), resumable });

  const refuse = (err: unknown) => {
    if (!current) return fail(err, undefined);
    refused ??= err;
    current.controller.abort();
  };

  port.on('message', (raw) => {
    let message;
    try {
      message = parseMessage(hostMessage, raw, TO_WORKER);
    } catch (err) {
      return refuse(err);
    }
    if (message.kind === 'cancel') {
      if (current && (message.jobId === undefined || message.jobId === current.jobId)) current.controller.abort();
      return;
    }
    if (current) return refuse(new WorkerMessageError('WORKER_BUSY', TO_WORKER, 'kind', 'start', 'cancel (a job is already running in this worker)'));
    start(message);
  });

  function start(message: StartMessage): void {
    const { jobId, operation: name } = message;
    const operation = operations[name];
    const id = jobId ? { jobId } : {};
    let args;
    try {
      args = parseMessage(operation.args, message.args, TO_WORKER, ['args']);
    } catch (err) {
      return fail(err, jobId);
    }
    const job = (current = { controller: new AbortController(), jobId });
    const control = {
      signal: job.controller.signal,
      onProgress: (p: JobProgress) => post({ kind: 'progress', ...id, ...p }),
      // Each operation's events are { kind, payload } (its contract's `event` schema checks them in the host).
      onEvent: (event: { kind: string; payload: unknown }) => post({ kind: 'event', ...id, event }),
    };
    Promise.resolve()
      .then(() => operation.run(args, control))
      .then(
        (result) => (refused ? fail(refused, jobId) : post({ kind: 'done', ...id, result })),
        (err) => (refused && isCancelled(err) ? fail(refused, jobId) : fail(err, jobId, operation.resumable && retryable(err))),
      )
      .finally(() => {
        current = null;
        refused = null;
      });
  }
}
