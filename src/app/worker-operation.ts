import type { OperationArgs, OperationName, OperationResult } from '../jobs/operations/contracts.js';
import { startJob, type JobLauncher } from '../jobs/worker/host.js';
import { throwIfCancelled } from '../util/cancel.js';
import type { OperationContext } from './context.js';

/** An operation's context, plus how its worker is started (default: a worker thread). */
export interface WorkerOperationContext extends OperationContext {
  /** The Electron shell passes one that starts a utilityProcess; tests pass a fake. */
  launch?: JobLauncher;
}

/**
 * Runs a job-worker operation off the calling thread (parcellating a study, generating the
 * demo, building a dataset) as if it were a local one: progress to `ctx.onProgress`, aborting
 * `ctx.signal` cancels the job (it rejects with Cancelled), and its checked result resolves.
 * A dead worker rejects with WorkerExitError, saying whether running it again continues.
 */
export async function runWorkerOperation<N extends OperationName>(name: N, args: OperationArgs<N>, ctx: WorkerOperationContext = {}): Promise<OperationResult<N>> {
  throwIfCancelled(ctx.signal);
  const launch = ctx.launch ?? startJob;
  const job = launch(name, args, {
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    onProgress: (progress) => ctx.onProgress?.(progress),
  });
  return job.result;
}
