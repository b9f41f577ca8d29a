import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { trainOptions } from '../../src/api/schemas/train.js';
import { parseTrainArgs } from '../../src/cli/commands/train-options.js';
import { UsageError } from '../../src/errors.js';
import { readLatestCheckpoint } from '../../src/jobs/checkpoint.js';
import { TrainingError } from '../../src/jobs/errors.js';
import { evaluate, type Evaluation } from '../../src/jobs/evaluate.js';
import { readModelDir } from '../../src/jobs/model-dir.js';
import { checkTrainOptions } from '../../src/jobs/options.js';
import { stoppedEarlyText } from '../../src/jobs/monitor-text.js';
import { readMetrics, readSummary } from '../../src/jobs/run-dir.js';
import { DEFAULT_TRAIN_OPTIONS, type TrainEvent, type TrainOptions } from '../../src/jobs/types.js';
import { PAPER_TRAINING_RULE } from '../../src/paper/training-rule.js';
import { tempDir } from '../helpers/temp-tree.js';
import { newRun, testDeps, trainCollecting } from './helpers/run.js';
import { writeToyDataset } from './helpers/toy-dataset.js';

// An explicit validation split: 24 training samples, so batches of 4 make 6 batches an epoch.
const spec = { counts: { train: [12, 12], validation: [3, 3], test: [3, 3] }, window: 4, regions: 3 };
const BATCHES = 6;

async function setup(training: Partial<TrainOptions> = {}, name = 'run', root?: string) {
  const dir = root ?? (await tempDir());
  const data = await writeToyDataset(path.join(dir, 'data'), spec);
  return { root: dir, data, request: newRun(path.join(dir, name), data, training) };
}

/** Where training stood (epoch, batch of the epoch) at each validation call, from the batch events. */
function recordingEvaluator(answers?: number[]) {
  const calls: { epoch: number; batch: number; weights: ReturnType<SequenceClassifierLike['getWeights']> }[] = [];
  let at = { epoch: 0, batch: 0 };
  const onEvent = (e: TrainEvent) => {
    if (e.kind === 'batch') at = { epoch: e.payload.epoch, batch: e.payload.batch };
  };
  const fake: typeof evaluate = async (model, table, indices, weights, size) => {
    calls.push({ ...at, weights: model.getWeights() });
    const real = await evaluate(model, table, indices, weights, size);
    if (!answers) return real;
    const accuracy = answers[calls.length - 1];
    return { ...real, accuracy, loss: 1 - accuracy } satisfies Evaluation;
  };
  return { calls, onEvent, deps: { ...testDeps, evaluate: fake } };
}

type SequenceClassifierLike = Parameters<typeof evaluate>[0];
const trainingOf = (args: ReturnType<typeof parseTrainArgs>) => (args.help === false && 'training' in args.options ? args.options.training : undefined);
const stripTimes = (lines: object[]) => lines.map((m) => ({ ...m, seconds: 0, etaSeconds: 0 }));

