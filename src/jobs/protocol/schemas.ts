/**
 * The one job-worker protocol, host ⇄ worker, as zod schemas (types inferred from them):
 *   host → worker   start { jobId?, operation, args } · cancel { jobId? }
 *   worker → host   progress { phase, done, total, etaSeconds, item? } · event { event } · then
 *                   exactly one of done { result } or failed { error, cancelled, resumable }
 * The envelope leaves `args`, `event` and `result` unknown: each operation's own schemas
 * (operations/contracts.ts) check them, so one envelope serves every operation.
 */
import { z } from 'zod';
import { OPERATION_NAMES } from '../operations/contracts.js';
import { progress } from './progress.js';

const jobId = z.string().min(1).optional();
const count = z.number().int().min(0);

export const startMessage = z.strictObject({ kind: z.literal('start'), jobId, operation: z.enum(OPERATION_NAMES), args: z.unknown() });
export const cancelMessage = z.strictObject({ kind: z.literal('cancel'), jobId });
export const hostMessage = z.discriminatedUnion('kind', [startMessage, cancelMessage]);

export { progress };

/** An error thrown in the worker, as plain data; `input` keeps an InputError's fields. */
export const failure = z.strictObject({
  name: z.string(),
  message: z.string(),
  stack: z.string().optional(),
  input: z.strictObject({ code: z.string(), file: z.string(), field: z.string(), value: z.unknown(), expected: z.string() }).optional(),
  /** A cancelled or killed training session's last kept checkpoint (TrainingCancelled). */
  lastCheckpointEpoch: count.optional(),
});

export const workerMessage = z.discriminatedUnion('kind', [
  progress.extend({ kind: z.literal('progress'), jobId }),
  z.strictObject({ kind: z.literal('event'), jobId, event: z.strictObject({ kind: z.string(), payload: z.unknown() }) }),
  z.strictObject({ kind: z.literal('done'), jobId, result: z.unknown() }),
  z.strictObject({
    kind: z.literal('failed'), jobId, error: failure,
    /** True when the job stopped because it was cancelled (its error is Cancelled). */
    cancelled: z.boolean(),
    /** True when running the same operation again continues where this one stopped. */
    resumable: z.boolean(),
  }),
]);

export type HostMessage = z.infer<typeof hostMessage>;
export type StartMessage = z.infer<typeof startMessage>;
export type WorkerMessage = z.infer<typeof workerMessage>;
export type JobProgress = z.infer<typeof progress>;
export type WorkerFailure = z.infer<typeof failure>;

export const TO_WORKER = 'message to the job worker';
export const FROM_WORKER = 'message from the job worker';
