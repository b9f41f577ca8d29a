import { performance } from 'node:perf_hooks';

/** Where a long operation stands: its phase, how far through it, and the time left (null until known). */
export interface Progress {
  phase: string;
  done: number;
  total: number;
  etaSeconds: number | null;
  /** What is being worked on (a run's file name, a model's name), when there is one. */
  item?: string;
}

/**
 * What every operation takes besides its options: cancellation is always the signal (the
 * operation then throws `Cancelled`, src/util/cancel.ts) and progress always this callback.
 */
export interface OperationContext {
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
}

/**
 * A progress reporter for one phase that adds the ETA from the pace so far, so operations
 * only count. Each call to the returned function reports `done` of `total`.
 */
export function phaseReporter(ctx: OperationContext, phase: string, item?: string): (done: number, total: number) => void {
  const start = performance.now();
  return (done, total) => {
    const elapsed = (performance.now() - start) / 1000;
    const etaSeconds = done > 0 && total >= done ? (elapsed / done) * (total - done) : null;
    ctx.onProgress?.({ phase, done, total, etaSeconds, ...(item === undefined ? {} : { item }) });
  };
}
