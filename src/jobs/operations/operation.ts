import type { z } from 'zod';
import type { JobProgress } from '../protocol/schemas.js';

/** What a running operation is given: the one way to cancel, and the two ways to report. */
export interface OperationControl<E = never> {
  /** Aborted by the worker's `cancel`: the operation stops at its next check and throws Cancelled. */
  signal: AbortSignal;
  onProgress(progress: JobProgress): void;
  /** Operation-specific events (training's curves); most operations send none. */
  onEvent(event: E): void;
}

/** One entry of the registry: its contract (schemas, resumable) and how to run it. */
export interface Operation<A = unknown, R = unknown, E = unknown> {
  args: z.ZodType<A>;
  result: z.ZodType<R>;
  event: z.ZodType<E>;
  /** Running it again after a kill or cancel continues where it stopped (a run from its last checkpoint). */
  resumable: boolean;
  run(args: A, control: OperationControl<E>): Promise<R>;
}
