import type { z } from 'zod';
import { reportIssue } from '../../util/zod-issue.js';
import { WorkerMessageError } from '../worker/errors.js';

export { fieldName } from '../../util/zod-issue.js';

/**
 * Checks `value` against `schema`; the first issue becomes a WorkerMessageError naming the
 * field path (prefixed by `at`), the value found there and what was expected, as every
 * InputError does. `source` says which side sent it ("message from the job worker").
 */
export function parseMessage<S extends z.ZodType>(schema: S, value: unknown, source: string, at: readonly PropertyKey[] = []): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const { field, value: found, expected } = reportIssue(parsed.error, value, at);
  throw new WorkerMessageError('WORKER_MESSAGE', source, field, found, expected);
}
