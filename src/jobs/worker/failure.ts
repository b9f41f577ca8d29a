import { InputError } from '../../errors.js';
import { Cancelled, isCancelled } from '../../util/cancel.js';
import { TrainingCancelled } from '../errors.js';
import type { WorkerFailure } from '../protocol/schemas.js';

/** An error as plain data that survives structured cloning to the host. */
export function toFailure(err: unknown): WorkerFailure {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err) };
  const failure: WorkerFailure = { name: err.name, message: err.message, ...(err.stack ? { stack: err.stack } : {}) };
  if (err instanceof InputError) {
    failure.input = { code: err.code, file: err.file, field: err.field, value: cloneable(err.value), expected: err.expected };
  }
  if (err instanceof TrainingCancelled) failure.lastCheckpointEpoch = err.lastCheckpointEpoch;
  return failure;
}

/**
 * The error to throw in the host, as a run in this thread would have thrown it: a cancelled
 * job is Cancelled (TrainingCancelled with its checkpoint for training); an InputError stays
 * one (same name, fields and message), so the CLI prints one line and picks the same exit code.
 */
export function fromFailure(failure: WorkerFailure, cancelled: boolean): Error {
  const { input } = failure;
  const err = cancelled
    ? failure.lastCheckpointEpoch !== undefined ? new TrainingCancelled(failure.lastCheckpointEpoch) : new Cancelled(failure.message)
    : input ? new InputError(input.code, input.file, input.field, input.value, input.expected) : new Error(failure.message);
  err.name = failure.name;
  err.message = failure.message;
  err.stack = `${failure.name}: ${failure.message}\n    in the job worker:\n${(failure.stack ?? '').split('\n').slice(1).join('\n')}`;
  return err;
}

/** True for an error that running the same operation again may get past (not bad input, unless it was a cancel). */
export function retryable(err: unknown): boolean {
  return isCancelled(err) || !(err instanceof InputError);
}

function cloneable(value: unknown): unknown {
  try {
    return structuredClone(value);
  } catch {
    return String(value);
  }
}