describe('the paper\'s training rule (evaluation every k batches, stop at a training accuracy)', () => {
  it('evaluates after every k-th batch counted across epochs, plus once at an epoch end off the schedule (for its metrics)', async () => {
    const { request } = await setup({ epochs: 3, evaluateEveryBatches: 4 });
    const rec = recordingEvaluator();
    const { events } = await trainCollecting(request, { onEvent: rec.onEvent }, rec.deps);
    expect(events.find((e) => e.kind === 'started')?.payload).toMatchObject({ batchesPerEpoch: BATCHES });
    // Run batches 4, 8, 12, 16 are on the schedule; epochs 1 and 3 end at 6 and 18, off it.
    expect(rec.calls.map(({ epoch, batch }) => [epoch, batch])).toEqual([[1, 4], [1, 6], [2, 2], [2, 6], [3, 4], [3, 6]]);
  });

  it('keeps the first of tied best validation accuracies, with the weights of that evaluation (mid-epoch)', async () => {
    const { request } = await setup({ epochs: 3, evaluateEveryBatches: 3, monitor: 'val_accuracy', patience: 100 });
    // Six evaluations (run batches 3, 6, …, 18); the best, 0.75, first at the third (epoch 2, batch 3), again at the fourth and sixth.
    const rec = recordingEvaluator([0.5, 0.6, 0.75, 0.75, 0.7, 0.75]);
    const { summary } = await trainCollecting(request, { onEvent: rec.onEvent }, rec.deps);
    expect(rec.calls.map(({ epoch, batch }) => [epoch, batch])).toEqual([[1, 3], [1, 6], [2, 3], [2, 6], [3, 3], [3, 6]]);
    expect(summary.bestEpoch).toBe(2);
    const best = await readModelDir(path.join(request.runDir, 'best'));
    expect(best.weights).toEqual(rec.calls[2].weights);
    expect(best.weights).not.toEqual(rec.calls[3].weights);
    const metrics = await readMetrics(request.runDir);
    expect(metrics.map((m) => [m.improved, m.bestEpoch])).toEqual([[true, 1], [true, 2], [false, 2]]);
    // An epoch's metrics carry its last evaluation.
    expect(metrics.map((m) => m.valAccuracy)).toEqual([0.6, 0.75, 0.75]);
  });

  it('patience counts evaluations: the run stops at the evaluation that spends it, mid-epoch', async () => {
    const { request } = await setup({ epochs: 10, evaluateEveryBatches: 3, monitor: 'val_accuracy', patience: 2 });
    const rec = recordingEvaluator([0.5, 0.4, 0.5, 0.9, 0.9, 0.9, 0.9]);
    const { summary, events } = await trainCollecting(request, { onEvent: rec.onEvent }, rec.deps);
    // The first is best; the second and third bring none: stop after run batch 9 (epoch 2, batch 3).
    expect(rec.calls.map(({ epoch, batch }) => [epoch, batch])).toEqual([[1, 3], [1, 6], [2, 3]]);
    expect(events.filter((e) => e.kind === 'batch').at(-1)?.payload).toMatchObject({ epoch: 2, batch: 3 });
    expect(summary).toMatchObject({ epochs: 2, bestEpoch: 1, stoppedEarly: true, stopReason: { kind: 'patience', without: 2, unit: 'evaluation' } });
    expect(stoppedEarlyText(summary)).toBe('stopped early (no higher validation accuracy for 2 evaluations)');
    expect((await readLatestCheckpoint(request.runDir))?.state).toMatchObject({ epoch: 2, stopped: true, stopping: { bestBatch: 3, sinceBest: 2 } });
  });

  it('a run that ends before its first scheduled evaluation scores its last batch, so it has a best model (not "NaN at every epoch")', async () => {
    // 2 epochs × 6 batches = 12 batches, evaluation every 50: none on the schedule.
    const { request } = await setup({ epochs: 2, evaluateEveryBatches: 50, monitor: 'val_accuracy' });
    const rec = recordingEvaluator([0.5, 0.625]);
    const { summary } = await trainCollecting(request, { onEvent: rec.onEvent }, rec.deps);
    // One evaluation per epoch end for its metrics; the last one is also scored.
    expect(rec.calls.map(({ epoch, batch }) => [epoch, batch])).toEqual([[1, 6], [2, 6]]);
    expect(summary.bestEpoch).toBe(2);
    const best = await readModelDir(path.join(request.runDir, 'best'));
    expect(best.weights).toEqual(rec.calls[1].weights);
  });

  it('stops at the end of the first epoch whose training accuracy reaches the target', async () => {
    const { request } = await setup({ epochs: 50, learningRate: 0.3, stopAtTrainAccuracy: 1 });
    const { summary } = await trainCollecting(request);
    const metrics = await readMetrics(request.runDir);
    expect(summary.epochs).toBeLessThan(50);
    expect(summary.stoppedEarly).toBe(true);
    // Said as it happened, and read back from summary.json as written.
    expect(summary.stopReason).toEqual({ kind: 'train-accuracy', target: 1 });
    expect(stoppedEarlyText(summary)).toBe('stopped early (training accuracy reached 100 %)');
    expect((await readSummary(request.runDir))?.stopReason).toEqual({ kind: 'train-accuracy', target: 1 });
    expect(metrics.at(-1)!.trainAccuracy).toBe(1);
    expect(metrics.slice(0, -1).every((m) => m.trainAccuracy < 1)).toBe(true);
  });

  it('evaluating every epoch\'s worth of batches matches the default once-per-epoch run exactly', async () => {
    const a = await setup({ epochs: 4, monitor: 'val_accuracy' });
    const b = await setup({ epochs: 4, monitor: 'val_accuracy', evaluateEveryBatches: BATCHES }, 'every', a.root);
    const sa = (await trainCollecting(a.request)).summary;
    const sb = (await trainCollecting(b.request)).summary;
    expect(stripTimes(await readMetrics(b.request.runDir))).toEqual(stripTimes(await readMetrics(a.request.runDir)));
    expect({ ...sb, wallSeconds: 0, dataset: '' }).toEqual({ ...sa, wallSeconds: 0, dataset: '' });
    expect((await readModelDir(path.join(b.request.runDir, 'best'))).weights).toEqual((await readModelDir(path.join(a.request.runDir, 'best'))).weights);
  });

  it('without the options (or with them null) a run and its config.json are as before', async () => {
    const a = await setup({ epochs: 3 });
    const b = await setup({ epochs: 3, evaluateEveryBatches: null, stopAtTrainAccuracy: null }, 'nulls', a.root);
    await trainCollecting(a.request);
    await trainCollecting(b.request);
    const config = JSON.parse(await readFile(path.join(a.request.runDir, 'config.json'), 'utf8')) as { training: object };
    expect(Object.keys(config.training).sort()).toEqual(Object.keys(DEFAULT_TRAIN_OPTIONS).sort());
    expect(stripTimes(await readMetrics(b.request.runDir))).toEqual(stripTimes(await readMetrics(a.request.runDir)));
    expect(checkTrainOptions({ ...DEFAULT_TRAIN_OPTIONS, evaluateEveryBatches: null, stopAtTrainAccuracy: null }, 'training', () => { throw new Error('unreachable'); })).toEqual(DEFAULT_TRAIN_OPTIONS);
  });

  it('a run killed mid-epoch after a mid-epoch best evaluation resumes to the same result as an uninterrupted one', async () => {
    const training = { epochs: 4, evaluateEveryBatches: 4, monitor: 'val_accuracy' as const, learningRate: 0.3 };
    const { request, root, data } = await setup(training);
    const controller = new AbortController();
    const error = await trainCollecting(request, {
      signal: controller.signal,
      // After batch 5 of epoch 3 (an evaluation followed batch 4): killed before batch 6.
      onEvent: (e) => { if (e.kind === 'batch' && e.payload.epoch === 3 && e.payload.batch === 5) controller.abort(); },
    }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(Error);
    expect((await readLatestCheckpoint(request.runDir))?.state.epoch).toBe(2);
    const resumed = await trainCollecting({ runDir: request.runDir, resume: true, backend: 'cpu' });
    const straight = newRun(path.join(root, 'straight'), data, training);
    const s = (await trainCollecting(straight)).summary;
    // The best evaluation of this schedule comes mid-epoch, in its own folder (not an epoch's checkpoint).
    expect((await readLatestCheckpoint(straight.runDir))?.state.stopping.bestBatch! % BATCHES).not.toBe(0);
    expect({ ...resumed.summary, wallSeconds: 0, resumes: 0, dataset: '' }).toEqual({ ...s, wallSeconds: 0, dataset: '' });
    expect(stripTimes(await readMetrics(request.runDir))).toEqual(stripTimes(await readMetrics(straight.runDir)));
    for (const dir of ['best', 'final']) {
      expect((await readModelDir(path.join(request.runDir, dir))).weights).toEqual((await readModelDir(path.join(straight.runDir, dir))).weights);
    }
  });
});

describe('the training rule\'s options, checked', () => {
  it('config.json with a bad value is refused, naming the field', async () => {
    const { request } = await setup({ epochs: 1, evaluateEveryBatches: 2 });
    await trainCollecting(request);
    const file = path.join(request.runDir, 'config.json');
    const config = JSON.parse(await readFile(file, 'utf8')) as { training: Record<string, unknown> };
    await writeFile(file, JSON.stringify({ ...config, training: { ...config.training, evaluateEveryBatches: 0 } }));
    const error = await trainCollecting({ runDir: request.runDir, resume: true, backend: 'cpu' }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(TrainingError);
    expect(error).toMatchObject({ field: 'training.evaluateEveryBatches', value: 0 });
  });

  it.each([
    ['evaluateEveryBatches', 0], ['evaluateEveryBatches', 2.5], ['evaluateEveryBatches', '10'],
    ['stopAtTrainAccuracy', 0], ['stopAtTrainAccuracy', 1.01], ['stopAtTrainAccuracy', Number.NaN],
  ])('checkTrainOptions refuses %s = %s, naming it', (key, value) => {
    const fields: string[] = [];
    expect(() => checkTrainOptions({ ...DEFAULT_TRAIN_OPTIONS, [key]: value }, 'training', (field) => { fields.push(field); throw new Error(field); })).toThrow();
    expect(fields).toEqual([`training.${key}`]);
    expect(trainOptions.safeParse({ ...DEFAULT_TRAIN_OPTIONS, [key]: value }).success).toBe(false);
  });

  it('the API schema and checkTrainOptions accept the rule\'s values', () => {
    const o = { ...DEFAULT_TRAIN_OPTIONS, evaluateEveryBatches: 3, stopAtTrainAccuracy: 1 };
    expect(trainOptions.parse(o)).toEqual(o);
    expect(checkTrainOptions(o, 'training', () => { throw new Error('unreachable'); })).toEqual(o);
  });

  it('the CLI reads --evaluate-every and --stop-at-train-accuracy, refusing bad values by flag', () => {
    const args = parseTrainArgs(['--data', 'd', '--out', 'o', '--evaluate-every', '10', '--stop-at-train-accuracy', '1']);
    expect(trainingOf(args)).toMatchObject({ evaluateEveryBatches: 10, stopAtTrainAccuracy: 1 });
    const plain = parseTrainArgs(['--data', 'd', '--out', 'o']);
    expect(Object.keys(trainingOf(plain) ?? {})).not.toContain('evaluateEveryBatches');
    for (const [flag, value] of [['--evaluate-every', '0'], ['--evaluate-every', '1.5'], ['--stop-at-train-accuracy', '0'], ['--stop-at-train-accuracy', '2']]) {
      let caught: unknown;
      try { parseTrainArgs(['--data', 'd', '--out', 'o', flag, value]); } catch (err) { caught = err; }
      expect(caught).toBeInstanceOf(UsageError);
      expect(caught).toMatchObject({ field: flag, value });
    }
    expect(() => parseTrainArgs(['--out', 'o', '--resume', '--evaluate-every', '3'])).toThrow(UsageError);
  });

  it('PAPER_TRAINING_RULE: 400 epochs, stop at 100 % training accuracy, evaluate every 10 batches (3 with input-cell), first best validation accuracy', () => {
    expect(PAPER_TRAINING_RULE({ attention: 'none' })).toEqual({ epochs: 400, stopAtTrainAccuracy: 1, evaluateEveryBatches: 10, monitor: 'val_accuracy' });
    expect(PAPER_TRAINING_RULE({ attention: 'input-cell' })).toEqual({ epochs: 400, stopAtTrainAccuracy: 1, evaluateEveryBatches: 3, monitor: 'val_accuracy' });
    const options = { ...DEFAULT_TRAIN_OPTIONS, ...PAPER_TRAINING_RULE({ attention: 'input-cell' }) };
    expect(checkTrainOptions(options, 'training', () => { throw new Error('unreachable'); })).toEqual(options);
  });
});
