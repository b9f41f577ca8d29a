import { InputError } from '../../errors.js';
import type { WorkerFailure } from './protocol.js';

/** An error as plain data that survives structured cloning to the host. */
export function toFailure(err: unknown): WorkerFailure {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err) };
  const failure: WorkerFailure = { name: err.name, message: err.message, stack: err.stack };
  if (err instanceof InputError) {
    failure.input = { code: err.code, file: err.file, field: err.field, value: cloneable(err.value), expected: err.expected };
  }
  return failure;
}

/**
 * The error to throw in the host: an InputError stays one (same name, fields and message), so
 * the CLI prints it as one line and picks the same exit code as for an in-process run.
 */
export function fromFailure(failure: WorkerFailure): Error {
  const { input } = failure;
  const err = input ? new InputError(input.code, input.file, input.field, input.value, input.expected) : new Error(failure.message);
  err.name = failure.name;
  err.message = failure.message;
  err.stack = `${failure.name}: ${failure.message}\n    in the training worker:\n${(failure.stack ?? '').split('\n').slice(1).join('\n')}`;
  return err;
}

function cloneable(value: unknown): unknown {
  try {
    return structuredClone(value);
  } catch {
    return String(value);
  }
}
