import { BACKEND_NAMES } from '../../model/backend/types.js';
import { array, bool, describe, looseNum, nested, num, numbers, oneOf, record, str, strings, type Fail } from '../../util/check.js';
import { checkModelConfig } from '../model-config.js';
import type { TrainOutcome, TrainSummary } from '../types.js';
import type { WorkerFailure } from './protocol.js';

type Obj = Record<string, unknown>;
const count = (o: Obj, key: string, fail: Fail) => num(o, key, fail, { integer: true, min: 0 });
const share = (o: Obj, key: string, fail: Fail) => num(o, key, fail, { min: 0, max: 1 });

/** Checks how a run ended: completed with its summary, or cancelled. */
export function checkOutcome(value: unknown, field: string, fail: Fail): TrainOutcome {
  const o = record(value, field, fail);
  const f = nested(fail, field);
  const status = oneOf(o, 'status', ['completed', 'cancelled'] as const, f);
  if (status === 'cancelled') return { status, lastCheckpointEpoch: count(o, 'lastCheckpointEpoch', f) };
  return { status, summary: checkSummary(o.summary, 'summary', f) };
}

/** Checks a run summary (what summary.json holds). */
export function checkSummary(value: unknown, field: string, fail: Fail): TrainSummary {
  const o = record(value, field, fail);
  const f = nested(fail, field);
  if (o.format !== 'saliency-studio-run-summary' || o.version !== 1) f('format/version', `${describe(o.format)}/${describe(o.version)}`, 'saliency-studio-run-summary/1');
  const modelConfig = checkModelConfig(o.modelConfig, 'modelConfig', f);
  const classes = strings(o, 'classes', f);
  const confusion = array(o, 'confusion', f).map((row, i) => numbers({ row }, 'row', nested(f, `confusion[${i}]`)));
  if (confusion.length !== classes.length || confusion.some((r) => r.length !== classes.length)) {
    f('confusion', describe(confusion), `a ${classes.length} × ${classes.length} matrix (one row and column per class)`);
  }
  return {
    format: 'saliency-studio-run-summary', version: 1,
    model: oneOf(o, 'model', [modelConfig.cell], f), attention: oneOf(o, 'attention', [modelConfig.attention], f),
    variant: oneOf(o, 'variant', [modelConfig.variant], f), hidden: count(o, 'hidden', f), modelConfig,
    backend: oneOf(o, 'backend', BACKEND_NAMES, f), backendReason: str(o, 'backendReason', f),
    epochs: count(o, 'epochs', f), maxEpochs: count(o, 'maxEpochs', f), bestEpoch: count(o, 'bestEpoch', f), stoppedEarly: bool(o, 'stoppedEarly', f),
    valLoss: looseNum(o, 'valLoss', f), valAccuracy: share(o, 'valAccuracy', f), testAccuracy: share(o, 'testAccuracy', f), confusion,
    classes, classWeights: numbers(o, 'classWeights', f),
    trainSamples: count(o, 'trainSamples', f), validationSamples: count(o, 'validationSamples', f),
    validationSource: oneOf(o, 'validationSource', ['dataset', 'carved'] as const, f), testSamples: count(o, 'testSamples', f),
    seed: count(o, 'seed', f), dataset: str(o, 'dataset', f), wallSeconds: num(o, 'wallSeconds', f, { min: 0 }), resumes: count(o, 'resumes', f),
  };
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
