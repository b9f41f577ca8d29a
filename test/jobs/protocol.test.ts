import { describe, expect, it } from 'vitest';
import { CONTRACTS, OPERATION_NAMES } from '../../src/jobs/operations/contracts.js';
import { parseMessage } from '../../src/jobs/protocol/parse.js';
import { FROM_WORKER, hostMessage, TO_WORKER, workerMessage } from '../../src/jobs/protocol/schemas.js';
import { DEFAULT_TRAIN_OPTIONS } from '../../src/jobs/types.js';
import { WorkerMessageError } from '../../src/jobs/worker/errors.js';
import { DEFAULT_MODEL_CONFIG } from '../../src/model/types.js';

/** The WorkerMessageError a value is refused with, as { field, value, expected, message }. */
function refusal(parse: () => unknown) {
  try {
    parse();
  } catch (err) {
    expect(err).toBeInstanceOf(WorkerMessageError);
    const e = err as WorkerMessageError;
    return { field: e.field, value: e.value, expected: e.expected, message: e.message };
  }
  throw new Error('accepted');
}
const toWorker = (value: unknown) => () => parseMessage(hostMessage, value, TO_WORKER);
const fromWorker = (value: unknown) => () => parseMessage(workerMessage, value, FROM_WORKER);
const args = (op: keyof typeof CONTRACTS, value: unknown) => () => parseMessage(CONTRACTS[op].args, value, TO_WORKER, ['args']);

const trainArgs = { runDir: 'run', dataDir: 'data', backend: 'cpu', model: { ...DEFAULT_MODEL_CONFIG, cell: 'lstm' }, training: { ...DEFAULT_TRAIN_OPTIONS, epochs: 3 } };
const explainArgs = { request: { runDir: 'run', method: 'grad', samples: 'test', target: 'true', options: {} }, batchSize: 8, backend: 'cpu', out: 'out' };
const studyArgs = { input: { dir: 'bids' }, window: 4, stride: 2, labelBy: 'task', out: 'data' };
const reportArgs = { runDir: 'run', saliencyDir: 'run/saliency/grad', out: 'report', formats: ['tsv', 'json'] };

