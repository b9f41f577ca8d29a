import { nested, num, oneOf, record, str, type Fail } from '../../util/check.js';
import { checkSummary } from '../run-records.js';
import type { TrainOutcome } from '../types.js';
import type { WorkerFailure } from './protocol.js';

type Obj = Record<string, unknown>;
const count = (o: Obj, key: string, fail: Fail) => num(o, key, fail, { integer: true, min: 0 });

/** Checks how a run ended: completed with its summary, or cancelled. */
export function checkOutcome(value: unknown, field: string, fail: Fail): TrainOutcome {
  const o = record(value, field, fail);
  const f = nested(fail, field);
  const status = oneOf(o, 'status', ['completed', 'cancelled'] as const, f);
  if (status === 'cancelled') return { status, lastCheckpointEpoch: count(o, 'lastCheckpointEpoch', f) };
  return { status, summary: checkSummary(o.summary, 'summary', f) };
}

/** Checks an error reported by the worker. */
export function checkFailure(value: unknown, field: string, fail: Fail): WorkerFailure {
  const o = record(value, field, fail);
  const f = nested(fail, field);
  const failure: WorkerFailure = { name: str(o, 'name', f), message: str(o, 'message', f) };
  if (o.stack !== undefined) failure.stack = str(o, 'stack', f);
  if (o.input !== undefined) {
    const i = record(o.input, 'input', f);
    const inf = nested(f, 'input');
    failure.input = { code: str(i, 'code', inf), file: str(i, 'file', inf), field: str(i, 'field', inf), value: i.value, expected: str(i, 'expected', inf) };
  }
  return failure;
}
