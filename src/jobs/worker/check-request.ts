import { BACKEND_CHOICES } from '../../model/backend/types.js';
import { describe, nested, oneOf, record, str, type Fail } from '../../util/check.js';
import { checkModelSpec } from '../../model/config.js';
import { checkTrainOptions } from '../options.js';
import type { TrainRequest } from '../types.js';

/** Checks a TrainRequest that crossed a thread or process boundary. */
export function checkTrainRequest(value: unknown, field: string, fail: Fail): TrainRequest {
  const o = record(value, field, fail);
  const f = nested(fail, field);
  const runDir = folder(o, 'runDir', f);
  if (o.resume === true) return o.backend === undefined ? { runDir, resume: true } : { runDir, resume: true, backend: oneOf(o, 'backend', BACKEND_CHOICES, f) };
  const backend = oneOf(o, 'backend', BACKEND_CHOICES, f);
  if (o.resume !== undefined && o.resume !== false) f('resume', describe(o.resume), 'true, false or absent');
  return {
    runDir,
    dataDir: folder(o, 'dataDir', f),
    model: checkModelSpec(o.model, 'model', f),
    training: checkTrainOptions(o.training, 'training', f),
    backend,
  };
}

function folder(o: Record<string, unknown>, key: string, fail: Fail): string {
  const s = str(o, key, fail);
  if (s.length === 0) fail(key, '""', 'a folder path');
  return s;
}
