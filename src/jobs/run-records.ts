import { BACKEND_NAMES } from '../model/backend/types.js';
import { array, bool, describe, looseNum, nested, num, numbers, oneOf, record, str, strings, type Fail } from '../util/check.js';
import { MONITORS } from './early-stopping.js';
import { TrainingError } from './errors.js';
import { checkModelConfig } from '../model/config.js';
import { SEED_MAX } from '../util/seeds.js';
import type { EpochMetrics, StopReason, TrainSummary } from './types.js';

/*
 * One rule set for what a run records, whether it arrives from the worker or is read back
 * from summary.json and metrics.jsonl: every field's type and range, and the fields that must
 * agree (the accuracy is the confusion matrix's diagonal share, the best epoch is one of the epochs…).
 */

type Obj = Record<string, unknown>;
const count = (o: Obj, key: string, fail: Fail, min = 0) => num(o, key, fail, { integer: true, min });
const share = (o: Obj, key: string, fail: Fail) => num(o, key, fail, { min: 0, max: 1 });
const seconds = (o: Obj, key: string, fail: Fail) => num(o, key, fail, { min: 0 });

/** Checks a run summary nested in a message under `field`. */
export function checkSummary(value: unknown, field: string, fail: Fail): TrainSummary {
  return summaryFields(record(value, field, fail), nested(fail, field));
}

/** Checks what summary.json holds; errors name `file` and the field (a TrainingError unless `fail` says otherwise). */
export function checkTrainSummary(value: unknown, file: string, fail: Fail = fileFail('RUN_SUMMARY', file)): TrainSummary {
  return summaryFields(record(value, 'contents', fail), fail);
}

/** Checks one epoch's metrics (a metrics.jsonl line, or the event streamed after the epoch). */
export function checkEpochMetrics(value: unknown, field: string, fail: Fail): EpochMetrics {
  const o = record(value, field, fail);
  const f = nested(fail, field);
  const m: EpochMetrics = {
    epoch: count(o, 'epoch', f, 1), trainLoss: looseNum(o, 'trainLoss', f), trainAccuracy: share(o, 'trainAccuracy', f),
    valLoss: looseNum(o, 'valLoss', f), valAccuracy: share(o, 'valAccuracy', f), improved: bool(o, 'improved', f),
    bestEpoch: count(o, 'bestEpoch', f), seconds: seconds(o, 'seconds', f), etaSeconds: seconds(o, 'etaSeconds', f), liveTensors: count(o, 'liveTensors', f),
  };
  if (m.bestEpoch > m.epoch) f('bestEpoch', m.bestEpoch, `≤ epoch (${m.epoch})`);
  return m;
}

/** A Fail throwing TrainingErrors about `file`. */
export function fileFail(code: string, file: string): Fail {
  return (field, value, expected) => {
    throw new TrainingError(code, file, field, value, expected);
  };
}

