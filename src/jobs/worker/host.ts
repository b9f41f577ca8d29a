import { Worker } from 'node:worker_threads';
import { TrainingCancelled } from '../errors.js';
import type { TrainEvent, TrainOutcome, TrainRequest, TrainSummary } from '../types.js';
import { trainingWorkerEntry } from './entry-path.js';
import { WorkerExitError } from './errors.js';
import { fromFailure } from './failure.js';
import { WORKER_MARKER } from './port.js';
import { parseWorkerMessage, type HostMessage } from './protocol.js';

/** A run in a worker thread. */
export interface TrainingJob {
  /**
   * Resolves with the summary; rejects with TrainingCancelled once the signal stopped the run,
   * with the run's error, or with a WorkerExitError if the worker died.
   */
  done: Promise<TrainSummary>;
  /** Terminates the worker at once, as a crash would; the run stays resumable. */
  kill(): Promise<void>;
}

export interface TrainingJobOptions {
  /** Aborting asks the run to stop at its next batch (the worker's `cancel` message). */
  signal?: AbortSignal;
  /** Each checked progress event; an exception thrown here ends the job with that error. */
  onEvent?(event: TrainEvent): void;
  /** Where the worker's console output goes (default stderr, keeping stdout clean for --json). */
  console?: NodeJS.WritableStream;
}

/**
 * Starts `request` in a worker thread running the training engine, so the caller stays
 * responsive. Every message from the worker is checked; anything that ends the worker without
 * an outcome (crash, exit, kill, a malformed message) rejects `done`, never throws elsewhere.
 */
export function startTrainingWorker(request: TrainRequest, options: TrainingJobOptions = {}): TrainingJob {
  const worker = new Worker(trainingWorkerEntry(), { workerData: WORKER_MARKER, stdout: true, stderr: true });
  const output = options.console ?? process.stderr;
  worker.stdout.pipe(output, { end: false });
  worker.stderr.pipe(output, { end: false });
  let settled = false;
  let killed = false;

  const { signal } = options;

  const done = new Promise<TrainSummary>((resolve, reject) => {
    const settle = (outcome: { ok: true; value: TrainSummary } | { ok: false; error: unknown }) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', cancel);
      if (outcome.ok) resolve(outcome.value);
      else reject(outcome.error);
      void worker.terminate();
    };
    worker.on('message', (raw: unknown) => {
      if (settled) return;
      try {
        const message = parseWorkerMessage(raw);
        if (message.kind === 'done') settle(fromOutcome(message.payload));
        else if (message.kind === 'failed') settle({ ok: false, error: fromFailure(message.payload) });
        else options.onEvent?.(message);
      } catch (error) {
        settle({ ok: false, error });
      }
    });
    worker.on('error', (err) => settle({ ok: false, error: new WorkerExitError('crashed', `the training worker crashed: ${err.message}; the run can be resumed from its last checkpoint`) }));
    worker.on('exit', (code) => settle({
      ok: false,
      error: killed
        ? new WorkerExitError('killed', 'the training worker was killed; the run can be resumed from its last checkpoint')
        : new WorkerExitError('exited', `the training worker exited (code ${code}) before the run ended; the run can be resumed from its last checkpoint`),
    }));
  });

  const send = (message: HostMessage) => {
    if (!settled) worker.postMessage(message);
  };
  const cancel = () => send({ kind: 'cancel', payload: {} });
  send({ kind: 'start', payload: request });
  // Already aborted: the worker starts and stops before its first batch, reporting the kept checkpoint.
  if (signal?.aborted) cancel();
  else signal?.addEventListener('abort', cancel, { once: true });
  return {
    done,
    async kill() {
      if (settled) return;
      killed = true;
      await worker.terminate();
    },
  };
}

/** The worker's `done` payload ended as a run in this thread ends: with the summary, or TrainingCancelled. */
function fromOutcome(outcome: TrainOutcome): { ok: true; value: TrainSummary } | { ok: false; error: unknown } {
  return outcome.status === 'completed' ? { ok: true, value: outcome.summary } : { ok: false, error: new TrainingCancelled(outcome.lastCheckpointEpoch) };
}
