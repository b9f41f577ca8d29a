import { BACKEND_CHOICES, BACKEND_NAMES, CHOSEN_BY, type BackendReport } from '../../model/backend/types.js';
import { array, bool, looseNum, nested, num, numbers, oneOf, record, str, strings, type Fail } from '../../util/check.js';
import { checkModelConfig } from '../../model/config.js';
import { checkEpochMetrics } from '../run-records.js';
import type { BatchProgress, TrainEvents, TrainStart } from '../types.js';

/** One payload checker per kind: the map's keys are the event kinds. */
export type PayloadChecks<M> = { [K in keyof M]: (value: unknown, field: string, fail: Fail) => M[K] };

type Obj = Record<string, unknown>;
const count = (o: Obj, key: string, fail: Fail) => num(o, key, fail, { integer: true, min: 0 });
const share = (o: Obj, key: string, fail: Fail) => num(o, key, fail, { min: 0, max: 1 });
const seconds = (o: Obj, key: string, fail: Fail) => num(o, key, fail, { min: 0 });

function checkBackend(value: unknown, field: string, fail: Fail): BackendReport {
  const o = record(value, field, fail);
  const f = nested(fail, field);
  const skipped = array(o, 'skipped', f).map((s, i) => {
    const e = record(s, `skipped[${i}]`, f);
    const ef = nested(f, `skipped[${i}]`);
    return { name: oneOf(e, 'name', BACKEND_NAMES, ef), why: str(e, 'why', ef) };
  });
  const report: BackendReport = { backend: oneOf(o, 'backend', BACKEND_NAMES, f), requested: oneOf(o, 'requested', BACKEND_CHOICES, f), tfBackend: str(o, 'tfBackend', f), reason: str(o, 'reason', f), skipped };
  // Optional (reports of `auto` that measured): kept, so the UI can show the timings it chose from.
  if (o.chosenBy !== undefined) report.chosenBy = oneOf(o, 'chosenBy', CHOSEN_BY, f);
  if (o.measuredAt !== undefined) report.measuredAt = str(o, 'measuredAt', f);
  if (o.timings !== undefined) {
    report.timings = array(o, 'timings', f).map((t, i) => {
      const e = record(t, `timings[${i}]`, f);
      const ef = nested(f, `timings[${i}]`);
      return { name: oneOf(e, 'name', BACKEND_NAMES, ef), msPerStep: e.msPerStep === null ? null : num(e, 'msPerStep', ef, { min: 0 }), warmupMs: num(e, 'warmupMs', ef, { min: 0 }) };
    });
  }
  return report;
}

function checkStarted(value: unknown, field: string, fail: Fail): TrainStart {
  const o = record(value, field, fail);
  const f = nested(fail, field);
  return {
    resumedFromEpoch: count(o, 'resumedFromEpoch', f), epochs: count(o, 'epochs', f), batchesPerEpoch: count(o, 'batchesPerEpoch', f),
    trainSamples: count(o, 'trainSamples', f), validationSamples: count(o, 'validationSamples', f),
    validationSource: oneOf(o, 'validationSource', ['dataset', 'carved'] as const, f), testSamples: count(o, 'testSamples', f),
    classes: strings(o, 'classes', f), classWeights: numbers(o, 'classWeights', f), model: checkModelConfig(o.model, 'model', f),
  };
}

function checkBatch(value: unknown, field: string, fail: Fail): BatchProgress {
  const o = record(value, field, fail);
  const f = nested(fail, field);
  return { epoch: count(o, 'epoch', f), batch: count(o, 'batch', f), batches: count(o, 'batches', f), loss: looseNum(o, 'loss', f), accuracy: share(o, 'accuracy', f), etaSeconds: seconds(o, 'etaSeconds', f) };
}

function checkCheckpoint(value: unknown, field: string, fail: Fail): TrainEvents['checkpoint'] {
  const o = record(value, field, fail);
  const f = nested(fail, field);
  return { epoch: count(o, 'epoch', f), dir: str(o, 'dir', f) };
}

/** Checks for each training event the job worker streams. */
export const WORKER_EVENT_CHECKS: PayloadChecks<TrainEvents> = {
  backend: checkBackend,
  started: checkStarted,
  batch: checkBatch,
  epoch: checkEpochMetrics,
  checkpoint: checkCheckpoint,
};