function summaryFields(o: Obj, f: Fail): TrainSummary {
  if (o.format !== 'saliency-studio-run-summary' || o.version !== 1) f('format/version', `${describe(o.format)}/${describe(o.version)}`, 'saliency-studio-run-summary/1');
  const modelConfig = checkModelConfig(o.modelConfig, 'modelConfig', f);
  const classes = strings(o, 'classes', f);
  if (classes.length !== modelConfig.classes) f('classes', describe(classes), `${modelConfig.classes} classes, as modelConfig.classes`);
  const confusion = array(o, 'confusion', f).map((row, i) => numbers({ row }, 'row', nested(f, `confusion[${i}]`)));
  if (confusion.length !== classes.length || confusion.some((r) => r.length !== classes.length)) {
    f('confusion', describe(confusion), `a ${classes.length} × ${classes.length} matrix (one row and column per class)`);
  }
  if (!confusion.flat().every((n) => Number.isInteger(n) && n >= 0)) f('confusion', describe(confusion), 'counts (integers ≥ 0)');
  const classWeights = numbers(o, 'classWeights', f);
  if (classWeights.length !== classes.length || !classWeights.every((w) => Number.isFinite(w) && w > 0)) {
    f('classWeights', describe(classWeights), `${classes.length} finite weights > 0 (one per class)`);
  }
  const testSamples = count(o, 'testSamples', f, 1);
  const tested = confusion.flat().reduce((a, n) => a + n, 0);
  if (tested !== testSamples) f('testSamples', testSamples, `${tested}, the count in the confusion matrix`);
  const testAccuracy = share(o, 'testAccuracy', f);
  const diagonal = confusion.reduce((a, row, i) => a + row[i], 0) / testSamples;
  if (Math.abs(testAccuracy - diagonal) > 1e-9) f('testAccuracy', testAccuracy, `${diagonal}, the confusion matrix's share on its diagonal`);
  const maxEpochs = count(o, 'maxEpochs', f, 1);
  const epochs = count(o, 'epochs', f, 1);
  if (epochs > maxEpochs) f('epochs', epochs, `≤ maxEpochs (${maxEpochs})`);
  const bestEpoch = count(o, 'bestEpoch', f, 1);
  if (bestEpoch > epochs) f('bestEpoch', bestEpoch, `≤ epochs (${epochs})`);
  const stoppedEarly = bool(o, 'stoppedEarly', f);
  if (stoppedEarly !== epochs < maxEpochs) f('stoppedEarly', stoppedEarly, `${epochs < maxEpochs} (${epochs} of ${maxEpochs} epochs)`);
  const stopReason = o.stopReason === undefined ? undefined : stopReasonField(o.stopReason, stoppedEarly, f);
  return {
    format: 'saliency-studio-run-summary', version: 1,
    model: oneOf(o, 'model', [modelConfig.cell], f), attention: oneOf(o, 'attention', [modelConfig.attention], f),
    variant: oneOf(o, 'variant', [modelConfig.variant], f), hidden: same(o, 'hidden', modelConfig.hidden, f), modelConfig,
    backend: oneOf(o, 'backend', BACKEND_NAMES, f), backendReason: str(o, 'backendReason', f),
    epochs, maxEpochs, bestEpoch, stoppedEarly, ...(stopReason === undefined ? {} : { stopReason }),
    // Summaries written before `monitor` was recorded followed the validation loss, the only monitor there was then.
    monitor: o.monitor === undefined ? 'val_loss' : oneOf(o, 'monitor', MONITORS, f),
    valLoss: looseNum(o, 'valLoss', f), valAccuracy: share(o, 'valAccuracy', f), testAccuracy, confusion,
    classes, classWeights,
    trainSamples: count(o, 'trainSamples', f, 1), validationSamples: count(o, 'validationSamples', f),
    validationSource: oneOf(o, 'validationSource', ['dataset', 'carved'] as const, f), testSamples,
    seed: num(o, 'seed', f, { integer: true, min: 0, max: SEED_MAX }), dataset: str(o, 'dataset', f), wallSeconds: seconds(o, 'wallSeconds', f), resumes: count(o, 'resumes', f),
  };
}

/** A field that repeats one of modelConfig's. */
function same(o: Obj, key: 'hidden', expected: number, fail: Fail): number {
  if (o[key] !== expected) fail(key, describe(o[key]), `${expected}, as modelConfig.${key}`);
  return expected;
}

/** summary.json's `stopReason`: null exactly when the run was not stopped early. */
function stopReasonField(value: unknown, stoppedEarly: boolean, fail: Fail): StopReason | null {
  if (value === null) {
    if (stoppedEarly) fail('stopReason', null, 'why the run stopped early (it did)');
    return null;
  }
  if (!stoppedEarly) fail('stopReason', describe(value), 'null (the run trained every epoch)');
  const f = nested(fail, 'stopReason');
  const o = record(value, 'stopReason', fail);
  const kind = oneOf(o, 'kind', ['patience', 'train-accuracy'] as const, f);
  if (kind === 'patience') return { kind, without: num(o, 'without', f, { integer: true, min: 0 }), unit: oneOf(o, 'unit', ['epoch', 'evaluation'] as const, f) };
  return { kind, target: num(o, 'target', f, { min: 0, max: 1 }) };
}
