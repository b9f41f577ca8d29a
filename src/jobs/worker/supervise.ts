import { CONTRACTS, type OperationArgs, type OperationEvent, type OperationName, type OperationResult } from '../operations/contracts.js';
import { parseMessage } from '../protocol/parse.js';
import { FROM_WORKER, workerMessage, type HostMessage, type JobProgress } from '../protocol/schemas.js';
import { WorkerExitError } from './errors.js';
import { fromFailure } from './failure.js';

/** A job running in a job worker (a worker thread, or an Electron utility process). */
export interface Job<R> {
  /**
   * Resolves with the operation's checked result; rejects with Cancelled (TrainingCancelled for
   * training) once the signal stopped it, with the operation's error (an InputError rebuilt
   * with its fields), or with a WorkerExitError (`resumable` as the operation is) if the worker died.
   */
  result: Promise<R>;
  /** Terminates the worker at once, as a crash would; a resumable operation stays resumable. */
  kill(): Promise<void>;
}

export interface JobOptions<E> {
  /** Aborting asks the operation to stop at its next check (the worker's `cancel` message). */
  signal?: AbortSignal;
  /** Each checked progress message; an exception thrown here ends the job with that error. */
  onProgress?(progress: JobProgress): void;
  /** Each checked operation-specific event (training's); an exception here ends the job too. */
  onEvent?(event: E): void;
  /** Where the worker's console output goes (default stderr, keeping stdout clean for --json). */
  console?: NodeJS.WritableStream;
  /** Echoed on every message of the job; absent, messages carry none. */
  jobId?: string;
}

/**
 * What supervising a job needs of the worker that runs it, so that a worker thread (host.ts)
 * and an Electron utility process (electron/jobs) are checked by the same code.
 */
export interface WorkerChannel {
  postMessage(message: HostMessage): void;
  onMessage(listener: (raw: unknown) => void): void;
  /** The worker died of an error (a thread's uncaught exception, a process's fatal error). */
  onCrash(listener: (why: string) => void): void;
  /** The worker ended; a crash may be followed by an exit, which then changes nothing. */
  onExit(listener: (code: number) => void): void;
  /** Stops the worker at once. */
  terminate(): Promise<void>;
}

/**
 * Sends `start` for `operation` over `channel` and checks every message that comes back (the
 * envelope, then the operation's result and events); anything that ends the worker without
 * done or failed (crash, exit, kill, a malformed message) rejects `result`, never throws elsewhere.
 */
export function superviseJob<N extends OperationName>(
  operation: N, args: OperationArgs<N>, options: JobOptions<OperationEvent<N>>, channel: WorkerChannel,
): Job<OperationResult<N>> {
  const contract = CONTRACTS[operation];
  const { signal, jobId } = options;
  let settled = false;
  let killed = false;

  const result = new Promise<OperationResult<N>>((resolve, reject) => {
    const settle = (outcome: { ok: true; value: OperationResult<N> } | { ok: false; error: unknown }) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', cancel);
      if (outcome.ok) resolve(outcome.value);
      else reject(outcome.error);
      void channel.terminate();
    };
    channel.onMessage((raw) => {
      if (settled) return;
      try {
        const message = parseMessage(workerMessage, raw, FROM_WORKER);
        if (message.kind === 'done') settle({ ok: true, value: parseMessage(contract.result, message.result, FROM_WORKER, ['result']) as OperationResult<N> });
        else if (message.kind === 'failed') settle({ ok: false, error: fromFailure(message.error, message.cancelled) });
        else if (message.kind === 'event') options.onEvent?.(parseMessage(contract.event, message.event, FROM_WORKER, ['event']) as OperationEvent<N>);
        else {
          const { kind: _kind, jobId: _id, ...progress } = message;
          options.onProgress?.(progress);
        }
      } catch (error) {
        settle({ ok: false, error });
      }
    });
    const resumable = contract.resumable;
    const after = resumable ? (operation === 'train' ? 'the run can be resumed from its last checkpoint' : 'running it again continues where it stopped') : 'nothing was written; run it again';
    channel.onCrash((why) => settle({ ok: false, error: new WorkerExitError('crashed', resumable, `the job worker (${operation}) crashed: ${why}; ${after}`) }));
    channel.onExit((code) => settle({
      ok: false,
      error: killed
        ? new WorkerExitError('killed', resumable, `the job worker (${operation}) was killed; ${after}`)
        : new WorkerExitError('exited', resumable, `the job worker (${operation}) exited (code ${code}) before the job ended; ${after}`),
    }));
  });

  const send = (message: HostMessage) => {
    if (!settled) channel.postMessage(message);
  };
  const cancel = () => send({ kind: 'cancel', ...(jobId ? { jobId } : {}) });
  send({ kind: 'start', ...(jobId ? { jobId } : {}), operation, args });
  // Already aborted: the worker starts and stops at its first check.
  if (signal?.aborted) cancel();
  else signal?.addEventListener('abort', cancel, { once: true });
  return {
    result,
    async kill() {
      if (settled) return;
      killed = true;
      await channel.terminate();
    },
  };
}
