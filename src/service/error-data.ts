import type { ApiErrorData } from '../api/index.js';
import { InputError } from '../errors.js';
import { TrainingCancelled } from '../jobs/errors.js';
import { WorkerExitError } from '../jobs/worker/errors.js';
import { isCancelled } from '../util/cancel.js';
import { NotAvailableError } from './errors.js';

/**
 * Any error as the data a transport carries (src/api apiErrorSchema): an InputError keeps its
 * file, field, value and expected; a cancel is `CANCELLED` (resumable when a training run
 * stopped at a checkpoint); a dead worker keeps its message and whether a rerun continues;
 * anything else is `INTERNAL` with its message, never its stack.
 */
export function toErrorData(err: unknown): ApiErrorData {
  if (isCancelled(err)) return { name: err.name, code: 'CANCELLED', message: err.message, ...(err instanceof TrainingCancelled ? { resumable: true } : {}) };
  if (err instanceof InputError) {
    return { name: err.name, code: err.code, message: err.message, input: { file: err.file, field: err.field, value: plainValue(err.value), expected: err.expected } };
  }
  if (err instanceof WorkerExitError) return { name: err.name, code: `WORKER_${err.reason.toUpperCase()}`, message: err.message, resumable: err.resumable };
  if (err instanceof NotAvailableError) return { name: err.name, code: err.code, message: err.message };
  if (err instanceof Error) return { name: err.name, code: 'INTERNAL', message: err.message };
  return { name: 'Error', code: 'INTERNAL', message: String(err) };
}

/** A value that survives JSON and structured cloning as the user would read it (NaN, bigints and buffers as text). */
function plainValue(value: unknown): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (value === undefined) return '(missing)';
  try {
    const text = JSON.stringify(value);
    if (text !== undefined && text.length <= 2000) return JSON.parse(text) as unknown;
  } catch {
    // A cycle or a bigint: shown as text below.
  }
  return String(value).slice(0, 200);
}