describe('the job protocol’s messages', () => {
  it('accepts a well-formed start and cancel, with or without a job id', () => {
    expect(parseMessage(hostMessage, { kind: 'start', jobId: 'j1', operation: 'explain', args: explainArgs }, TO_WORKER)).toMatchObject({ operation: 'explain', jobId: 'j1' });
    expect(parseMessage(hostMessage, { kind: 'cancel' }, TO_WORKER)).toEqual({ kind: 'cancel' });
    expect(parseMessage(CONTRACTS.explain.args, explainArgs, TO_WORKER)).toEqual(explainArgs);
    expect(parseMessage(CONTRACTS.assembleStudy.args, studyArgs, TO_WORKER)).toEqual(studyArgs);
    expect(parseMessage(CONTRACTS.exportReport.args, reportArgs, TO_WORKER)).toEqual(reportArgs);
  });

  it('refuses a malformed start naming the field, the value found and what was expected', () => {
    expect(refusal(toWorker({ kind: 'start', args: {} }))).toEqual({
      field: 'operation', value: '(missing)', expected: `one of ${OPERATION_NAMES.join(', ')}`,
      message: 'message to the job worker: operation = "(missing)"; expected one of train, explain, assembleStudy, exportReport, parcellateStudy, demoStudy',
    });
    expect(refusal(toWorker({ kind: 'start', jobId: 7, operation: 'train', args: {} }))).toMatchObject({ field: 'jobId', value: 7, expected: 'a string' });
    expect(refusal(toWorker({ kind: 'begin' }))).toMatchObject({ field: 'kind', value: 'begin', expected: 'one of start, cancel' });
    expect(refusal(toWorker(null))).toMatchObject({ field: 'message', value: null, expected: 'an object' });
    expect(refusal(toWorker({ kind: 'cancel', now: true }))).toMatchObject({ field: 'now', value: true, expected: 'no such field' });
  });

  it('refuses an unknown operation by name', () => {
    expect(refusal(toWorker({ kind: 'start', operation: 'fly', args: {} }))).toMatchObject({ field: 'operation', value: 'fly', expected: 'one of train, explain, assembleStudy, exportReport, parcellateStudy, demoStudy' });
  });

  it('refuses bad args of each operation at the field, with the rule of the checker that owns it', () => {
    // train: TrainRequest's own checker (check-request.ts), reported through zod.
    expect(refusal(args('train', { ...trainArgs, training: { ...trainArgs.training, epochs: '3' } }))).toEqual({
      field: 'args.training.epochs', value: '3', expected: 'an integer ≥ 1 ≤ 10000',
      message: 'message to the job worker: args.training.epochs = "3"; expected an integer ≥ 1 ≤ 10000',
    });
    expect(refusal(args('train', { ...trainArgs, model: { ...trainArgs.model, cell: 'lstn' } }))).toMatchObject({ field: 'args.model.cell', value: 'lstn' });
    expect(refusal(args('explain', { ...explainArgs, request: { ...explainArgs.request, method: 'magic' } }))).toMatchObject({
      field: 'args.request.method', value: 'magic', expected: 'one of grad, gradxinput, ig, smoothgrad, occlusion-time, occlusion-feature',
    });
    expect(refusal(args('explain', { ...explainArgs, request: { ...explainArgs.request, options: { baseline: { kind: 'mean', mean: 'x' } } } }))).toMatchObject({ field: 'args.request.options.baseline.mean', value: 'x', expected: 'an array' });
    expect(refusal(args('explain', { ...explainArgs, batchSize: '8' }))).toMatchObject({ field: 'args.batchSize', value: '8', expected: 'a number' });
    expect(refusal(args('assembleStudy', { ...studyArgs, labelBy: 'trial' }))).toMatchObject({ field: 'args.labelBy', value: 'trial', expected: 'one of task, trial_type' });
    expect(refusal(args('assembleStudy', { ...studyArgs, input: { folder: 'bids' } }))).toMatchObject({ field: 'args.input', expected: expect.stringMatching(/string/) });
    expect(refusal(args('assembleStudy', { ...studyArgs, atlas: { labels: 5 } }))).toMatchObject({ field: 'args.atlas.labels', value: 5, expected: 'a string' });
    expect(refusal(args('exportReport', { ...reportArgs, formats: ['tsv', 'docx'] }))).toMatchObject({ field: 'args.formats[1]', value: 'docx', expected: 'one of tsv, csv, nifti, npy, json, html, pdf' });
    expect(refusal(args('exportReport', { ...reportArgs, out: '' }))).toMatchObject({ field: 'args.out', value: '', expected: 'a string of length ≥ 1' });
  });

  it('checks the study operations’ args and results: parcellateStudy, demoStudy, assembleStudy’s classes', () => {
    const parcellateArgs = { input: { manifest: 'runs.tsv' }, atlas: { labels: 'atlas.nii.gz' }, cacheDir: 'cache' };
    expect(parseMessage(CONTRACTS.parcellateStudy.args, parcellateArgs, TO_WORKER)).toEqual(parcellateArgs);
    expect(refusal(args('parcellateStudy', { input: { dir: 'bids' } }))).toMatchObject({ field: 'args.cacheDir', expected: expect.stringMatching(/string/) });
    expect(parseMessage(CONTRACTS.demoStudy.args, { dir: 'demo', seed: 4294967295 }, TO_WORKER)).toEqual({ dir: 'demo', seed: 4294967295 });
    expect(refusal(args('demoStudy', { dir: 'demo', seed: -1 }))).toMatchObject({ field: 'args.seed', value: -1 });
    expect(refusal(args('demoStudy', { dir: 'demo', seed: 1.5 }))).toMatchObject({ field: 'args.seed', value: 1.5, expected: 'an integer' });
    expect(parseMessage(CONTRACTS.assembleStudy.args, { ...studyArgs, classes: ['a', 'b'] }, TO_WORKER)).toEqual({ ...studyArgs, classes: ['a', 'b'] });
    expect(refusal(args('assembleStudy', { ...studyArgs, classes: 'a' }))).toMatchObject({ field: 'args.classes', value: 'a', expected: 'an array' });
    const run = { name: 'sub-01_task-a', file: '/d/a.nii', fromCache: false, volumes: 24, regions: 116, vanished: [{ label: 3, name: 'Gone' }], warnings: [] };
    expect(parseMessage(CONTRACTS.parcellateStudy.result, { runs: [run], imported: [] }, FROM_WORKER)).toEqual({ runs: [run], imported: [] });
    expect(refusal(() => parseMessage(CONTRACTS.parcellateStudy.result, { runs: [{ ...run, vanished: [{ label: 3 }] }], imported: [] }, FROM_WORKER, ['result'])))
      .toMatchObject({ field: 'result.runs[0].vanished[0].name' });
  });

  it('refuses a malformed progress message from the worker', () => {
    const progress = { kind: 'progress', phase: 'train', done: 3, total: 12, etaSeconds: null };
    expect(parseMessage(workerMessage, progress, FROM_WORKER)).toEqual(progress);
    expect(refusal(fromWorker({ ...progress, done: -1 }))).toEqual({
      field: 'done', value: -1, expected: 'an integer ≥ 0', message: 'message from the job worker: done = -1; expected an integer ≥ 0',
    });
    expect(refusal(fromWorker({ ...progress, done: 1.5 }))).toMatchObject({ field: 'done', value: 1.5, expected: 'an integer' });
    expect(refusal(fromWorker({ ...progress, etaSeconds: 'soon' }))).toMatchObject({ field: 'etaSeconds', value: 'soon' });
    expect(refusal(fromWorker({ ...progress, percent: 25 }))).toMatchObject({ field: 'percent', value: 25, expected: 'no such field' });
  });

  it('checks what the worker reports with each operation’s own schemas', () => {
    const batch = { epoch: 1, batch: 1, batches: 6, loss: 0.5, accuracy: 0.5, etaSeconds: 1 };
    const event = (payload: unknown) => () => parseMessage(CONTRACTS.train.event, { kind: 'batch', payload }, FROM_WORKER, ['event']);
    expect(event(batch)()).toEqual({ kind: 'batch', payload: batch });
    expect(refusal(event({ ...batch, accuracy: 1.5 })).message).toBe('message from the job worker: event.payload.accuracy = 1.5; expected a number ≥ 0 ≤ 1');
    expect(refusal(() => parseMessage(CONTRACTS.train.result, { format: 'x' }, FROM_WORKER, ['result']))).toMatchObject({ field: expect.stringMatching(/^result\./) });
    expect(refusal(fromWorker({ kind: 'failed', error: { name: 'Error', message: 'x' }, resumable: false }))).toMatchObject({ field: 'cancelled', expected: 'true or false' });
  });
});
