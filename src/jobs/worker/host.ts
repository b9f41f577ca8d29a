import { Worker } from 'node:worker_threads';
import type { OperationArgs, OperationEvent, OperationName, OperationResult } from '../operations/contracts.js';
import { jobWorkerEntry } from './entry-path.js';
import { WORKER_MARKER } from './port.js';
import { superviseJob, type Job, type JobOptions } from './supervise.js';

export type { Job, JobOptions } from './supervise.js';

/** Starts a job-worker operation: `startJob` (worker_threads) by default, an Electron utilityProcess in the app. */
export type JobLauncher = typeof startJob;

/**
 * Starts `operation` with `args` in a worker thread running the job worker, so the caller
 * stays responsive. Every message from the worker is checked (the envelope, then the
 * operation's result and events); anything that ends the worker without done or failed
 * (crash, exit, kill, a malformed message) rejects `result`, never throws elsewhere.
 */
export function startJob<N extends OperationName>(operation: N, args: OperationArgs<N>, options: JobOptions<OperationEvent<N>> = {}): Job<OperationResult<N>> {
  const worker = new Worker(jobWorkerEntry(), { workerData: WORKER_MARKER, stdout: true, stderr: true });
  const output = options.console ?? process.stderr;
  worker.stdout.pipe(output, { end: false });
  worker.stderr.pipe(output, { end: false });
  return superviseJob(operation, args, options, {
    postMessage: (message) => worker.postMessage(message),
    onMessage: (listener) => worker.on('message', listener),
    onCrash: (listener) => worker.on('error', (err) => listener(err.message)),
    onExit: (listener) => worker.on('exit', listener),
    terminate: async () => {
      await worker.terminate();
    },
  });
}
